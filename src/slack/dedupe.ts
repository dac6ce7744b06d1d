// Slack redelivers an event when our ack was slow or lost (X-Slack-Retry-Num over HTTP, retry_attempt
// in Socket Mode), always with the same event_id. Remembering recent ids answers each event once.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../log.ts";

export const DEFAULT_REMEMBERED_EVENTS = 2000;

/** A set that forgets its oldest entries beyond capacity. */
export class RecentSet {
  private readonly entries = new Set<string>();
  constructor(private readonly capacity: number) {}

  /** Adds the key; returns false if it was already present. */
  add(key: string): boolean {
    if (this.entries.has(key)) return false;
    this.entries.add(key);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.values().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface DeduplicatorOptions {
  /** how many recent event ids are remembered */
  capacity?: number;
  /** called for each event skipped as already handled (the metrics count them) */
  onDuplicate?: (() => void) | undefined;
}

export function createEventDeduplicator(
  logger: Logger,
  options: DeduplicatorOptions = {},
): Middleware<AnyMiddlewareArgs> {
  const seen = new RecentSet(options.capacity ?? DEFAULT_REMEMBERED_EVENTS);
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && eventId !== "" && !seen.add(eventId)) {
      logger.info("Skipped an event already handled", {
        event_id: eventId,
        retry_num: context.retryNum,
        retry_reason: context.retryReason,
      });
      options.onDuplicate?.();
      return;
    }
    await next();
  };
}
