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
/** An answer that names people offers two shares: one that pings nobody, and one that notifies them. */
export const SHARE_QUIETLY_BUTTON = "Share";
export const SHARE_AND_NOTIFY_BUTTON = "Share and notify";

/** After the people named for a role, when there are more than an answer lists. {count} is how many. */
export const MORE_PEOPLE = "and {count} more";
/** A holder whose name Slack could not give, in a shared copy that must not mention them. */
export const NAME_UNAVAILABLE = "a person whose name I couldn't look up";
/** The label of the field that names who holds a role, in a role answer. */
export const HELD_BY = "Held by";

export const PEOPLE_NOTES_TITLE = "People behind the roles (shown to admins)";
/** {scope} is the missing OAuth scope. */
export const PEOPLE_MISSING_SCOPE =
  "Rolecall lacks the `{scope}` scope, so answers can't name the members of user groups. Reinstall the app from manifest.yml to grant it.";
/** {handle} is the group's handle, escaped. */
export const PEOPLE_UNKNOWN_GROUP =
  "The knowledge names the user group @{handle}, which this workspace doesn't have (or has disabled), so answers leave its members out. Fix the handle in the knowledge.";
/** {what} is what was being looked up; {error} is Slack's error string. */
export const PEOPLE_LOOKUP_FAILED =
  "I couldn't look up {what} in Slack ({error}); answers name the people the roster knows.";
export const NEXT_PART_BUTTON = "Show more";
export const PREVIOUS_PART_BUTTON = "Previous part";
/** {page} and {pages} number the parts of a long answer. */
export const PART_OF = "part {page} of {pages}";

// ---------- the RACI matrix (/raci matrix), paged within the table block's 100 rows of 20 cells ----------

export const MATRIX_NEXT_PAGE = "Next page";
export const MATRIX_PREVIOUS_PAGE = "Previous page";
/** {page} and {pages} number the pages of a matrix too large for one table. */
export const MATRIX_PAGE_OF = "page {page} of {pages}";
/** Where on the whole matrix a page is. */
export const MATRIX_PAGE_SHOWS =
  "Rows {rowFrom}–{rowTo} of {rows}, role columns {roleFrom}–{roleTo} of {roles}";

export const HOME_INTRO =
  "I answer questions about IT roles, skill levels and who is responsible for what, from the knowledge your team keeps in Rolecall.";

export const HOW_TO_ASK = [
  "• `/role &lt;question&gt;` asks anything, e.g. `/role what does an IT service manager do?`",
  "• `/level &lt;level or skill&gt;` explains a level, e.g. `/level SFIA 5`",
  "• `/raci &lt;process&gt;` shows who is responsible, e.g. `/raci change management`",
  "• `/raci matrix` shows the RACI matrix, or part of it: `/raci matrix for tools`, `/raci matrix for the change manager`",
  "• `/role me &lt;role level or skills&gt;` tells me where you stand, e.g. `/role me senior IT service manager` or `/role me ITMG 5, PROG 3`; then ask `/role what do I need for the next level`",
  "• Send me a direct message in my *Messages* tab",
  "• Mention me in a channel and I answer in a thread",
  "• On any message, open *More actions* and choose *Ask Rolecall about this*",
  "Answers to commands and shortcuts are only visible to you until you press *Share in channel*. An answer that names people offers *Share*, which pings nobody, and *Share and notify*.",
  "Press *Helpful* or *Not helpful* under an answer to tell the people who keep the knowledge; you can change your vote.",
].join("\n");

export const HELP_TITLE = "How to ask Rolecall";
export const TRY_ASKING = "Try asking";
export const FRAMEWORKS_TITLE = "What I know";
export const SUBSCRIPTIONS_TITLE = "Your subscriptions";
export const NO_SUBSCRIPTIONS = "You have no subscriptions yet.";

// ---------- subscriptions (/role subscribe, unsubscribe, subscriptions) and /role reload ----------

export const UPDATES_TITLE = "Framework updates";

export const UPDATES_HELP = [
  "• `/role subscribe` in a channel posts every knowledge change there; `/role subscribe ITMG` (a skill, a framework such as SFIA, or a role) posts only those",
  "• `/role subscriptions` lists what a channel follows, and `/role unsubscribe [what]` stops it",
  "• `/role reload` publishes edited knowledge at once (admins only)",
  "• `/role gaps` shows the questions the knowledge did not answer well, and where answers belong (admins only)",
].join("\n");

export const SUBSCRIBE_REFUSED =
  "Only workspace admins and owners, and Rolecall's own admins, can change which updates this channel gets. Ask one of them to run the command; anyone can see what the channel follows with `/role subscriptions`.";

export const RELOAD_REFUSED =
  "Only workspace admins and owners, and Rolecall's own admins, can publish the knowledge with `/role reload`. Edits are picked up on their own a moment after a file is saved.";

