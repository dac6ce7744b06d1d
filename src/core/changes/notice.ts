// What one channel is told about one publish, as plain data: the changes its subscriptions matched, what it
// follows, and the names of the frameworks involved. The outbox stores this (never a platform's message
// format), and an adapter renders it when it delivers. Rows are read back from storage, maybe written by
// another version of Rolecall, so the shape is checked before anything is rendered.
import { z } from "zod";
import { type FollowedFilter, matchesSubscription } from "./subscription.ts";
import { CHANGE_KINDS, CHANGE_TYPES, type Change } from "./types.ts";

/** Stored in each payload, so a later format can be told apart (and migrated). */
export const NOTICE_FORMAT = 2;

export interface ChangeNotice {
  /** the changes this channel's subscriptions matched, in diff order */
  changes: Change[];
  /** the channel's subscriptions that matched, to say why the message came */
  following: FollowedFilter[];
  /** framework id -> display name (SFIA), for headings; ids are shown where a name is missing */
  frameworkNames: Record<string, string>;
}

export class NoticeError extends Error {
  readonly code = "NOTICE_INVALID";
  constructor(detail: string) {
    super(`outbox payload is not a change notice: ${detail}`);
    this.name = "NoticeError";
  }
}

const changeValue = z.union([z.string(), z.number(), z.array(z.string())]);

const changeSchema = z.object({
  type: z.enum(CHANGE_TYPES),
  kind: z.enum(CHANGE_KINDS),
  id: z.string(),
  name: z.string(),
  framework: z.string().optional(),
  level: z.number().optional(),
  roleLevel: z.string().optional(),
  field: z.string().optional(),
  before: changeValue.optional(),
  after: changeValue.optional(),
  roles: z.array(z.string()).optional(),
  summary: z.string(),
  excerpt: z.string().optional(),
});

const filterSchema = z.union([
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.enum(["skill", "framework", "role"]), id: z.string(), label: z.string() }),
]);

const noticeSchema = z.object({
  format: z.literal(NOTICE_FORMAT),
  changes: z.array(changeSchema).min(1),
  following: z.array(filterSchema),
  frameworkNames: z.record(z.string(), z.string()),
});

/**
 * The notice for a channel with these subscription filters: the changes any of them match, and the filters
 * that matched, in the order they first matched (`matched` holds their indexes). Undefined when none
 * matches, so the channel hears nothing.
 */
export function noticeFor(
  changes: readonly Change[],
  filters: readonly FollowedFilter[],
  frameworkNames: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): (ChangeNotice & { matched: number[] }) | undefined {
  const matched = new Set<number>();
  const selected = changes.filter((change) => {
    let any = false;
    filters.forEach((filter, i) => {
      if (matchesSubscription(change, filter)) {
        matched.add(i);
        any = true;
      }
    });
    return any;
  });
  if (selected.length === 0) return undefined;
  const names = frameworkNames instanceof Map ? Object.fromEntries(frameworkNames) : { ...frameworkNames };
  const order = [...matched];
  return {
    changes: selected,
    following: order.flatMap((i) => filters[i] ?? []),
    frameworkNames: names,
    matched: order,
  };
}

/** The JSON an outbox row stores. */
export function toNoticePayload(notice: ChangeNotice): unknown {
  return {
    format: NOTICE_FORMAT,
    changes: notice.changes,
    following: notice.following,
    frameworkNames: notice.frameworkNames,
  };
}

export function parseNotice(value: unknown): ChangeNotice {
  const result = noticeSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new NoticeError(`${issue?.path.join(".") || "payload"}: ${issue?.message ?? "invalid"}`);
  }
  const { changes, following, frameworkNames } = result.data;
  return { changes: changes as Change[], following, frameworkNames };
}
