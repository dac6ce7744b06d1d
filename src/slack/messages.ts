// Every sentence Rolecall says on its own behalf in Slack, in one place. Tests assert against these.

/** Shown when a listener fails; {ref} is the reference that also appears in the log. */
export const APOLOGY = "Sorry, something went wrong (ref {ref}). Please try again in a moment.";

export const NOT_IN_CHANNEL =
  "I can't post in this channel because I'm not a member. Invite me with `/invite @Rolecall`, then try again.";

export const CHANNEL_NOT_FOUND =
  "I can't post in this conversation. Ask me in a channel I'm a member of, or in a direct message.";

export const CHANNEL_ARCHIVED = "This channel is archived, so I can't post in it.";

/** {seconds} is Slack's Retry-After. */
export const RATE_LIMITED = "Slack asked me to slow down. Please try again in {seconds} seconds.";

export const BUTTON_EXPIRED = "That button no longer works. Please ask your question again.";

export const SHORTCUT_NO_TEXT =
  "That message has no text I can read. Try *Ask Rolecall about this* on a message with words in it.";

/** {user} is a mention of the person who shared the answer. */
export const SHARED_BY = "Shared by {user}";

export const SHARE_BUTTON = "Share in channel";
export const NEXT_PART_BUTTON = "Show more";
export const PREVIOUS_PART_BUTTON = "Previous part";
/** {page} and {pages} number the parts of a long answer. */
export const PART_OF = "part {page} of {pages}";

export const HOME_INTRO =
  "I answer questions about IT roles, skill levels and who is responsible for what, from the knowledge your team keeps in Rolecall.";

export const HOW_TO_ASK = [
  "• `/role <question>` asks anything, e.g. `/role what does an IT service manager do?`",
  "• `/level <level or skill>` explains a level, e.g. `/level SFIA 5`",
  "• `/raci <process>` shows who is responsible, e.g. `/raci change management`",
  "• Send me a direct message in my *Messages* tab",
  "• Mention me in a channel and I answer in a thread",
  "• On any message, open *More actions* and choose *Ask Rolecall about this*",
  "Answers to commands and shortcuts are only visible to you until you press *Share in channel*.",
].join("\n");

export const HELP_TITLE = "How to ask Rolecall";
export const TRY_ASKING = "Try asking";
export const FRAMEWORKS_TITLE = "What I know";
export const SUBSCRIPTIONS_TITLE = "Your subscriptions";
export const NO_SUBSCRIPTIONS = "You have no subscriptions yet.";

export const CONSOLE_HINT =
  "No Slack credentials found: running the local console. To connect to Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) in .env — see README.";

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