/** {error} is Slack's error string. */
export const PERMISSION_CHECK_FAILED =
  "I couldn't check whether you're a workspace admin (Slack said “{error}”), so I haven't changed anything. If it says missing_scope, Rolecall needs reinstalling so it gets the users:read scope.";

export const SUBSCRIBE_IN_DM =
  "Subscriptions are for channels: run `/role subscribe` in the channel that should get the updates.";

export const SUBSCRIBE_INVITE =
  "I'm not a member of this channel, so I can't post updates here. Invite me with `/invite @Rolecall`, then run the command again. Nothing was subscribed.";

/** {reason} is one of STORE_FAILURE_REASONS; {ref} is the error reference in the log. */
export const SUBSCRIBE_STORE_FAILED =
  "I couldn't save the subscription because {reason}, so nothing was subscribed and nothing was announced in the channel. Try again in a moment; if it keeps failing, give your Rolecall admin this reference: {ref}.";

export const STORE_FAILURE_REASONS = Object.freeze({
  unavailable: "Rolecall's database can't be reached",
  limit: "it would go over one of the database's limits",
  refused: "Rolecall's database refused the write",
});

/** Posted in the channel. {user} mentions who subscribed it; {what} is what it follows, escaped. */
export const SUBSCRIBED_ANNOUNCEMENT =
  "{user} subscribed this channel to Rolecall's knowledge updates about {what}. Each update comes as one message, with a Details button for the full list of changes.";

/** {what} is what the channel follows; {command} is what to type after /role unsubscribe. */
export const SUBSCRIBED =
  "Done: this channel now gets updates about {what}. To stop them: `/role unsubscribe {command}`.";

export const ALREADY_SUBSCRIBED = "This channel already gets updates about {what}.";

export const UNSUBSCRIBED = "This channel no longer gets updates about {what}.";

/** {count} is how many subscriptions were removed. */
export const UNSUBSCRIBED_ALL = "Removed all of this channel's subscriptions ({count}).";

export const NOT_SUBSCRIBED_TO =
  "This channel isn't subscribed to {what}. `/role subscriptions` lists what it follows.";

export const NO_CHANNEL_SUBSCRIPTIONS =
  "This channel has no subscriptions. `/role subscribe` posts every knowledge change here; `/role subscribe ITMG` (a skill, a framework such as SFIA, or a role) posts only those.";

export const CHANNEL_SUBSCRIPTIONS_TITLE = "This channel's subscriptions";

/** One line of the list. {what}, {user} and {date} describe the subscription. */
export const SUBSCRIPTION_LINE = "• {what}, subscribed by {user} {date}";

/** Added to a switched-off subscription's line. {reason} says why. */
export const SUBSCRIPTION_OFF = " — *off*: {reason}. Subscribe again to switch it back on.";

/** {max} is the store's limit per channel. */
export const TOO_MANY_SUBSCRIPTIONS =
  "This channel already has {max} subscriptions, the most it can have. Remove some with `/role unsubscribe`, or follow everything with `/role subscribe`.";

/** {text} is what the person typed, escaped. */
export const TARGET_UNKNOWN =
  "I don't know “{text}”. You can follow a skill (e.g. ITMG), a framework (e.g. SFIA) or a role (e.g. IT service manager), or everything with `/role subscribe`.";

/** {suggestions} are commands to try. */
export const TARGET_SUGGESTIONS = "Did you mean {suggestions}?";

/** {text} is what the person typed; {candidates} are commands, one per meaning. */
export const TARGET_AMBIGUOUS = "“{text}” could mean several things. Say which: {candidates}.";

/** {name} names a RACI row or a level; {kind} says which (process, practice, tool, level). */
export const TARGET_NOT_FOLLOWABLE =
  "{name} is a {kind}, which has no updates of its own. Follow a role named in it instead, or everything with `/role subscribe`.";

export const NOTIFICATIONS_OFF = "Framework updates are not set up in this Rolecall.";

/** {changes} and {channels} are counted phrases: "3 changes", "1 channel". */
export const RELOAD_PUBLISHED = "Published: {changes}, {channels} notified.";

export const RELOAD_BASELINE =
  "Published the knowledge as the first snapshot. There was nothing to compare it with, so no channel was notified.";

export const RELOAD_UNCHANGED = "No changes since the last publish.";

/** {problems} lists each problem as file:line:col, one per line. */
export const RELOAD_INVALID =
  "Knowledge has problems, so nothing was published and I'm still answering from the last good knowledge:\n{problems}";

export const RELOAD_FAILED =
  "The new knowledge is being served, but I couldn't record the publish, so nobody was notified yet. I'll try again shortly; the log says why.";

/** {error} is the store's reason, e.g. "knowledge is 40000000 bytes as JSON; the limit is 33554432 bytes". */
export const RELOAD_REJECTED =
  "The new knowledge is being served, but it can't be recorded as a snapshot ({error}), so no channel is told about it. Make the knowledge smaller; I won't try this version again until a file changes.";

