// Slack redelivers an event when our ack was slow or lost (X-Slack-Retry-Num over HTTP, retry_attempt
// in Socket Mode), always with the same event_id, and possibly to another instance. Remembering recent ids
// answers each event once: in memory for one process (the embedded store), and in the shared store when
// several instances run on one PostgreSQL.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { errorFields, type Logger } from "../log.ts";
import type { Store } from "../store/types.ts";

export const DEFAULT_REMEMBERED_EVENTS = 2000;

/** Slack retries for about five minutes (at once, after 1 minute, after 5); an hour leaves a wide margin. */
export const EVENT_MEMORY_TTL_MS = 60 * 60 * 1000;

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

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Which events were already handled. */
export interface EventMemory {
  /** True the first time an event id is seen (by any instance sharing the memory), false after. */
  firstDelivery(eventId: string): Promise<boolean>;
}

export function createMemoryEventMemory(capacity = DEFAULT_REMEMBERED_EVENTS): EventMemory {
  const seen = new RecentSet(capacity);
  return { firstDelivery: async (eventId) => seen.add(eventId) };
}

export interface StoreEventMemoryOptions {
  store: Pick<Store, "rememberDelivery">;
  logger: Logger;
  ttlMs?: number;
  now?: () => Date;
}

/**
 * Event ids remembered in the store, so instances sharing it handle a redelivery once. A retry reaching the
 * same instance is caught in memory without a round trip. When the store cannot be reached the event is
 * handled: answering twice is better than not answering.
 */
export function createStoreEventMemory(options: StoreEventMemoryOptions): EventMemory {
  const { store, logger } = options;
  const ttlMs = options.ttlMs ?? EVENT_MEMORY_TTL_MS;
  const now = options.now ?? (() => new Date());
  const local = new RecentSet(DEFAULT_REMEMBERED_EVENTS);
  let failing = false;
  return {
    async firstDelivery(eventId) {
      if (!local.add(eventId)) return false;
      try {
        const first = await store.rememberDelivery({ key: `event:${eventId}`, now: now(), ttlMs });
        failing = false;
        return first;
      } catch (error) {
        // Logged once per outage, not once per event.
        if (!failing)
          logger.warn("Cannot check the store for redelivered events; handling them", errorFields(error));
        failing = true;
        return true;
      }
    },
  };
}

export interface DeduplicatorOptions {
  /** which events were already handled; by default the last DEFAULT_REMEMBERED_EVENTS in memory */
  memory?: EventMemory | undefined;
  /** called for each event skipped as already handled (the metrics count them) */
  onDuplicate?: (() => void) | undefined;
}

/** Any listener's arguments carrying the envelope: Events API listeners' and the assistant panel's. */
export function createEventDeduplicator<Args extends { body: unknown } = AnyMiddlewareArgs>(
  logger: Logger,
  options: DeduplicatorOptions = {},
): Middleware<Args> {
  const memory = options.memory ?? createMemoryEventMemory();
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && eventId !== "" && !(await memory.firstDelivery(eventId))) {
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
