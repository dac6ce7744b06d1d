// Warnings that an attacker can trigger once per connection (refused, malformed or stalled requests): the
// first of each kind is logged as it happens, the rest are counted and written as one line a minute, so a
// flood of clients cannot flood the log or the disk.
import type { LogFields, Logger } from "../log.ts";

export const LOG_TALLY_WINDOW_MS = 60_000;

export interface LogTally {
  warn(message: string, fields?: LogFields): void;
  /** writes the counts so far (on stop) */
  flush(): void;
}

export function createLogTally(logger: Pick<Logger, "warn">, windowMs = LOG_TALLY_WINDOW_MS): LogTally {
  /** message -> how many more came after the one logged */
  const counts = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [message, more] of counts) {
      if (more > 0) logger.warn(`${message} (and ${more} more like it since)`, { count: more });
    }
    counts.clear();
  };

  return {
    warn(message, fields) {
      const more = counts.get(message);
      if (more !== undefined) {
        counts.set(message, more + 1);
        return;
      }
      counts.set(message, 0);
      logger.warn(message, fields);
      if (!timer) {
        timer = setTimeout(flush, windowMs);
        timer.unref();
      }
    },
    flush,
  };
}
