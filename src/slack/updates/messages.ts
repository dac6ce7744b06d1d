// Every sentence the notifications feature says on its own behalf, in one place. Tests assert against these.

/**
 * Sent by DM to whoever subscribed a channel when Slack refuses to post there for good.
 * {channel} is a channel mention, {reason} one of SUBSCRIPTION_DISABLED_REASONS, {following} what it followed.
 */
export const SUBSCRIPTION_DISABLED_DM =
  "I couldn't post a framework update to {channel} because {reason}, so I've turned off its subscriptions ({following}). Once that's sorted, subscribe the channel again.";

export const SUBSCRIPTION_DISABLED_REASONS: Readonly<Record<string, string>> = Object.freeze({
  is_archived: "the channel is archived",
  channel_not_found: "the channel no longer exists or I can't see it",
  not_in_channel: "I'm not a member of it (invite me with `/invite @Rolecall`)",
  access_revoked: "Rolecall's access to this workspace was revoked",
  not_allowed: "I'm not allowed to post there",
});

/** {code} is Slack's error string. */
export const SUBSCRIPTION_DISABLED_OTHER_REASON = "Slack refused with “{code}”";

/** The Details button of an update that is no longer stored (e.g. the database was reset). */
export const DETAILS_GONE =
  "The details of this update are no longer available. Newer updates will have their own Details button.";

export const DETAILS_INVALID = "That button no longer works.";

/**
 * DMed to ROLECALL_ADMINS when an edit cannot be loaded. {count} is "1 problem" or "N problems"; {problems}
 * lists them, one "• file:line:col field: message" per line.
 */
export const KNOWLEDGE_INVALID_DM =
  "The knowledge folder has {count}, so I haven't published the edit and I'm still answering from the last good knowledge. Fix the file and save it again; I'll pick it up on my own.\n{problems}";

/** DMed to ROLECALL_ADMINS once per content the store refuses for good. {error} is the store's reason. */
export const KNOWLEDGE_TOO_LARGE_DM =
  "The knowledge folder loads and I'm answering from it, but it's too large to record as a snapshot ({error}), so no channel is told about this edit. I won't try this version again; make the knowledge smaller (for example, import fewer frameworks into this folder) and save a file, and the next publish announces everything since the last one recorded.";

/** The last line of a cut-short problem list. */
export const MORE_PROBLEMS = "…and {count} more";

// ---------- review reminders ----------

export const REVIEW_DUE_TITLE = "Knowledge due for review";
export const REVIEW_DUE_INTRO =
  "You own this knowledge in Rolecall, and it is due for review. Is it still correct?";
/** One item: {label} a file or source, {since} "4 Feb 2026", {every} 30d, {count} "12 subjects", {files}. */
export const REVIEW_DUE_ITEM = "• *{label}*: due since {since} (reviewed every {every}; {count}) in {files}";
export const REVIEW_STILL_CORRECT_BUTTON = "Still correct";
export const REVIEW_NEEDS_CHANGE_BUTTON = "Needs change";
/** Replaces the buttons once pressed. {date} is "2 Dec 2026". */
export const REVIEW_RECORDED =
  "Recorded as still correct on {date}. I'll ask again when the interval has passed.";
/** {files} lists the knowledge files, one "• file" per line. */
export const REVIEW_NEEDS_CHANGE =
  "Edit these files, then save them: Rolecall publishes a saved file on its own (or use `/role reload`).\n{files}";
/** Logged, and the reminder given up, when a user group owner cannot be resolved to its members. */
export const REVIEW_GROUP_UNRESOLVED = "owner_group_unresolved";
