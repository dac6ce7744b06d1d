// The delivery worker: hands outbox rows to a courier (the chat adapter that posts them). It leases due rows
// from the store, has each posted and records the result, so a crash between posting and recording costs at
// most one repeated message per channel, and two instances never post the same row at once. It keeps the
// platform's pace (about one message per second per channel) and waits out rate limits on the channel that
// got them only — across instances too, since each pause is stored with the delivery it follows — retries other failures with backoff, and switches off the subscriptions of a channel the
// platform refuses for good, having the courier tell whoever subscribed it. Nothing here knows Slack.
import { hostname } from "node:os";
import { type ChangeNotice, parseNotice } from "../core/changes/index.ts";
import { errorFields, type Logger } from "../log.ts";
import type { OutboxRow, Store, Subscription } from "../store/types.ts";
import { isReviewReminderPayload, parseReviewReminder, type ReviewReminder } from "./review-reminder.ts";

/** What a failed post means for the outbox; the courier sorts its platform's errors into these. */
export type DeliveryProblem =
  | { kind: "rate_limited"; code: string; retryAfterMs: number }
  | { kind: "permanent"; code: string; reason: string }
  | { kind: "payload"; code: string }
  | { kind: "transient"; code: string };

export type PermanentProblem = Extract<DeliveryProblem, { kind: "permanent" }>;

/** The chat adapter's half of delivery: posting a notice, reading its failures, telling subscribers. */
export interface Courier {
  /** Posts the row's notice to its channel; resolves with the posted message's id. Throws when it fails. */
  post(row: OutboxRow, notice: ChangeNotice): Promise<{ messageTs?: string }>;
  /** Sends a review reminder to the owner it names (a person, or each member of a group). Throws when it fails. */
  postReviewReminder?(row: OutboxRow, reminder: ReviewReminder): Promise<{ messageTs?: string }>;
  classify(error: unknown): DeliveryProblem;
  /** Tells whoever subscribed the channel that its subscriptions were switched off. Never throws. */
  tellSubscribers(
    channelId: string,
    subscriptions: readonly Subscription[],
    problem: PermanentProblem,
  ): Promise<void>;
}

export const DELIVERY_DEFAULTS = Object.freeze({
  /** the courier's timeout for one post (the Slack client's); leaseMs must stay well above it */
  clientTimeoutMs: 10_000,
  /** how long a claimed row is ours: a post plus recording it must finish well within this */
  leaseMs: 60_000,
  /** how often the store is checked for due rows when nobody calls wake() */
  pollIntervalMs: 5_000,
  /** posts in flight at once, each to a different channel */
  concurrency: 4,
  /** Slack's pace for chat.postMessage: about one message per second per channel */
  channelIntervalMs: 1_000,
  /** attempts before a row that keeps failing (not rate limited) is given up */
  maxAttempts: 8,
  /** first retry after a transient failure; doubles per attempt up to retryMaxMs */
  retryBaseMs: 10_000,
  retryMaxMs: 30 * 60_000,
});

export type DeliverySettings = { [Key in keyof typeof DELIVERY_DEFAULTS]: number };

export interface Clock {
  now(): Date;
}

export interface PermanentFailure {
  teamId: string;
  channelId: string;
  /** the subscriptions that were switched off (each with createdBy, who was told by DM) */
  subscriptions: Subscription[];
  /** Slack's error string, e.g. is_archived */
  error: string;
}

export type DeliveryEvent =
  | { type: "delivered"; row: OutboxRow; messageTs?: string }
  | { type: "retry_scheduled"; row: OutboxRow; at: Date; error: string; rateLimited: boolean }
  | { type: "failed"; row: OutboxRow; error: string; permanent: boolean }
  /** not posted: every subscription it was for was removed or switched off since the publish */
  | { type: "skipped"; row: OutboxRow }
  /** the platform refused a channel for good: its subscriptions were switched off and their subscribers told */
  | { type: "switched_off"; failure: PermanentFailure }
  /** the worker found nothing it may claim now and has nothing in flight */
  | { type: "idle"; pacedChannels: string[] };

