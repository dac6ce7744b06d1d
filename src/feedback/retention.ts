// Deletes the words of questions older than the retention period: once at start, then periodically.
// The clock is injected so the deletion can be shown without waiting days.
import type { Logger } from "../log.ts";
import { errorFields } from "../log.ts";
import type { Store } from "../store/types.ts";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** how often the deletion runs; question text outlives its period by at most this much */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface QuestionRetentionOptions {
  store: Pick<Store, "forgetQuestionsBefore">;
  retentionDays: number;
  logger: Logger;
  clock?: () => Date;
  intervalMs?: number;
}

export interface QuestionRetention {
  /** deletes question text asked before now minus the retention period; returns how many were deleted */
  prune(): Promise<number>;
  start(): void;
  stop(): void;
}

export function createQuestionRetention(options: QuestionRetentionOptions): QuestionRetention {
  const clock = options.clock ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  const prune = async () => {
    const cutoff = new Date(clock().getTime() - options.retentionDays * DAY_MS);
    const forgotten = await options.store.forgetQuestionsBefore(cutoff);
    if (forgotten > 0) options.logger.info("Deleted the text of old questions", { forgotten });
    return forgotten;
  };
  const pruneLogged = () =>
    prune().catch((error: unknown) =>
      options.logger.warn("Could not delete the text of old questions", errorFields(error)),
    );
  return {
    prune,
    start() {
      if (timer) return;
      void pruneLogged();
      timer = setInterval(() => void pruneLogged(), options.intervalMs ?? RETENTION_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
