// Button values carry the question to ask (and which part of a long answer to show), or which part of the
// RACI matrix and which page of it, so a button works even after a restart. Values come back from Slack as
// untrusted text and are validated here.
import { z } from "zod";
import type { RaciMatrixFilter } from "../core/knowledge/raci-matrix.ts";
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
  return decodeValue(raw, askValueSchema);
}

/** A page of a RACI matrix: the filter in short keys (kind, role id, words), and the page. */
const matrixValueSchema = z.strictObject({
  m: z.strictObject({
    k: z.enum(["process", "practice", "tool"]).optional(),
    r: z.string().trim().min(1).max(200).optional(),
    w: z.string().trim().min(1).max(500).optional(),
  }),
  p: z.number().int().min(1).max(MAX_PAGE),
});

export interface MatrixValue {
  filter: RaciMatrixFilter;
  page: number;
}

export function encodeMatrixValue({ filter, page }: MatrixValue): string | undefined {
  const m = {
    ...(filter.kind ? { k: filter.kind } : {}),
    ...(filter.roleId ? { r: filter.roleId } : {}),
    ...(filter.words ? { w: filter.words } : {}),
  };
  const encoded = JSON.stringify({ m, p: page });
  return encoded.length <= SLACK_LIMITS.buttonValue && page <= MAX_PAGE ? encoded : undefined;
}

export function decodeMatrixValue(raw: unknown): MatrixValue {
  const { m, p } = decodeValue(raw, matrixValueSchema);
  return {
    filter: {
      ...(m.k ? { kind: m.k } : {}),
      ...(m.r ? { roleId: m.r } : {}),
      ...(m.w ? { words: m.w } : {}),
    },
    page: p,
  };
}

/** A button value as JSON matching the schema, or ActionValueError: values come back from Slack untrusted. */
export function decodeValue<T>(raw: unknown, schema: z.ZodType<T>): T {
  if (typeof raw !== "string" || raw.length > SLACK_LIMITS.buttonValue) throw new ActionValueError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ActionValueError();
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new ActionValueError();
  return result.data;
}
