// The one place that turns an unknown error from a listener into something to log and something to
// tell the person: a Slack Web API error they can act on, or an apology with a reference.

import { fill } from "../core/text/template.ts";
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

const PLATFORM_ERRORS: Readonly<Record<string, ProblemKind>> = {
  not_in_channel: "not_in_channel",
  channel_not_found: "channel_not_found",
  is_archived: "channel_archived",
  ratelimited: "rate_limited",
};

/** Error codes from @slack/web-api and Bolt, matched by their stable `code` strings. */
const WEB_API_PLATFORM_ERROR = "slack_webapi_platform_error";
const WEB_API_RATE_LIMITED = "slack_webapi_rate_limited_error";

export function classifyError(error: unknown): Problem {
  const e = error as { code?: unknown; data?: { error?: unknown }; retryAfter?: unknown } | undefined;
  if (e?.code === WEB_API_RATE_LIMITED) {
    return { kind: "rate_limited", retryAfter: typeof e.retryAfter === "number" ? e.retryAfter : 30 };
  }
  if (e?.code === WEB_API_PLATFORM_ERROR && typeof e.data?.error === "string") {
    const kind = PLATFORM_ERRORS[e.data.error];
    if (kind === "rate_limited") return { kind, retryAfter: 30 };
    if (kind) return { kind };
  }
  if (e?.code === "ACTION_VALUE_INVALID") return { kind: "button_expired" };
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
      return fill(RATE_LIMITED, { seconds: problem.retryAfter ?? 30 });
    case "button_expired":
      return BUTTON_EXPIRED;
    case "unexpected":
      return fill(APOLOGY, { ref });
  }
}
