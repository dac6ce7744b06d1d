// The one place that turns an unknown error from a listener into something to log and something to
// tell the person: a Slack Web API error they can act on, or an apology with a reference.
import { randomBytes } from "node:crypto";
import type { LogFields } from "./logging.ts";
import {
  APOLOGY,
  BUTTON_EXPIRED,
  CHANNEL_ARCHIVED,
  CHANNEL_NOT_FOUND,
  fill,
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

/** A short reference a person can quote and an operator can find in the log. */
export function newErrorRef(): string {
  return randomBytes(4).toString("hex").toUpperCase();
}

/** Log fields describing an error: its code, Slack's error string and message, and the stack's top. */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  const e = error as Error & { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
  return {
    error_code: typeof e.code === "string" ? e.code : undefined,
    slack_error: typeof e.data?.error === "string" ? e.data.error : undefined,
    status: typeof e.statusCode === "number" ? e.statusCode : undefined,
    error: e.message,
    stack: e.stack
      ?.split("\n")
      .slice(1, 6)
      .map((l) => l.trim())
      .join(" | "),
  };
}
