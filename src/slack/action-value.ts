// Button values carry the question to ask (and which part of a long answer to show), so a button
// works even after a restart. Values come back from Slack as untrusted text and are validated here.
import { z } from "zod";
import { SLACK_LIMITS } from "./render/limits.ts";

export const MAX_PAGE = 100;

const askValueSchema = z.strictObject({
  q: z.string().trim().min(1),
  p: z.number().int().min(1).max(MAX_PAGE).optional(),
});

export type AskValue = z.infer<typeof askValueSchema>;

export class ActionValueError extends Error {
  readonly code = "ACTION_VALUE_INVALID";
  constructor() {
    super("button value is not a Rolecall question");
    this.name = "ActionValueError";
  }
}

/** The button value for a question, or undefined when it would not fit in a button. */
export function encodeAskValue(value: AskValue): string | undefined {
  const encoded = JSON.stringify(value.p && value.p > 1 ? { q: value.q, p: value.p } : { q: value.q });
  return encoded.length <= SLACK_LIMITS.buttonValue ? encoded : undefined;
}

export function decodeAskValue(raw: unknown): AskValue {
  if (typeof raw !== "string" || raw.length > SLACK_LIMITS.buttonValue) throw new ActionValueError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ActionValueError();
  }
  const result = askValueSchema.safeParse(parsed);
  if (!result.success) throw new ActionValueError();
  return result.data;
}
