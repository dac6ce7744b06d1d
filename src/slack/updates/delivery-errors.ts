// Sorts a failed chat.postMessage into what the outbox does next: wait as long as Slack asked (rate
// limited), give up and switch the channel's subscriptions off (permanent), give up without blaming the
// channel (our payload was refused), or try again later (anything else). The meanings come from the one
// table of Slack's errors (src/slack/api-errors.ts).
import type { DeliveryProblem } from "../../notify/delivery.ts";
import { apiFailure, DEFAULT_RETRY_AFTER_SECONDS, WEB_API_ERROR } from "../api-errors.ts";
import { InstallationNotFoundError } from "../installations.ts";

/** When a rate limit comes without Retry-After (an ok:false "ratelimited" body). */
export const DEFAULT_RETRY_AFTER_MS = DEFAULT_RETRY_AFTER_SECONDS * 1000;

export function classifyDeliveryError(error: unknown): DeliveryProblem {
  // No installation for the row's workspace (uninstalled before the row was dropped): nothing can post there.
  if (error instanceof InstallationNotFoundError) {
    return { kind: "permanent", code: "not_installed", reason: "access_revoked" };
  }
  const failure = apiFailure(error);
  if (failure.code === WEB_API_ERROR.rateLimited) {
    return {
      kind: "rate_limited",
      code: "ratelimited",
      retryAfterMs: failure.retryAfter === undefined ? DEFAULT_RETRY_AFTER_MS : failure.retryAfter * 1000,
    };
  }
  if (failure.code === WEB_API_ERROR.platform && failure.slackError !== undefined) {
    const code = failure.slackError;
    const meaning = failure.meaning;
    if (meaning?.rateLimited) return { kind: "rate_limited", code, retryAfterMs: DEFAULT_RETRY_AFTER_MS };
    if (meaning?.refusal) return { kind: "permanent", code, reason: meaning.refusal };
    if (meaning?.payload) return { kind: "payload", code };
    return { kind: "transient", code };
  }
  if (failure.code === WEB_API_ERROR.http) {
    return { kind: "transient", code: `http_${String(failure.statusCode ?? "error")}` };
  }
  if (failure.code === WEB_API_ERROR.request) return { kind: "transient", code: "request_failed" };
  return { kind: "transient", code: "unexpected" };
}
