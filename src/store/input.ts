// Size limits and argument checks shared by both store implementations, so they refuse the same inputs.
import { type Standing, standingSchema } from "../core/profile/standing.ts";
import { StoreError } from "./errors.ts";
import type {
  ClaimInput,
  OutboxQuery,
  OutboxStatus,
  PruneInput,
  RememberInput,
  SubscriptionFilter,
} from "./types.ts";

export const STORE_LIMITS = Object.freeze({
  /** Slack ids, hashes, instance ids, filter ids */
  maxIdLength: 255,
  maxLabelLength: 500,
  /** error texts and disable reasons are cut to this, not refused: they are informational */
  maxTextLength: 2_000,
  maxPayloadBytes: 1024 * 1024,
  maxSnapshotBytes: 32 * 1024 * 1024,
  maxChangesBytes: 8 * 1024 * 1024,
  maxInstallationBytes: 256 * 1024,
  maxProfileBytes: 64 * 1024,
  maxDeliveriesPerPublish: 10_000,
  maxSubscriptionIdsPerDelivery: 1_000,
  maxSubscriptionsPerChannel: 100,
  maxClaim: 1_000,
  maxExcludedChannels: 10_000,
  maxLeaseMs: 24 * 60 * 60 * 1000,
  maxListRows: 10_000,
  /** how long a delivery key may be remembered */
  maxRememberMs: 7 * 24 * 60 * 60 * 1000,
});

export const FILTER_KINDS = ["all", "skill", "framework", "role"] as const;
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["pending", "delivered", "failed"];

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function requireId(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new StoreError("STORE_INVALID_INPUT", `${field} must be a non-empty string`);
  }
  if (value.length > STORE_LIMITS.maxIdLength) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      `${field} is longer than ${STORE_LIMITS.maxIdLength} characters`,
    );
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw new StoreError("STORE_INVALID_INPUT", `${field} contains control characters`);
  }
  return value;
}

export function requireDate(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new StoreError("STORE_INVALID_INPUT", `${field} must be a valid Date`);
  }
  return value;
}

/** Informational text: NUL bytes removed (PostgreSQL refuses them) and cut to the limit. */
export function cleanText(value: unknown): string {
  const text = String(value).replaceAll("\u0000", "");
  return text.length > STORE_LIMITS.maxTextLength
    ? `${text.slice(0, STORE_LIMITS.maxTextLength - 1)}…`
    : text;
}

/** The identity part of a filter, as stored in (filter_kind, filter_id); label is not part of it. */
export function filterKey(filter: SubscriptionFilter): {
  kind: SubscriptionFilter["kind"];
  id: string;
  label: string;
} {
  if (typeof filter !== "object" || filter === null || !FILTER_KINDS.includes(filter.kind)) {
    throw new StoreError("STORE_INVALID_INPUT", `filter.kind must be one of ${FILTER_KINDS.join(", ")}`);
  }
  if (filter.kind === "all") return { kind: "all", id: "", label: "" };
  const id = requireId(filter.id, "filter.id");
  if (typeof filter.label !== "string" || filter.label.length > STORE_LIMITS.maxLabelLength) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      `filter.label must be a string of at most ${STORE_LIMITS.maxLabelLength} characters`,
    );
  }
  return { kind: filter.kind, id, label: filter.label.replaceAll("\u0000", "") };
}

export function filterFromRow(kind: string, id: string, label: string): SubscriptionFilter {
  if (kind === "all") return { kind: "all" };
  if (kind === "skill" || kind === "framework" || kind === "role") return { kind, id, label };
  throw new StoreError("STORE_QUERY_FAILED", `Unknown subscription filter kind in the database: ${kind}`);
}

/** JSON text of a value, refused when it is not JSON or is larger than maxBytes. */
export function toJson(value: unknown, field: string, maxBytes: number): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      `${field} cannot be stored as JSON: ${(error as Error).message}`,
    );
  }
  if (json === undefined) throw new StoreError("STORE_INVALID_INPUT", `${field} cannot be stored as JSON`);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > maxBytes) {
    throw new StoreError(
      "STORE_TOO_LARGE",
      `${field} is ${bytes} bytes as JSON; the limit is ${maxBytes} bytes`,
    );
  }
  return json;
}

