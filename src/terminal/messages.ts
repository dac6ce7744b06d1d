// What the local console says on its own behalf (on stderr, beside the answers).

export const CONSOLE_HINT =
  "No Slack credentials found: running the local console. To connect to Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) in .env — see README.";

/** Shown on stderr by the local console when an edited knowledge folder has been loaded. */
export const CONSOLE_RELOADED = "Knowledge reloaded: answers now come from the edited files.";

/** How the profile is set in the console and on the command line; the core's messages name it. */
export const CONSOLE_PROFILE_COMMAND = "me";
export const CLI_PROFILE_COMMAND = "rolecall me";

export const PROFILE_SAVED_LOCAL = "Saved to {file}: I'll answer your career questions from {label}.";
export const PROFILE_CLEARED_LOCAL = "Forgot your profile ({file} removed).";
export const PROFILE_NOTHING_TO_CLEAR = "You have no profile to forget.";
export const PROFILE_REFUSED_LOCAL = "{problem} Nothing was saved.";