export interface DeliveryWorkerOptions {
  store: Store;
  /** posts for one chat platform: see src/slack/updates/courier.ts */
  courier: Courier;
  /** unique per process; see defaultInstanceId */
  instanceId: string;
  logger: Logger;
  clock?: Clock;
  onEvent?: (event: DeliveryEvent) => void;
  settings?: Partial<DeliverySettings>;
}

export interface DeliveryWorker {
  start(): void;
  /** Stops claiming, then waits for posts in flight to be recorded. */
  stop(): Promise<void>;
  /** Checks the store now instead of at the next poll. The publisher calls it after publishing. */
  wake(): void;
  /**
   * Resolves once no channel has a due row (its oldest pending row's next attempt has come) and nothing
   * is in flight. Rows waiting for a later retry do not count. For tests and one-shot tools; needs start().
   */
  drain(): Promise<void>;
}

export class DeliveryWorkerError extends Error {
  readonly code: "WORKER_NOT_STARTED" | "WORKER_INVALID_SETTINGS";
  constructor(code: DeliveryWorkerError["code"], message: string) {
    super(message);
    this.name = "DeliveryWorkerError";
    this.code = code;
  }
}

export function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
}

const systemClock: Clock = { now: () => new Date() };

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const settings: DeliverySettings = { ...DELIVERY_DEFAULTS, ...options.settings };
  checkSettings(settings);
  const { store, courier, instanceId, logger } = options;
  const clock = options.clock ?? systemClock;
  const listeners = new Set<(event: DeliveryEvent) => void>();
  /** channel id -> ms (clock time) before which this instance does not post there */
  const pacedUntil = new Map<string, number>();
  const inflight = new Map<string, Promise<void>>();
  const inflightChannels = new Set<string>();
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let woken = false;
  let interrupt: (() => void) | undefined;
  let claimFailing = false;

  const emit = (event: DeliveryEvent) => {
    for (const listener of listeners) listener(event);
    try {
      options.onEvent?.(event);
    } catch (error) {
      logger.error("onEvent callback failed", errorFields(error));
    }
  };

  const wake = () => {
    woken = true;
    interrupt?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(5, ms));
      interrupt = done;
    });

  const loop = async () => {
    while (running) {
      woken = false;
      let claimed = 0;
      try {
        claimed = await claim();
      } catch (error) {
        logger.error("delivery loop failed; carrying on", errorFields(error));
      }
      if (!running) break;
      if (claimed > 0 && inflight.size < settings.concurrency) continue;
      if (claimed === 0 && inflight.size === 0) emit({ type: "idle", pacedChannels: [...pacedUntil.keys()] });
      if (woken) continue;
      await sleep(nextWakeMs());
    }
  };

  const claim = async (): Promise<number> => {
    const free = settings.concurrency - inflight.size;
    if (free <= 0) return 0;
    const now = clock.now();
    for (const [channel, until] of pacedUntil) if (until <= now.getTime()) pacedUntil.delete(channel);
    let rows: OutboxRow[];
    try {
      rows = await store.claimDeliveries({
        instanceId,
        limit: free,
        now,
        leaseMs: settings.leaseMs,
        excludeChannels: [...new Set([...pacedUntil.keys(), ...inflightChannels])],
      });
    } catch (error) {
      // Logged once per outage, not once per poll.
      if (!claimFailing) logger.error("cannot claim deliveries; will keep trying", errorFields(error));
      claimFailing = true;
      return 0;
    }
    if (claimFailing) logger.info("claiming deliveries works again");
    claimFailing = false;
    for (const row of rows) {
      inflightChannels.add(row.channelId);
      const work = deliver(row).finally(() => {
        inflight.delete(row.id);
        inflightChannels.delete(row.channelId);
        wake();
      });
      inflight.set(row.id, work);
    }
    return rows.length;
  };

  const nextWakeMs = (): number => {
    const now = clock.now().getTime();
    let wait = settings.pollIntervalMs;
    for (const until of pacedUntil.values()) wait = Math.min(wait, until - now);
    return wait;
  };

  /** Paces the channel here, and returns when the pause ends, for the store to hold every instance to it. */
  const pace = (channel: string, ms: number): Date => {
    const until = clock.now().getTime() + ms;
    pacedUntil.set(channel, Math.max(until, pacedUntil.get(channel) ?? 0));
    return new Date(until);
  };

  const deliver = async (row: OutboxRow): Promise<void> => {
    if (isReviewReminderPayload(row.payload)) return deliverReminder(row);
    try {
      let notice: ChangeNotice;
      try {
        notice = parseNotice(row.payload);
      } catch (error) {
        await giveUp(row, (error as Error).message, false);
        return;
      }
      if (!(await stillFollowed(row))) {
        logger.info("skipped a notification: its channel no longer follows what it is about", {
          row: row.id,
          channel: row.channelId,
        });
        const ok = await store.markFailed(row.id, { instanceId, at: clock.now(), error: UNSUBSCRIBED });
        if (!ok) logger.warn("lost the lease on a row before skipping it", { row: row.id });
        emit({ type: "skipped", row });
        return;
      }
      await postAndRecord(row, () => courier.post(row, notice));
    } catch (error) {
      // The store failed while recording: the lease runs out and the row is tried again.
      logger.error("could not record a delivery attempt; it will be retried when its lease ends", {
        row: row.id,
        channel: row.channelId,
        ...errorFields(error),
      });
    }
  };

  /** Posts, then records the delivery; a failed post is sorted into a retry, a switch-off or giving up. */
  const postAndRecord = async (row: OutboxRow, post: () => Promise<{ messageTs?: string }>) => {
    let messageTs: string | undefined;
    try {
      ({ messageTs } = await post());
    } catch (error) {
      await handlePostError(row, error);
      return;
    }
    const channelPausedUntil = pace(row.channelId, settings.channelIntervalMs);
    const recorded = await store.markDelivered(row.id, {
      instanceId,
      at: clock.now(),
      channelPausedUntil,
      ...(messageTs ? { messageTs } : {}),
    });
    if (!recorded) logger.warn("delivered a row that was already finished", { row: row.id });
    emit({ type: "delivered", row, ...(messageTs ? { messageTs } : {}) });
  };

  /** A review reminder has no subscriptions to check: it goes to the owner the knowledge names. */
  const deliverReminder = async (row: OutboxRow): Promise<void> => {
    try {
      let reminder: ReviewReminder;
      try {
        reminder = parseReviewReminder(row.payload);
      } catch (error) {
        await giveUp(row, (error as Error).message, false);
        return;
      }
      const send = courier.postReviewReminder;
      if (!send) {
        await giveUp(row, "this chat adapter cannot send review reminders", false);
        return;
      }
      await postAndRecord(row, () => send.call(courier, row, reminder));
    } catch (error) {
      logger.error("could not record a review reminder's delivery; it will be retried when its lease ends", {
        row: row.id,
        ...errorFields(error),
      });
    }
  };

  /** Someone may have unsubscribed (or Slack refused an earlier row) since the publish. */
  const stillFollowed = async (row: OutboxRow): Promise<boolean> => {
    const active = await store.listSubscriptions({ teamId: row.teamId, channelId: row.channelId });
    return active.some((subscription) => row.subscriptionIds.includes(subscription.id));
  };

  const handlePostError = async (row: OutboxRow, error: unknown) => {
    const problem = courier.classify(error);
    const fields = { row: row.id, channel: row.channelId, slack_error: problem.code };
    switch (problem.kind) {
      case "rate_limited": {
        const at = pace(row.channelId, problem.retryAfterMs);
        logger.warn("Slack rate limited a notification; retrying after its Retry-After", {
          ...fields,
          retry_after_ms: problem.retryAfterMs,
        });
        await retry(row, at, `rate limited (${problem.code}), retry after ${problem.retryAfterMs} ms`, true);
        return;
      }
      case "permanent":
        logger.warn("Slack refused to post to a channel for good; switching its subscriptions off", fields);
        await giveUp(row, problem.code, true);
        await switchOff(row, problem);
        return;
      case "payload":
        logger.error("Slack refused a notification's content; giving up on it", fields);
        await giveUp(row, problem.code, false);
        return;
      case "transient": {
        const paused = pace(row.channelId, settings.channelIntervalMs);
        const attempts = row.attempts + 1;
        if (attempts >= settings.maxAttempts) {
          logger.error("a notification kept failing; giving up", { ...fields, attempts });
          await giveUp(row, `${problem.code} after ${attempts} attempts`, false);
          return;
        }
        const delay = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** (attempts - 1));
        logger.warn("posting a notification failed; retrying later", { ...fields, attempts, in_ms: delay });
        await retry(row, new Date(clock.now().getTime() + delay), problem.code, false, paused);
        return;
      }
    }
  };

  const retry = async (
    row: OutboxRow,
    at: Date,
    error: string,
    rateLimited: boolean,
    channelPausedUntil: Date = at,
  ) => {
    const ok = await store.scheduleRetry(row.id, { instanceId, at, error, channelPausedUntil });
    if (!ok) logger.warn("lost the lease on a row before scheduling its retry", { row: row.id });
    emit({ type: "retry_scheduled", row, at, error, rateLimited });
  };

  const giveUp = async (row: OutboxRow, error: string, permanent: boolean) => {
    const ok = await store.markFailed(row.id, { instanceId, at: clock.now(), error });
    if (!ok) logger.warn("lost the lease on a row before marking it failed", { row: row.id });
    emit({ type: "failed", row, error, permanent });
  };

  const switchOff = async (row: OutboxRow, problem: PermanentProblem) => {
    const subscriptions = await store.disableSubscriptions(
      row.teamId,
      row.channelId,
      `Slack refused to post: ${problem.code}`,
      clock.now(),
    );
    // Empty when an earlier row of this channel already switched them off: the subscriber was told then.
    if (subscriptions.length === 0) return;
    await courier.tellSubscribers(row.channelId, subscriptions, problem);
    emit({
      type: "switched_off",
      failure: { teamId: row.teamId, channelId: row.channelId, subscriptions, error: problem.code },
    });
  };

  const hasDueWork = async (): Promise<boolean> => {
    const now = clock.now().getTime();
    const seen = new Set<string>();
    // Publish order: the first pending row seen per channel is the one the store would hand out next.
    for (const row of await store.listOutbox({ status: "pending" })) {
      const key = `${row.teamId}\u0000${row.channelId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (row.nextAttemptAt.getTime() <= now) return true;
    }
    return false;
  };

  const nextEvent = () =>
    new Promise<void>((resolve) => {
      const listener = () => {
        listeners.delete(listener);
        resolve();
      };
      listeners.add(listener);
    });

  return {
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    async stop() {
      running = false;
      wake();
      await loopDone;
      await Promise.allSettled([...inflight.values()]);
    },
    wake,
    async drain() {
      if (!running) throw new DeliveryWorkerError("WORKER_NOT_STARTED", "drain() needs a started worker");
      wake();
      for (;;) {
        const next = nextEvent();
        if (inflight.size === 0 && !(await hasDueWork())) return;
        await next;
      }
    },
  };
}

/** The error recorded on a row that was not posted because its channel no longer follows it. */
export const UNSUBSCRIBED = "unsubscribed";

function checkSettings(settings: DeliverySettings): void {
  const positive = Object.entries(settings).filter(([, value]) => !(Number.isFinite(value) && value > 0));
  if (positive.length > 0) {
    throw new DeliveryWorkerError(
      "WORKER_INVALID_SETTINGS",
      `delivery settings must be positive numbers: ${positive.map(([key]) => key).join(", ")}`,
    );
  }
  if (settings.leaseMs <= settings.clientTimeoutMs) {
    throw new DeliveryWorkerError(
      "WORKER_INVALID_SETTINGS",
      "leaseMs must be longer than clientTimeoutMs, or a slow post could be posted again by another instance",
    );
  }
}
