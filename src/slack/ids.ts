// Names shared by the code and manifest.yml. tests/slack/manifest.test.ts checks the two agree.

export const COMMANDS = Object.freeze({
  role: "/role",
  level: "/level",
  raci: "/raci",
});
export type CommandName = (typeof COMMANDS)[keyof typeof COMMANDS];

export const SHORTCUTS = Object.freeze({
  askAboutMessage: "ask_rolecall_about_message",
});

/** Bot events the app subscribes to, as named in the manifest's settings.event_subscriptions.bot_events. */
export const BOT_EVENTS = Object.freeze([
  "app_home_opened",
  "app_mention",
  "message.im",
  "subteam_members_changed",
  "subteam_updated",
  // a workspace removing Rolecall: its installation, subscriptions and pending updates are forgotten
  "app_uninstalled",
  "tokens_revoked",
] as const);

/** The bot scopes an install asks for, as listed (with why) in the manifest's oauth_config.scopes.bot. */
export const BOT_SCOPES = Object.freeze([
  "app_mentions:read",
  "assistant:write",
  "chat:write",
  "commands",
  "im:history",
  "usergroups:read",
  "users:read",
] as const);

/**
 * The assistant panel's events (src/slack/listeners/assistant), handled by Bolt's Assistant rather than
 * the Events API listeners. Optional in the manifest: the panel needs a paid Slack plan.
 */
export const ASSISTANT_EVENTS = Object.freeze([
  "assistant_thread_started",
  "assistant_thread_context_changed",
] as const);

/**
 * Block action ids. Buttons in one block need distinct action_ids, so rendered ids carry a suffix
 * (rolecall_ask:0, rolecall_page:next); listeners match on the prefix.
 */
export const ACTIONS = Object.freeze({
  /** re-ask a question (follow-ups, examples, did-you-mean) and update the answer in place */
  ask: "rolecall_ask",
  /** show another part of a long answer in place */
  page: "rolecall_page",
  /** post an ephemeral answer visibly in the channel */
  share: "rolecall_share",
  /** show another page of a RACI matrix in place; the value carries the matrix's filter and the page */
  matrixPage: "rolecall_matrix_page",
  /** a helpful / not helpful vote on an answer: native feedback_buttons, or plain buttons on App Home */
  feedback: "rolecall_feedback",
});

export function actionIdPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}(?::[a-z0-9_-]+)?$`);
}
