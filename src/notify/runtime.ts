// The notification pipeline as the running bot wires it: the publisher serves each valid edit of the
// knowledge folder (onKnowledge) and records what changed; the triggers publish on file changes, SIGHUP
// and request; the delivery worker hands the outbox to a chat adapter's courier; admins are told when an
// edit cannot be loaded. Without a chat adapter (the local console) only the serving and recording happen.

import type { KnowledgeBase } from "../core/knowledge/model.ts";
import type { KnowledgeProblem } from "../core/knowledge/problems.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/types.ts";
import { createWorkTracker } from "../work-tracker.ts";
import {
  type Courier,
  createDeliveryWorker,
  type DeliveryEvent,
  type DeliverySettings,
  defaultInstanceId,
} from "./delivery.ts";
import { createDeliveryEventLogger } from "./delivery-log.ts";
import { createPublisher, type PublishOutcome } from "./publisher.ts";
import { createPublishTriggers, type TriggerSettings } from "./triggers.ts";

export interface NotificationRuntimeOptions {
  knowledgeDir: string;
  /** the parsed-knowledge cache shared with start-up, so a publish parses only changed files */
  cacheFile?: string;
  store: Store;
  logger: Logger;
  /** the knowledge to answer from, after each valid edit */
  onKnowledge: (kb: KnowledgeBase) => void;
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
  /** publish on SIGHUP (default true) */
  sighup?: boolean;
  triggerSettings?: Partial<TriggerSettings>;
  deliverySettings?: Partial<DeliverySettings>;
}

export interface NotificationRuntime {
  /** Publishes now; /role reload and start-up use it. Never rejects. */
  publish(reason: "startup" | "command"): Promise<PublishOutcome>;
  /** Starts posting the outbox (no-op without a courier). */
  startDelivery(): void;
  /** Stops publishing on triggers, then lets posts in flight be recorded. The store stays open. */
  stop(): Promise<void>;
}

export function createNotificationRuntime(options: NotificationRuntimeOptions): NotificationRuntime {
  const { logger, store, courier, alertAdmins, alertTooLarge, onDeliveryEvent, onPublishOutcome } = options;
  const logDeliveryEvent = createDeliveryEventLogger(logger);
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
    onPublished: () => worker?.wake(),
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

  return {
    publish: (reason) => triggers.requestPublish(reason),
    startDelivery: () => worker?.start(),
    async stop() {
      triggers.stop();
      await worker?.stop();
      await work.idle();
    },
  };
}
