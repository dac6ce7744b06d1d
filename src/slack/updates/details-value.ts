// The value of a notification's Details button: which publish (snapshot id), which of its changes (the
// filters the channel matched with; none means all), and which page. It names stored data instead of
// carrying the diff, so it stays small and works after a restart. Values come back from Slack as
// untrusted text and are validated here.
import { z } from "zod";
import type { SubscriptionFilter } from "../../core/changes/index.ts";
import { SLACK_LIMITS } from "../render/limits.ts";

export const MAX_DETAILS_PAGE = 1000;

export interface ChangeDetailsRef {
  snapshotId: string;
  /** The channel's filters that matched; undefined when the channel follows everything. */
  filters?: Exclude<SubscriptionFilter, { kind: "all" }>[];
  /** 1-based */
  page: number;
}

export class ChangeDetailsValueError extends Error {
  readonly code = "DETAILS_VALUE_INVALID";
  constructor() {
    super("button value is not a Rolecall change reference");
    this.name = "ChangeDetailsValueError";
  }
}

const FILTER_PATTERN = /^(skill|framework|role):(.+)$/;

const valueSchema = z.strictObject({
  s: z.string().min(1).max(255),
  f: z.array(z.string().regex(FILTER_PATTERN)).min(1).max(100).optional(),
  p: z.number().int().min(2).max(MAX_DETAILS_PAGE).optional(),
});

/** Always fits a button: when the filters would make it too long they are left out (then all changes show). */
export function encodeDetailsValue(ref: ChangeDetailsRef): string {
  const page = ref.page > 1 ? { p: Math.min(ref.page, MAX_DETAILS_PAGE) } : {};
  const filters = ref.filters?.length ? { f: ref.filters.map((f) => `${f.kind}:${f.id}`) } : {};
  const full = JSON.stringify({ s: ref.snapshotId, ...filters, ...page });
  if (full.length <= SLACK_LIMITS.buttonValue && (ref.filters?.length ?? 0) <= 100) return full;
  return JSON.stringify({ s: ref.snapshotId, ...page });
}

export function decodeDetailsValue(raw: unknown): ChangeDetailsRef {
  if (typeof raw !== "string" || raw.length > SLACK_LIMITS.buttonValue) throw new ChangeDetailsValueError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ChangeDetailsValueError();
  }
  const result = valueSchema.safeParse(parsed);
  if (!result.success) throw new ChangeDetailsValueError();
  const { s, f, p } = result.data;
  return {
    snapshotId: s,
    ...(f
      ? {
          filters: f.map((token) => {
            const [, kind, id] = FILTER_PATTERN.exec(token) as RegExpExecArray;
            return { kind: kind as "skill" | "framework" | "role", id: id as string };
          }),
        }
      : {}),
    page: p ?? 1,
  };
}
