// The publish history answers are dated from: for each subject, the last stored snapshot whose changes
// touched it, and the first snapshot for the rest. Read from the store after each publish (and each
// review), and handed to the core as plain data, so answering never waits on the store.
import type { KnowledgeHistory } from "../core/answer/freshness.ts";
import { errorFields, type Logger } from "../log.ts";
import type { SnapshotEntry, Store } from "../store/types.ts";

export function historyFromSnapshots(
  entries: readonly SnapshotEntry[],
  reviewedAt: ReadonlyMap<string, Date> = new Map(),
): KnowledgeHistory {
  const changedAt = new Map<string, Date>();
  for (const entry of entries) {
    if (!Array.isArray(entry.changes)) continue;
    for (const change of entry.changes as unknown[]) {
      const { kind, id } = (change ?? {}) as { kind?: unknown; id?: unknown };
      // Oldest first, so the last write is the latest change.
      if (typeof kind === "string" && typeof id === "string") changedAt.set(`${kind}:${id}`, entry.createdAt);
    }
  }
  const first = entries[0]?.createdAt;
  return { changedAt, reviewedAt, ...(first ? { firstRecordedAt: first } : {}) };
}

export interface FreshnessTracker {
  /** what answers are dated from now; undefined until the first refresh has read the store */
  history(): KnowledgeHistory | undefined;
  /** reads the history again; never rejects (a failed read keeps the last one, and is logged) */
  refresh(): Promise<void>;
}

export function createFreshnessTracker(options: {
  store: Pick<Store, "snapshotHistory">;
  logger: Logger;
  /** reviews recorded so far (scope -> when); none when reviews are not kept */
  reviews?: () => Promise<ReadonlyMap<string, Date>>;
}): FreshnessTracker {
  let current: KnowledgeHistory | undefined;
  return {
    history: () => current,
    async refresh() {
      try {
        const [entries, reviewed] = await Promise.all([
          options.store.snapshotHistory(),
          options.reviews?.() ?? Promise.resolve(new Map<string, Date>()),
        ]);
        current = historyFromSnapshots(entries, reviewed);
      } catch (error) {
        options.logger.warn(
          "Could not read the publish history; answers keep their last dates",
          errorFields(error),
        );
      }
    },
  };
}
