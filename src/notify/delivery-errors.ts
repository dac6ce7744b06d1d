// Sorts a failed chat.postMessage into what the outbox does next: wait as long as Slack asked (rate
// limited), give up and switch the channel's subscriptions off (permanent), give up without blaming the
// channel (our payload was refused), or try again later (anything else).

export type DeliveryProblem =
  | { kind: "rate_limited"; code: string; retryAfterMs: number }
  | { kind: "permanent"; code: string; reason: PermanentReason }
  | { kind: "payload"; code: string }
  | { kind: "transient"; code: string };

/** Why a channel cannot be posted to; keys of SUBSCRIPTION_DISABLED_REASONS, or "other". */
export type PermanentReason =
  | "is_archived"
  | "channel_not_found"
  | "not_in_channel"
  | "access_revoked"
  | "not_allowed"
  | "other";

/** Slack errors after which posting to this channel will keep failing until a person does something. */
const PERMANENT: Readonly<Record<string, PermanentReason>> = {
  is_archived: "is_archived",
  channel_not_found: "channel_not_found",
  not_in_channel: "not_in_channel",
  account_inactive: "access_revoked",
  invalid_auth: "access_revoked",
  not_authed: "access_revoked",
  token_revoked: "access_revoked",
  token_expired: "access_revoked",
  team_access_not_granted: "access_revoked",
  missing_scope: "not_allowed",
  no_permission: "not_allowed",
  access_denied: "not_allowed",
  restricted_action: "not_allowed",
  restricted_action_read_only_channel: "not_allowed",
  restricted_action_thread_only_channel: "not_allowed",
  restricted_action_non_threadable_channel: "not_allowed",
  ekm_access_denied: "not_allowed",
  team_not_found: "other",
  enterprise_is_restricted: "other",
};

/** Slack refused the message itself: retrying the same payload cannot help, and the channel is not to blame. */
const PAYLOAD = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "msg_blocks_too_long",
  "no_text",
  "invalid_arguments",
  "invalid_arg_name",
  "too_many_attachments",
  "invalid_metadata_format",
  "invalid_metadata_schema",
]);

/** @slack/web-api error codes, matched by their stable strings. */
const PLATFORM_ERROR = "slack_webapi_platform_error";
const RATE_LIMITED_ERROR = "slack_webapi_rate_limited_error";
const HTTP_ERROR = "slack_webapi_http_error";
const REQUEST_ERROR = "slack_webapi_request_error";

/** When a rate limit comes without Retry-After (an ok:false "ratelimited" body). */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

export function classifyDeliveryError(error: unknown): DeliveryProblem {
  const e = (error ?? {}) as {
    code?: unknown;
    retryAfter?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
  };
  if (e.code === RATE_LIMITED_ERROR) {
    const seconds = typeof e.retryAfter === "number" && e.retryAfter >= 0 ? e.retryAfter : undefined;
    return {
      kind: "rate_limited",
      code: "ratelimited",
      retryAfterMs: seconds === undefined ? DEFAULT_RETRY_AFTER_MS : seconds * 1000,
    };
  }
  if (e.code === PLATFORM_ERROR && typeof e.data?.error === "string") {
    const code = e.data.error;
    if (code === "ratelimited" || code === "rate_limited") {
      return { kind: "rate_limited", code, retryAfterMs: DEFAULT_RETRY_AFTER_MS };
    }
    const reason = PERMANENT[code];
    if (reason) return { kind: "permanent", code, reason };
    if (PAYLOAD.has(code)) return { kind: "payload", code };
    return { kind: "transient", code };
  }
  if (e.code === HTTP_ERROR) return { kind: "transient", code: `http_${String(e.statusCode ?? "error")}` };
  if (e.code === REQUEST_ERROR) return { kind: "transient", code: "request_failed" };
  return { kind: "transient", code: "unexpected" };
}
