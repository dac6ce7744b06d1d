// Slack's Web API errors and what each means to Rolecall, in one table that the listeners (what to tell the
// person), update delivery (what the outbox does next) and start-up (which token to fix) all read.

/** @slack/web-api error codes, matched by their stable strings. */
export const WEB_API_ERROR = Object.freeze({
  platform: "slack_webapi_platform_error",
  rateLimited: "slack_webapi_rate_limited_error",
  http: "slack_webapi_http_error",
  request: "slack_webapi_request_error",
});

/** How long to wait when Slack rate limits without saying for how long (an ok:false "ratelimited" body). */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** Why a channel cannot be posted to; keys of SUBSCRIPTION_DISABLED_REASONS, or "other". */
export type ChannelRefusal =
  | "is_archived"
  | "channel_not_found"
  | "not_in_channel"
  | "access_revoked"
  | "not_allowed"
  | "other";

export interface ApiErrorMeaning {
  /** posting there will keep failing until a person does something, for this reason */
  refusal?: ChannelRefusal;
  /** Slack refused the message itself: retrying it cannot help, and the channel is not to blame */
  payload?: true;
  /** Slack asked us to slow down */
  rateLimited?: true;
  /** the token is not (or no longer) accepted: at start-up, the variable holding it is wrong */
  badToken?: true;
  /** a listener tells the person about this one in words of its own (see slack/errors.ts) */
  listener?: "not_in_channel" | "channel_not_found" | "channel_archived" | "rate_limited";
}

export const SLACK_API_ERRORS: Readonly<Record<string, ApiErrorMeaning>> = Object.freeze({
  ratelimited: { rateLimited: true, listener: "rate_limited" },
  rate_limited: { rateLimited: true },
  is_archived: { refusal: "is_archived", listener: "channel_archived" },
  channel_not_found: { refusal: "channel_not_found", listener: "channel_not_found" },
  not_in_channel: { refusal: "not_in_channel", listener: "not_in_channel" },
  account_inactive: { refusal: "access_revoked", badToken: true },
  invalid_auth: { refusal: "access_revoked", badToken: true },
  not_authed: { refusal: "access_revoked", badToken: true },
  token_revoked: { refusal: "access_revoked", badToken: true },
  token_expired: { refusal: "access_revoked", badToken: true },
  team_access_not_granted: { refusal: "access_revoked" },
  missing_scope: { refusal: "not_allowed" },
  no_permission: { refusal: "not_allowed" },
  access_denied: { refusal: "not_allowed" },
  restricted_action: { refusal: "not_allowed" },
  restricted_action_read_only_channel: { refusal: "not_allowed" },
  restricted_action_thread_only_channel: { refusal: "not_allowed" },
  restricted_action_non_threadable_channel: { refusal: "not_allowed" },
  ekm_access_denied: { refusal: "not_allowed" },
  team_not_found: { refusal: "other" },
  enterprise_is_restricted: { refusal: "other" },
  invalid_blocks: { payload: true },
  invalid_blocks_format: { payload: true },
  msg_too_long: { payload: true },
  msg_blocks_too_long: { payload: true },
  no_text: { payload: true },
  invalid_arguments: { payload: true },
  invalid_arg_name: { payload: true },
  too_many_attachments: { payload: true },
  invalid_metadata_format: { payload: true },
  invalid_metadata_schema: { payload: true },
});

export interface ApiFailure {
  /** the @slack/web-api error code, when it is one */
  code?: string;
  /** Slack's error string from an ok:false answer (is_archived) */
  slackError?: string;
  /** the meaning of slackError in the table, if it has one */
  meaning?: ApiErrorMeaning;
  /** seconds, from a 429's Retry-After */
  retryAfter?: number;
  statusCode?: unknown;
}

/** Reads what a thrown Web API error says, without trusting its shape. */
export function apiFailure(error: unknown): ApiFailure {
  const e = (error ?? {}) as {
    code?: unknown;
    retryAfter?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
  };
  const slackError = typeof e.data?.error === "string" ? e.data.error : undefined;
  const meaning = slackError !== undefined ? SLACK_API_ERRORS[slackError] : undefined;
  return {
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(slackError !== undefined ? { slackError } : {}),
    ...(meaning ? { meaning } : {}),
    ...(typeof e.retryAfter === "number" && e.retryAfter >= 0 ? { retryAfter: e.retryAfter } : {}),
    statusCode: e.statusCode,
  };
}
