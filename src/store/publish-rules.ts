// The rules of a publish, for both stores: what a publish input must hold, when a publish writes nothing
// (another instance published since the caller diffed, or the knowledge is unchanged), and what each
// delivery must hold. Only how the rows are written differs between SQLite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { StoreError } from "./errors.ts";
import {
  checkDeliveryCount,
  requireDate,
  requireId,
  requireSubscriptionIds,
  STORE_LIMITS,
  toJson,
} from "./input.ts";
import type { Delivery, PublishInput, PublishResult, Snapshot } from "./types.ts";

export interface CheckedPublish {
  snapshotId: string;
  hash: string;
  /** JSON text */
  knowledge: string;
  changes: string;
  at: Date;
}

/** Checked before the transaction starts, so a bad input never takes a lock. */
export function checkPublishInput(input: PublishInput): CheckedPublish {
  const snapshotId =
    input.snapshotId === undefined ? randomUUID() : requireId(input.snapshotId, "snapshotId");
  const hash = requireId(input.hash, "hash");
  if (input.previousSnapshotId !== null) requireId(input.previousSnapshotId, "previousSnapshotId");
  const knowledge = toJson(input.knowledge, "knowledge", STORE_LIMITS.maxSnapshotBytes);
  const changes = toJson(input.changes, "changes", STORE_LIMITS.maxChangesBytes);
  if (!Array.isArray(input.deliveries))
    throw new StoreError("STORE_INVALID_INPUT", "deliveries must be an array");
  checkDeliveryCount(input.deliveries.length);
  const at = requireDate(input.at ?? new Date(), "at");
  return { snapshotId, hash, knowledge, changes, at };
}

/** Why this publish writes nothing, given the latest snapshot read inside the transaction; else undefined. */
export function publishRefusal(
  latest: Snapshot | undefined,
  input: Pick<PublishInput, "previousSnapshotId">,
  hash: string,
): Extract<PublishResult, { published: false }> | undefined {
  if ((latest?.id ?? null) !== input.previousSnapshotId) return { published: false, reason: "stale", latest };
  if (latest?.hash === hash) return { published: false, reason: "unchanged", latest };
  return undefined;
}

export interface CheckedDelivery {
  teamId: string;
  channelId: string;
  subscriptionIds: string[];
  /** JSON text */
  payload: string;
}

/** Checked as each is written: a bad one throws inside the transaction and rolls back the whole publish. */
export function checkDelivery(delivery: Delivery, index: number): CheckedDelivery {
  const field = `deliveries[${index}]`;
  return {
    teamId: requireId(delivery.teamId, `${field}.teamId`),
    channelId: requireId(delivery.channelId, `${field}.channelId`),
    subscriptionIds: requireSubscriptionIds(delivery.subscriptionIds, `${field}.subscriptionIds`),
    payload: toJson(delivery.payload, `${field}.payload`, STORE_LIMITS.maxPayloadBytes),
  };
}