export function requireSubscriptionIds(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new StoreError("STORE_INVALID_INPUT", `${field} must be an array of ids`);
  if (value.length > STORE_LIMITS.maxSubscriptionIdsPerDelivery) {
    throw new StoreError(
      "STORE_TOO_LARGE",
      `${field} has ${value.length} ids; the limit is ${STORE_LIMITS.maxSubscriptionIdsPerDelivery}`,
    );
  }
  return value.map((id, index) => requireId(id, `${field}[${index}]`));
}

export function checkClaim(input: ClaimInput): { excluded: string[]; leaseUntil: Date } {
  requireId(input.instanceId, "instanceId");
  requireDate(input.now, "now");
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > STORE_LIMITS.maxClaim) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      `limit must be an integer from 1 to ${STORE_LIMITS.maxClaim}`,
    );
  }
  if (!Number.isInteger(input.leaseMs) || input.leaseMs < 1 || input.leaseMs > STORE_LIMITS.maxLeaseMs) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      `leaseMs must be an integer from 1 to ${STORE_LIMITS.maxLeaseMs}`,
    );
  }
  const excluded = input.excludeChannels ?? [];
  if (excluded.length > STORE_LIMITS.maxExcludedChannels) {
    throw new StoreError(
      "STORE_TOO_LARGE",
      `excludeChannels has ${excluded.length} ids; the limit is ${STORE_LIMITS.maxExcludedChannels}`,
    );
  }
  const checked = excluded.map((id, index) => requireId(id, `excludeChannels[${index}]`));
  return { excluded: checked, leaseUntil: new Date(input.now.getTime() + input.leaseMs) };
}

export function checkOutboxQuery(query: OutboxQuery): number {
  if (query.status !== undefined && !OUTBOX_STATUSES.includes(query.status)) {
    throw new StoreError("STORE_INVALID_INPUT", `status must be one of ${OUTBOX_STATUSES.join(", ")}`);
  }
  const limit = query.limit ?? STORE_LIMITS.maxListRows;
  if (!Number.isInteger(limit) || limit < 1 || limit > STORE_LIMITS.maxListRows) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      `limit must be an integer from 1 to ${STORE_LIMITS.maxListRows}`,
    );
  }
  return limit;
}

export function checkDeliveryCount(count: number): void {
  if (count > STORE_LIMITS.maxDeliveriesPerPublish) {
    throw new StoreError(
      "STORE_TOO_LARGE",
      `publish has ${count} deliveries; the limit is ${STORE_LIMITS.maxDeliveriesPerPublish}`,
    );
  }
}

export function checkRemember(input: RememberInput): { key: string; now: Date; expiresAt: Date } {
  const key = requireId(input.key, "key");
  const now = requireDate(input.now, "now");
  positiveWhole(input.ttlMs, "ttlMs", STORE_LIMITS.maxRememberMs);
  return { key, now, expiresAt: new Date(now.getTime() + input.ttlMs) };
}

export function checkPrune(input: PruneInput): { now: Date; cutoff: Date; keepSnapshots: number } {
  const now = requireDate(input.now, "now");
  positiveWhole(input.retentionMs, "retentionMs", Number.MAX_SAFE_INTEGER);
  // The newest snapshot is what the next publish diffs against: it is never pruned.
  positiveWhole(input.keepSnapshots, "keepSnapshots", STORE_LIMITS.maxListRows);
  return { now, cutoff: new Date(now.getTime() - input.retentionMs), keepSnapshots: input.keepSnapshots };
}

function positiveWhole(value: unknown, field: string, max: number): void {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw new StoreError("STORE_INVALID_INPUT", `${field} must be an integer from 1 to ${max}`);
  }
}

/** A profile's standing, checked against the core's schema before it is written and after it is read. */
export function requireStanding(value: unknown, field: string): Standing {
  const parsed = standingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreError(
      "STORE_INVALID_INPUT",
      `${field} is not a profile standing: ${issue ? `${issue.path.join(".") || "value"} ${issue.message}` : "invalid"}`,
    );
  }
  return parsed.data;
}
