// Framework-update notifications: publish knowledge changes to the outbox, and deliver them to Slack.
export { createDeliveryClient, type DeliveryClientOptions } from "./client.ts";
export {
  type Clock,
  createDeliveryWorker,
  DELIVERY_DEFAULTS,
  type DeliveryEvent,
  type DeliverySettings,
  type DeliveryWorker,
  DeliveryWorkerError,
  type DeliveryWorkerOptions,
  defaultInstanceId,
  type PermanentFailure,
  subscriptionDisabledText,
  UNSUBSCRIBED,
} from "./delivery.ts";
export { classifyDeliveryError, type DeliveryProblem } from "./delivery-errors.ts";
export { showChangeDetails } from "./details.ts";
export {
  type ChangeDetailsRef,
  ChangeDetailsValueError,
  decodeDetailsValue,
  encodeDetailsValue,
} from "./details-value.ts";
export { type PlannedDelivery, planDeliveries } from "./fan-out.ts";
export { type NotifyLogger, silentLogger } from "./logger.ts";
export {
  CHANGE_DETAILS_ACTION_ID,
  CHANGE_DETAILS_PREVIOUS_ACTION_ID,
  NOTIFY_LIMITS,
  renderChangeDetails,
  renderChangeMessage,
  type SlackMessage,
} from "./message.ts";
export { DETAILS_GONE, DETAILS_INVALID, SUBSCRIPTION_DISABLED_DM } from "./messages.ts";
export { parsePayload } from "./payload.ts";
export {
  createPublisher,
  type Preview,
  type PublishedOutcome,
  type Publisher,
  type PublisherOptions,
  type PublishOutcome,
  type PublishReason,
} from "./publisher.ts";
export { subscriptionChannelsOf } from "./subscriptions.ts";
export {
  createPublishTriggers,
  isIgnoredFile,
  type PublishTriggerOptions,
  type PublishTriggers,
  TRIGGER_DEFAULTS,
  type TriggerEvent,
} from "./triggers.ts";
