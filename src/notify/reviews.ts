// Review reminders: which knowledge has fallen due for review (its owner's interval has run out since its
// last change or its last "Still correct"), grouped into one reminder per owner, queued through the same
// outbox as update notices. The store remembers when each scope was reminded, so a reminder is not
// repeated before the interval, across restarts and instances.
import {
  type KnowledgeHistory,
  lastChanged,
  type ReviewScope,
  reviewDueAt,
  reviewIntervalMs,
  reviewScopeOf,
} from "../core/answer/freshness.ts";
import type { KnowledgeBase } from "../core/knowledge/model.ts";
import { isoDay } from "../core/text/date.ts";
import { errorFields, type Logger } from "../log.ts";
import type { ReviewRecord, Store } from "../store/types.ts";
import type { Clock } from "./delivery.ts";
import { historyFromSnapshots } from "./freshness.ts";
import { REVIEW_REMINDER_FORMAT, type ReviewItem, type ReviewReminder } from "./review-reminder.ts";

/** The outbox team of reminder rows: they go to knowledge owners, not to a workspace's channels. */
export const REVIEW_TEAM = "reviews";

export const REVIEW_DEFAULTS = Object.freeze({
  /** how often due dates are checked between publishes */
  checkIntervalMs: 60 * 60_000,
});

export interface ReminderPlan {
  owner: string;
  reminder: ReviewReminder;
  /** each scope with the time before which a reminder for it means "already reminded" */
  scopes: Array<{ scope: string; notRemindedSince: Date }>;
}

interface KnowledgeRecord {
  key: string;
  file: string;
  sources?: string[] | undefined;
}

function* records(kb: KnowledgeBase): Generator<KnowledgeRecord> {
  for (const [id, r] of kb.skills) yield { key: `skill:${id}`, file: r.file, sources: r.sources };
  for (const [id, r] of kb.levels) yield { key: `level:${id}`, file: r.file, sources: r.sources };
  for (const [id, r] of kb.roles) yield { key: `role:${id}`, file: r.file, sources: r.sources };
  for (const [id, r] of kb.raci) yield { key: `raci:${id}`, file: r.file, sources: r.sources };
}

/** What is due now and not reminded within its interval, as one reminder per owner. */
export function planReviewReminders(
  kb: KnowledgeBase,
  history: KnowledgeHistory,
  remindedAt: ReadonlyMap<string, Date>,
  now: Date,
): ReminderPlan[] {
  const due = new Map<string, { owner: ReviewScope; since: Date; files: Set<string>; subjects: number }>();
  for (const record of records(kb)) {
    const owner = reviewScopeOf(kb, record);
    if (!owner) continue;
    const changed = lastChanged(kb, record.key, record, history);
    if (!changed) continue;
    const dueAt = reviewDueAt(changed, history.reviewedAt.get(owner.scope), owner.review);
    if (dueAt > now) continue;
    const entry = due.get(owner.scope) ?? { owner, since: dueAt, files: new Set(), subjects: 0 };
    if (dueAt < entry.since) entry.since = dueAt;
    entry.files.add(record.file);
    entry.subjects += 1;
    due.set(owner.scope, entry);
  }
  const byOwner = new Map<string, ReminderPlan>();
  for (const [scope, entry] of due) {
    const interval = reviewIntervalMs(entry.owner.review.every);
    const notRemindedSince = new Date(now.getTime() - interval);
    const last = remindedAt.get(scope);
    if (last && last >= notRemindedSince) continue;
    const ownerId = entry.owner.review.owner;
    const plan = byOwner.get(ownerId) ?? {
      owner: ownerId,
      reminder: { format: REVIEW_REMINDER_FORMAT, owner: ownerId, items: [] },
      scopes: [],
    };
    const item: ReviewItem = {
      scope,
      label: scopeLabel(kb, scope),
      dueSince: isoDay(entry.since),
      every: entry.owner.review.every,
      files: [...entry.files].sort(),
      subjects: entry.subjects,
    };
    plan.reminder.items.push(item);
    plan.scopes.push({ scope, notRemindedSince });
    byOwner.set(ownerId, plan);
  }
  return [...byOwner.values()];
}

function scopeLabel(kb: KnowledgeBase, scope: string): string {
  if (scope.startsWith("file:")) return scope.slice("file:".length);
  const id = scope.slice("source:".length);
  return kb.sources.get(id)?.title ?? id;
}

/** The files a scope's knowledge is in now: where a "Needs change" should send its owner. */
export function filesOfScope(kb: KnowledgeBase, scope: string): string[] {
  const files = new Set<string>();
  for (const record of records(kb)) if (reviewScopeOf(kb, record)?.scope === scope) files.add(record.file);
  if (scope.startsWith("file:") && files.size === 0) files.add(scope.slice("file:".length));
  return [...files].sort();
}

export interface ReviewReminders {
  /** Queues the reminders due now; resolves with how many were queued. Never rejects. */
  check(kb: KnowledgeBase): Promise<number>;
  /** reviews recorded so far, scope -> when: what answers count a review from */
  reviewedAt(): Promise<ReadonlyMap<string, Date>>;
}

export function createReviewReminders(options: {
  store: Pick<Store, "snapshotHistory" | "listReviews" | "queueReviewReminder">;
  logger: Logger;
  clock?: Clock;
}): ReviewReminders {
  const { store, logger } = options;
  const clock = options.clock ?? { now: () => new Date() };
  return {
    async check(kb) {
      try {
        const [entries, reviews] = await Promise.all([store.snapshotHistory(), store.listReviews()]);
        const reviewed = reviewedAtOf(reviews);
        const reminded = new Map(
          reviews.flatMap((r) => (r.remindedAt ? [[r.scope, r.remindedAt] as const] : [])),
        );
        const now = clock.now();
        let queued = 0;
        for (const plan of planReviewReminders(kb, historyFromSnapshots(entries, reviewed), reminded, now)) {
          const row = await store.queueReviewReminder({
            owner: plan.owner,
            teamId: REVIEW_TEAM,
            scopes: plan.scopes,
            payload: plan.reminder,
            at: now,
          });
          if (row) {
            queued += 1;
            logger.info("Queued a review reminder", { owner: plan.owner, due: plan.scopes.length });
          }
        }
        return queued;
      } catch (error) {
        logger.error("Could not check which knowledge is due for review", errorFields(error));
        return 0;
      }
    },
    reviewedAt: async () => reviewedAtOf(await store.listReviews()),
  };
}

/** scope -> when its owner last said it is still correct, for the scopes ever reviewed */
function reviewedAtOf(reviews: readonly ReviewRecord[]): Map<string, Date> {
  return new Map(reviews.flatMap((r) => (r.reviewedAt ? [[r.scope, r.reviewedAt] as const] : [])));
}
