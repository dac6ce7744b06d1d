// The notification pipeline as the running bot wires it: the publisher serves each valid edit of the
// knowledge folder (onKnowledge) and records what changed; the triggers publish on file changes, SIGHUP
// and request; the delivery worker hands the outbox to a chat adapter's courier; admins are told when an
// edit cannot be loaded; and what is past its retention is pruned from the store now and then. Without a
// chat adapter (the local console) only the serving, recording and pruning happen.

import type { KnowledgeBase } from "../core/knowledge/model.ts";
import type { KnowledgeProblem } from "../core/knowledge/problems.ts";
import { errorFields, type Logger } from "../log.ts";
import type { PruneResult, Store } from "../store/types.ts";
import { createWorkTracker } from "../work-tracker.ts";
import {
  type Clock,
  type Courier,
  createDeliveryWorker,
  type DeliveryEvent,
  type DeliverySettings,
  defaultInstanceId,
} from "./delivery.ts";
import { createDeliveryEventLogger } from "./delivery-log.ts";
import { createPublisher, type PublisherOptions, type PublishOutcome } from "./publisher.ts";
import { createPublishTriggers, type TriggerSettings } from "./triggers.ts";

export interface NotificationRuntimeOptions {
  knowledgeDir: string;
  /** the parsed-knowledge cache shared with start-up, so a publish parses only changed files */
  cacheFile?: string;
  store: Store;
  logger: Logger;
  /** the knowledge to answer from, after each valid edit, and its content hash */
  onKnowledge: (kb: KnowledgeBase, contentHash: string) => void | Promise<void>;
  /** the content hash of the knowledge already answering (see PublisherOptions.servedContentHash) */
  servedContentHash?: string;
  /** posts the outbox for a chat adapter (src/slack/updates/courier.ts); none: nothing is delivered */
  courier?: Courier;
  /** tells the admins about a knowledge edit that cannot be loaded (src/slack/updates/admin-alert.ts) */
  alertAdmins?: (problems: readonly KnowledgeProblem[]) => Promise<void>;
  /** tells the admins, once per content, that the store refuses the knowledge for good (too large) */
  alertTooLarge?: (error: Error) => Promise<void>;
  /** told how each publish ended (the metrics count them) */
  onPublishOutcome?: (outcome: PublishOutcome) => void;
  /** told of everything the delivery worker does, after the log line (the metrics time deliveries) */
  onDeliveryEvent?: (event: DeliveryEvent) => void;
  /** after each stored publish, e.g. to date answers from the new history */
  onPublished?: () => void;
  /** publish on SIGHUP (default true) */
  sighup?: boolean;
  triggerSettings?: Partial<TriggerSettings>;
  deliverySettings?: Partial<DeliverySettings>;
  /** stamps each publish (app version, knowledge revision); see PublisherOptions.versionStamp */
  versionStamp?: PublisherOptions["versionStamp"];
  /** what is pruned, and how often; no pruning when left out */
  retention?: RetentionSettings;
  /** the time pruning (and delivery) go by */
  clock?: Clock;
  /** runs `task` every `everyMs` until the returned function is called; setInterval by default */
  every?: (task: () => void, everyMs: number) => () => void;
}

export interface RetentionSettings {
  /** delivered (and failed) notifications, and snapshots nothing refers to, older than this go */
  retentionMs: number;
  /** the newest snapshots kept whatever their age: the next publish diffs against the newest */
  keepSnapshots?: number;
  /** how often pruning runs */
  intervalMs?: number;
}

export const RETENTION_DEFAULTS = Object.freeze({
  keepSnapshots: 20,
  intervalMs: 60 * 60 * 1000,
});

export interface NotificationRuntime {
  /** Publishes now; /role reload and start-up use it. Never rejects. */
  publish(reason: "startup" | "command"): Promise<PublishOutcome>;
  /** Starts posting the outbox (no-op without a courier). */
  startDelivery(): void;
  /** Prunes what is past the retention period now; undefined without retention settings or when it failed. */
  prune(): Promise<PruneResult | undefined>;
  /** Checks the outbox now, e.g. after queuing review reminders, instead of at the next poll. */
  deliverNow(): void;
  /** Stops publishing on triggers and pruning, then lets posts in flight be recorded. The store stays open. */
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

function everyInterval(task: () => void, everyMs: number): () => void {
  const timer = setInterval(task, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function createNotificationRuntime(options: NotificationRuntimeOptions): NotificationRuntime {
  const { logger, store, courier, alertAdmins, alertTooLarge, onDeliveryEvent, onPublishOutcome, retention } =
    options;
  const logDeliveryEvent = createDeliveryEventLogger(logger);
  const clock = options.clock ?? systemClock;
  const worker = courier
    ? createDeliveryWorker({
        store,
        courier,
        // Unique per process, so instances sharing one PostgreSQL never hold each other's leases.
        instanceId: defaultInstanceId(),
        logger,
        onEvent: (event) => {
          logDeliveryEvent(event);
          onDeliveryEvent?.(event);
        },
        clock,
        ...(options.deliverySettings ? { settings: options.deliverySettings } : {}),
      })
    : undefined;
  const work = createWorkTracker();
  const track = work.track;
  const publisher = createPublisher({
    knowledgeDir: options.knowledgeDir,
    ...(options.cacheFile ? { cacheFile: options.cacheFile } : {}),
    store,
    logger,
    onKnowledge: options.onKnowledge,
    ...(options.servedContentHash ? { servedContentHash: options.servedContentHash } : {}),
    onInvalid: (problems) => {
      if (alertAdmins) track(alertAdmins(problems));
    },
    onRejected: (error) => {
      if (alertTooLarge) track(alertTooLarge(error));
    },
    onPublished: () => {
      worker?.wake();
      options.onPublished?.();
    },
    ...(options.versionStamp ? { versionStamp: options.versionStamp } : {}),
    now: () => clock.now(),
  });
  const triggers = createPublishTriggers({
    knowledgeDir: options.knowledgeDir,
    // Every publish is tracked, so stop() can let one already running finish against the open store.
    publisher: {
      publish: (reason) =>
        track(
          publisher.publish(reason).then((outcome) => {
            onPublishOutcome?.(outcome);
            return outcome;
          }),
        ),
    },
    logger,
    sighup: options.sighup ?? true,
    ...(options.triggerSettings ? { settings: options.triggerSettings } : {}),
  });

  const prune = async (): Promise<PruneResult | undefined> => {
    if (!retention) return undefined;
    try {
      const result = await store.prune({
        now: clock.now(),
        retentionMs: retention.retentionMs,
        keepSnapshots: retention.keepSnapshots ?? RETENTION_DEFAULTS.keepSnapshots,
      });
      if (Object.values(result).some((n) => n > 0)) {
        logger.info("pruned what is past its retention from the store", { ...result });
      }
      return result;
    } catch (error) {
      logger.warn("pruning the store failed; trying again at the next interval", errorFields(error));
      return undefined;
    }
  };
  const stopPruning = retention
    ? (options.every ?? everyInterval)(
        () => void track(prune()),
        retention.intervalMs ?? RETENTION_DEFAULTS.intervalMs,
      )
    : undefined;

  return {
    publish: (reason) => triggers.requestPublish(reason),
    startDelivery: () => worker?.start(),
    prune: () => track(prune()),
    deliverNow: () => worker?.wake(),
    async stop() {
      stopPruning?.();
      triggers.stop();
      await worker?.stop();
      await work.idle();
    },
  };
}
