// The one place that turns an unknown error from a listener into something to log and something to
// tell the person: a Slack Web API error they can act on, or an apology with a reference.

import { fill } from "../core/text/template.ts";
import { apiFailure, DEFAULT_RETRY_AFTER_SECONDS, WEB_API_ERROR } from "./api-errors.ts";
import {
  APOLOGY,
  BUTTON_EXPIRED,
  CHANNEL_ARCHIVED,
  CHANNEL_NOT_FOUND,
  NOT_IN_CHANNEL,
  RATE_LIMITED,
} from "./messages.ts";

export type ProblemKind =
  | "not_in_channel"
  | "channel_not_found"
  | "channel_archived"
  | "rate_limited"
  | "button_expired"
  | "unexpected";

export interface Problem {
  kind: ProblemKind;
  /** seconds Slack asked us to wait */
  retryAfter?: number;
}

export function classifyError(error: unknown): Problem {
  const failure = apiFailure(error);
  if (failure.code === WEB_API_ERROR.rateLimited) {
    return { kind: "rate_limited", retryAfter: failure.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS };
  }
  if (failure.code === WEB_API_ERROR.platform) {
    const kind = failure.meaning?.listener;
    if (kind === "rate_limited") return { kind, retryAfter: DEFAULT_RETRY_AFTER_SECONDS };
    if (kind) return { kind };
  }
  if (failure.code === "ACTION_VALUE_INVALID") return { kind: "button_expired" };
  return { kind: "unexpected" };
}

/** What to tell the person, given the problem and the reference logged with it. */
export function userMessage(problem: Problem, ref: string): string {
  switch (problem.kind) {
    case "not_in_channel":
      return NOT_IN_CHANNEL;
    case "channel_not_found":
      return CHANNEL_NOT_FOUND;
    case "channel_archived":
      return CHANNEL_ARCHIVED;
    case "rate_limited":
      return fill(RATE_LIMITED, { seconds: problem.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS });
    case "button_expired":
      return BUTTON_EXPIRED;
    case "unexpected":
      return fill(APOLOGY, { ref });
  }
}
