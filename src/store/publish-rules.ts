// The rules of a publish, for both stores: what a publish input must hold, when a publish writes nothing
// (another instance published since the caller diffed, the knowledge is unchanged, or it is older than the
// published knowledge), and what each delivery must hold. Only how the rows are written differs between
// SQLite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { StoreError } from "./errors.ts";
import {
  checkDeliveryCount,
  requireDate,
  requireId,
  requireSubscriptionIds,
  STORE_LIMITS,
  toJson,
} from "./input.ts";
import type { ContentVersion, Delivery, PublishInput, PublishResult, Snapshot } from "./types.ts";

export interface CheckedPublish {
  snapshotId: string;
  hash: string;
  /** JSON text */
  knowledge: string;
  changes: string;
  /** JSON text, or null when the caller gave no version */
  version: string | null;
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
  const version = input.version === undefined ? null : JSON.stringify(checkContentVersion(input.version));
  return { snapshotId, hash, knowledge, changes, version, at };
}

/** Why this publish writes nothing, given the latest snapshot read inside the transaction; else undefined. */
export function publishRefusal(
  latest: Snapshot | undefined,
  input: Pick<PublishInput, "previousSnapshotId" | "version">,
  hash: string,
): Extract<PublishResult, { published: false }> | undefined {
  if ((latest?.id ?? null) !== input.previousSnapshotId) return { published: false, reason: "stale", latest };
  if (latest?.hash === hash) return { published: false, reason: "unchanged", latest };
  if (isOlder(input.version, latest?.version)) return { published: false, reason: "older", latest };
  return undefined;
}

const versionText = z.string().trim().min(1).max(100);
const contentVersionSchema = z.object({
  revision: versionText.optional(),
  app: versionText.optional(),
  frameworks: z.record(versionText, versionText).refine((f) => Object.keys(f).length <= 1000),
});

function checkContentVersion(version: unknown): ContentVersion {
  const parsed = contentVersionSchema.safeParse(version);
  if (!parsed.success) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      "version must be { revision?, app?, frameworks: { id: version } } with short, non-empty texts",
    );
  }
  return parsed.data as ContentVersion;
}

/** A stored version as the contract's plain data; undefined when it is not one (then nothing is compared). */
export function readContentVersion(value: unknown): ContentVersion | undefined {
  const parsed = contentVersionSchema.safeParse(value);
  return parsed.success ? (parsed.data as ContentVersion) : undefined;
}

// "9" < "10", "2025-03-01" < "2025-11-20", "1.9.0" < "1.10.0": digit runs compare as numbers.
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/**
 * Negative when `a` is older than `b`, positive when newer, 0 when neither can be told newer. The first
 * part both versions hold and that differs decides: the deploy's revision (so raising it can deliberately
 * roll back to an older app or framework), then the app version, then the frameworks: older when a
 * framework both hold is at an older version in `a` (and none is newer), newer the other way round.
 */
export function compareContentVersions(a: ContentVersion, b: ContentVersion): number {
  for (const part of ["revision", "app"] as const) {
    const left = a[part];
    const right = b[part];
    if (left === undefined || right === undefined) continue;
    const order = collator.compare(left, right);
    if (order !== 0) return order;
  }
  let older = false;
  let newer = false;
  for (const [id, version] of Object.entries(a.frameworks)) {
    const other = b.frameworks[id];
    if (other === undefined) continue;
    const order = collator.compare(version, other);
    if (order < 0) older = true;
    if (order > 0) newer = true;
  }
  if (older && !newer) return -1;
  if (newer && !older) return 1;
  return 0;
}

/** True when the knowledge offered is older than the published knowledge: publishing it would announce reverts. */
export function isOlder(offered: ContentVersion | undefined, published: ContentVersion | undefined): boolean {
  return offered !== undefined && published !== undefined && compareContentVersions(offered, published) < 0;
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
