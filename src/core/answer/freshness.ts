// How fresh an answer's knowledge is: the day its subject last changed (from the publish history the
// caller passes in, as plain data), and whether its owner's review interval has run out since. The core
// never reads the store: src/notify builds the history from the stored snapshots.
import type { KnowledgeBase } from "../knowledge/model.ts";
import type { ReviewInput } from "../knowledge/schema.ts";
import { formatDay, isoDay } from "../text/date.ts";
import { fill } from "../text/template.ts";
import { MESSAGES } from "./messages.ts";
import type { Answer, Subject } from "./types.ts";

/** What the publish history says, keyed as the changes of a snapshot diff are: `${kind}:${id}`. */
export interface KnowledgeHistory {
  /** change key (skill:sfia:ITMG, raci:change-management, role:it-manager, level:sfia:5) -> last change */
  changedAt: ReadonlyMap<string, Date>;
  /** the first recorded publish: what has not changed since dates from it (or from its source's date) */
  firstRecordedAt?: Date;
  /** review scope (see reviewScopeOf) -> when its owner last said it is still correct */
  reviewedAt: ReadonlyMap<string, Date>;
}

export interface ReviewDue {
  /** YYYY-MM-DD the review fell due */
  since: string;
  /** the Slack user id or user group who reviews it */
  owner: string;
  /** file:<path> or source:<id>: what the owner reviews */
  scope: string;
}

export interface Freshness {
  /** YYYY-MM-DD the answered subject's knowledge last changed */
  updatedAt: string;
  reviewDue?: ReviewDue;
}

export interface ReviewScope {
  scope: string;
  review: ReviewInput;
}

interface Located {
  file: string;
  sources?: string[] | undefined;
}

const DAY_MS = 86_400_000;

/** 90d, 12w -> milliseconds. */
export function reviewIntervalMs(every: string): number {
  const amount = Number.parseInt(every, 10);
  return amount * DAY_MS * (every.endsWith("w") ? 7 : 1);
}

/** The change key and the knowledge record a subject is about, or undefined when the knowledge lacks it. */
export function subjectRecord(
  kb: KnowledgeBase,
  subject: Subject,
): { key: string; record: Located } | undefined {
  switch (subject.kind) {
    case "skill": {
      const record = kb.skills.get(subject.id);
      return record && { key: `skill:${subject.id}`, record };
    }
    case "level": {
      const record = kb.levels.get(subject.id);
      return record && { key: `level:${subject.id}`, record };
    }
    case "role": {
      // A role level's changes are its role's (role_level_* changes carry the role's id).
      const record =
        kb.roles.get(subject.id) ??
        [...kb.roles.values()].find((role) => role.roleLevels?.some((l) => l.id === subject.id));
      return record && { key: `role:${record.id}`, record };
    }
    default: {
      const record = kb.raci.get(subject.id);
      return record && { key: `raci:${subject.id}`, record };
    }
  }
}

/** Who reviews a record: its file's review wins over the first of its sources that names one. */
export function reviewScopeOf(kb: KnowledgeBase, record: Located): ReviewScope | undefined {
  const fileReview = kb.fileReviews?.get(record.file);
  if (fileReview) return { scope: `file:${record.file}`, review: fileReview };
  for (const id of record.sources ?? []) {
    const review = kb.sources.get(id)?.review;
    if (review) return { scope: `source:${id}`, review };
  }
  return undefined;
}

/** The latest `updated` date among a record's sources. */
function sourceDate(kb: KnowledgeBase, record: Located): Date | undefined {
  const dates = (record.sources ?? [])
    .map((id) => kb.sources.get(id)?.updated)
    .filter((d): d is string => d !== undefined)
    .sort();
  const last = dates.at(-1);
  return last ? new Date(`${last}T00:00:00Z`) : undefined;
}

/** When a record last changed: the last publish that changed it, else its source's date or the first publish. */
export function lastChanged(
  kb: KnowledgeBase,
  key: string,
  record: Located,
  history: KnowledgeHistory,
): Date | undefined {
  return history.changedAt.get(key) ?? sourceDate(kb, record) ?? history.firstRecordedAt;
}

/** When a record's review falls due: its interval after its last change or last review, whichever is later. */
export function reviewDueAt(changed: Date, reviewed: Date | undefined, review: ReviewInput): Date {
  const base = reviewed && reviewed > changed ? reviewed : changed;
  return new Date(base.getTime() + reviewIntervalMs(review.every));
}

/** The freshness of an answer about these subjects (ranked, the answered one first). */
export function freshnessOf(
  kb: KnowledgeBase,
  subjects: readonly Subject[],
  history: KnowledgeHistory,
  now: Date,
): Freshness | undefined {
  const first = subjects[0];
  const found = first && subjectRecord(kb, first);
  if (!found) return undefined;
  const changed = lastChanged(kb, found.key, found.record, history);
  if (!changed) return undefined;
  const freshness: Freshness = { updatedAt: isoDay(changed) };
  const owner = reviewScopeOf(kb, found.record);
  if (owner) {
    const due = reviewDueAt(changed, history.reviewedAt.get(owner.scope), owner.review);
    if (due <= now)
      freshness.reviewDue = { since: isoDay(due), owner: owner.review.owner, scope: owner.scope };
  }
  return freshness;
}

/** "Updated 12 Nov 2026 · Due for review since 10 Feb 2027", or undefined for an undated answer. */
export function freshnessText(answer: Pick<Answer, "updatedAt" | "reviewDue">): string | undefined {
  if (!answer.updatedAt) return undefined;
  const parts = [fill(MESSAGES.updated, { date: formatDay(answer.updatedAt) })];
  if (answer.reviewDue) parts.push(fill(MESSAGES.reviewDue, { date: formatDay(answer.reviewDue.since) }));
  return parts.join(" · ");
}
