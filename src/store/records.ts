// The rows both stores keep and how a row becomes the contract's plain data: one definition of each, with
// the dialect's column types as parameters. SQLite keeps times as integer milliseconds and JSON as text;
// PostgreSQL keeps timestamptz (read as Date), json (read as parsed values) and text[].
import { filterFromRow, requireStanding } from "./input.ts";
import { readContentVersion } from "./publish-rules.ts";
import type { OutboxRow, OutboxStatus, Profile, Snapshot, SnapshotEntry, Subscription } from "./types.ts";

/** How a dialect's column values read back: a time, a JSON column, the subscription ids column. */
export interface ColumnReader<Time, Json, Ids> {
  time(value: Time): Date;
  json(value: Json): unknown;
  ids(value: Ids): string[];
}

export interface SubscriptionRecord<Time> {
  id: string;
  team_id: string;
  channel_id: string;
  filter_kind: string;
  filter_id: string;
  filter_label: string;
  created_by: string;
  created_at: Time;
  disabled_at: Time | null;
  disabled_reason: string | null;
}

export interface SnapshotRecord<Time, Json> {
  id: string;
  hash: string;
  created_at: Time;
  knowledge: Json;
  changes: Json;
  /** null on snapshots stored before migration 3 */
  version: Json | null;
}

export interface OutboxRecord<Time, Json, Ids, Seq> {
  seq: Seq;
  id: string;
  snapshot_id: string;
  team_id: string;
  channel_id: string;
  subscription_ids: Ids;
  payload: Json;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Time;
  created_at: Time;
  leased_by: string | null;
  lease_until: Time | null;
  last_error: string | null;
  delivered_at: Time | null;
  failed_at: Time | null;
  message_ts: string | null;
}

export interface ProfileRecord<Time, Json> {
  team_id: string;
  user_id: string;
  standing: Json;
  updated_at: Time;
}

export interface RecordReader<Time, Json, Ids> {
  subscription(record: SubscriptionRecord<Time>): Subscription;
  snapshot(record: SnapshotRecord<Time, Json>): Snapshot;
  snapshotEntry(record: Pick<SnapshotRecord<Time, Json>, "id" | "created_at" | "changes">): SnapshotEntry;
  outboxRow(record: OutboxRecord<Time, Json, Ids, unknown>): OutboxRow;
  profile(record: ProfileRecord<Time, Json>): Profile;
}

export function recordReader<Time, Json, Ids>(
  read: ColumnReader<Time, Json, Ids>,
): RecordReader<Time, Json, Ids> {
  return {
    subscription(record) {
      const subscription: Subscription = {
        id: record.id,
        teamId: record.team_id,
        channelId: record.channel_id,
        filter: filterFromRow(record.filter_kind, record.filter_id, record.filter_label),
        createdBy: record.created_by,
        createdAt: read.time(record.created_at),
      };
      if (record.disabled_at !== null) subscription.disabledAt = read.time(record.disabled_at);
      if (record.disabled_reason !== null) subscription.disabledReason = record.disabled_reason;
      return subscription;
    },
    snapshot(record) {
      const snapshot: Snapshot = {
        id: record.id,
        hash: record.hash,
        createdAt: read.time(record.created_at),
        knowledge: read.json(record.knowledge),
        changes: read.json(record.changes),
      };
      const version = record.version === null ? undefined : readContentVersion(read.json(record.version));
      if (version) snapshot.version = version;
      return snapshot;
    },
    profile(record) {
      return {
        teamId: record.team_id,
        userId: record.user_id,
        standing: requireStanding(read.json(record.standing), "the stored profile"),
        updatedAt: read.time(record.updated_at),
      };
    },
    snapshotEntry(record) {
      return { id: record.id, createdAt: read.time(record.created_at), changes: read.json(record.changes) };
    },
    outboxRow(record) {
      const row: OutboxRow = {
        id: record.id,
        snapshotId: record.snapshot_id,
        teamId: record.team_id,
        channelId: record.channel_id,
        subscriptionIds: read.ids(record.subscription_ids),
        payload: read.json(record.payload),
        attempts: record.attempts,
        nextAttemptAt: read.time(record.next_attempt_at),
        status: record.status,
        createdAt: read.time(record.created_at),
      };
      if (record.leased_by !== null) row.leasedBy = record.leased_by;
      if (record.lease_until !== null) row.leaseUntil = read.time(record.lease_until);
      if (record.last_error !== null) row.lastError = record.last_error;
      if (record.delivered_at !== null) row.deliveredAt = read.time(record.delivered_at);
      if (record.failed_at !== null) row.failedAt = read.time(record.failed_at);
      if (record.message_ts !== null) row.messageTs = record.message_ts;
      return row;
    },
  };
}