export const RELOAD_OLDER =
  "Not published: another Rolecall instance has already published newer knowledge than this one has, so announcing it would tell channels the newer changes were undone. Nobody was notified. This usually means a deploy is still rolling out.";

export const RELOAD_CONFLICT =
  "Another Rolecall instance kept publishing at the same moment. I'll try again shortly.";

// ---------- feedback on answers ----------

export const HELPFUL_BUTTON = "Helpful";
export const NOT_HELPFUL_BUTTON = "Not helpful";
export const HELPFUL_LABEL = "Mark this answer as helpful";
export const NOT_HELPFUL_LABEL = "Mark this answer as not helpful";
/** {vote} is "helpful" or "not helpful" */
export const VOTE_RECORDED = "Thanks: you marked this answer {vote}. You can change your vote.";
export const VOTE_CHANGED = "Changed your vote: you now find this answer {vote}.";
export const VOTE_REPEATED =
  "You already marked this answer {vote}, so nothing changed. Press the other button to change your vote.";
export const VOTE_UNKNOWN_ANSWER =
  "I can't find this answer any more, so I couldn't record your vote. Please ask again and vote on the new answer.";
export const FEEDBACK_OFF = "Feedback is not set up in this Rolecall.";
export const VOTE_WORDS = Object.freeze({ helpful: "helpful", not_helpful: "not helpful" });

// ---------- knowledge gaps ----------

export const GAPS_REFUSED =
  "Only workspace admins and owners, and the people in ROLECALL_ADMINS, can see the knowledge-gaps report.";
export const GAPS_TITLE = "Knowledge gaps in the last {days} days";
export const GAPS_NONE =
  "No gaps: every question in the last {days} days was answered, and nobody marked an answer not helpful.";
/** {what} is the subject's name or the question; {counts} e.g. "4 times: 3 not found, 1 not helpful" */
export const GAP_LINE = "• {what}: asked {counts}";
export const GAP_UNRECORDED = "a question whose words are not recorded";
export const GAP_NEXT = "   ↳ next: {next}";
export const GAP_NEXT_SUBJECT = "improve {subject}";
export const GAP_NEXT_FILE = "add the answer to `{file}`";
export const GAP_NEXT_NONE = "no subject is near it; add it to the knowledge file it belongs in";
export const NOT_HELPFUL_TITLE = "Answers marked not helpful most";
export const NOT_HELPFUL_LINE = "• {what} ({intent}): {notHelpful} not helpful, {helpful} helpful";
export const GAPS_USAGE =
  "Say how far back to look as a number of days, e.g. `/role gaps 7d` (default 30d, at most 3650d).";

// ---------- App Home for admins ----------

export const ADMIN_TITLE = "For admins";
export const LAST_PUBLISH_TITLE = "Last publish";
export const LAST_PUBLISH_NONE = "Nothing has been published since Rolecall started.";
export const KNOWLEDGE_PROBLEMS_TITLE = "Knowledge problems";
export const KNOWLEDGE_PROBLEMS_NONE = "None: the knowledge folder loads cleanly.";
export const SWITCHED_OFF_TITLE = "Switched-off subscriptions";
export const SWITCHED_OFF_NONE = "None.";
export const SWITCHED_OFF_LINE = "• <#{channel}>: {what} — {reason}";

/** How a person sets their profile in Slack; the core's messages name it. */
export const PROFILE_COMMAND = "/role me";

export const PROFILE_TITLE = "Your profile";

export const PROFILE_SAVED = "Saved: I'll answer your career questions from {label}.";

export const PROFILE_CLEARED =
  "Forgot your profile. Set it again any time with `/role me <role level or skills>`.";

export const NO_PROFILE_TO_CLEAR = "You have no profile to forget.";

export const PROFILE_NOT_SAVED = "{problem} Nothing was saved.";

export const PROFILE_SUGGESTIONS = "Did you mean {names}?";

export const PROFILES_OFF =
  "Profiles are switched off here: Rolecall is running without its store, so it cannot remember where you stand.";

export const HOME_NO_PROFILE =
  "Tell me where you stand and I'll show your next level and what it asks of you: `/role me senior IT service manager` or `/role me ITMG 5, PROG 3`.";

export const HOME_NEXT_LEVEL = "Next level: {name}";

export const HOME_TOP_OF_LADDER = "You are at the top of the {ladder} ladder.";

export const HOME_GAPS = "Top gaps (press one for its level text):";

export const HOME_GONE =
  "⚠️ {names} {verb} no longer in the knowledge. Set your profile again with `/role me`.";

// ---------- the assistant panel ----------

/** Above the suggested prompts of a new assistant thread. */
export const ASSISTANT_PROMPTS_TITLE = "Try asking";
/** The panel's status line while a question is answered ("Rolecall is looking this up…"). */
export const ASSISTANT_STATUS = "is looking this up…";
