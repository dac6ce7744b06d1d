// What the local console says on its own behalf (on stderr, beside the answers).

export const CONSOLE_HINT =
  "No Slack credentials found: running the local console. To connect to Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) in .env — see README.";

/** Shown on stderr by the local console when an edited knowledge folder has been loaded. */
export const CONSOLE_RELOADED = "Knowledge reloaded: answers now come from the edited files.";
