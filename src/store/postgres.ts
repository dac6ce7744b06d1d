// The server store: PostgreSQL through a connection pool, for several bot instances sharing one database.
// Claims use SELECT ... FOR UPDATE SKIP LOCKED; migrate and publish serialise on advisory locks.

import { randomUUID } from "node:crypto";
import pg from "pg";
import { redactConnectionString, StoreError, toStoreError, toUnavailableError } from "./errors.ts";
import {
  type AnswerRow,
  checkAnswerRecord,
  checkFeedbackQuery,
  checkVote,
  feedbackReader,
  feedbackSql,
  type VoteRow,
} from "./feedback-rules.ts";
import {
  checkClaim,
  checkOutboxQuery,
  checkPrune,
  checkRemember,
  cleanText,
  filterFromRow,
  filterKey,
  requireDate,
  requireId,
  requireStanding,
  STORE_LIMITS,
  toJson,
} from "./input.ts";
import { latestVersion, pendingMigrations } from "./migration.ts";
import { isLegacyPayload, upgradedPayload } from "./outbox-upgrade.ts";
import { POSTGRES_MIGRATIONS } from "./postgres-migrations.ts";
import { checkDelivery, checkPublishInput, publishRefusal } from "./publish-rules.ts";
import type * as Rows from "./records.ts";
import { recordReader } from "./records.ts";
import {
  checkReminder,
  checkReview,
  type ReviewRow,
  remindedAlready,
  reviewFromRow,
} from "./review-rules.ts";
import { planSubscribe, subscriptionLimitError } from "./subscription-rules.ts";
import type {
  AddSubscriptionResult,
  AnswerFeedback,
  AnswerRecord,
  ChannelPause,
  ClaimInput,
  DeliveredResult,
  FailureInput,
  FeedbackQuery,
  MigrationResult,
  NewAnswerRecord,
  NewProfile,
  NewReview,
  NewSubscription,
  OutboxQuery,
  OutboxRow,
  OutboxStats,
  OutboxStatus,
  Profile,
  PruneInput,
  PruneResult,
  PublishInput,
  PublishResult,
  RememberInput,
  RetryInput,
  ReviewRecord,
  ReviewReminderInput,
  Snapshot,
  SnapshotEntry,
  Store,
  StoredVote,
  StoreLogger,
  Subscription,
  SubscriptionFilter,
  SubscriptionQuery,
  SwitchedOffTeam,
  VoteInput,
  VoteResult,
} from "./types.ts";

type SubscriptionRecord = Rows.SubscriptionRecord<Date>;
type SnapshotRecord = Rows.SnapshotRecord<Date, unknown>;
type OutboxRecord = Rows.OutboxRecord<Date, unknown, string[], string>;
type ProfileRecord = Rows.ProfileRecord<Date, unknown>;

const fromRow = recordReader<Date, unknown, string[]>({
  time: (date) => date,
  json: (value) => value,
  ids: (ids) => ids,
});

const feedbackRow = feedbackReader<Date>({
  time: (date) => date,
  subjects: (value) => value as string[],
});

export const POSTGRES_POOL_DEFAULTS = Object.freeze({
  max: 10,
  connectionTimeoutMillis: 10_000,
  idleTimeoutMillis: 30_000,
});

// Advisory lock keys: (namespace, key). "Role" in ASCII keeps them apart from other applications' locks.
const LOCK_NAMESPACE = 0x526f6c65;
const LOCK_MIGRATE = 1;
const LOCK_PUBLISH = 2;
const LOCK_CHANNEL_NAMESPACE = LOCK_NAMESPACE + 1;

/** Rows per INSERT when queuing deliveries, and the JSON bytes after which a batch is sent early. */
const INSERT_BATCH_ROWS = 100;
const INSERT_BATCH_BYTES = 4 * 1024 * 1024;

export async function createPostgresStore(options: {
  databaseUrl: string;
  logger?: StoreLogger;
}): Promise<Store> {
  const target = redactConnectionString(options.databaseUrl);
  const logger = options.logger ?? console;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    application_name: "rolecall",
    ...POSTGRES_POOL_DEFAULTS,
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (error) => logger.warn(`PostgreSQL connection lost (${target}): ${error.message}`));
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toUnavailableError(error, target);
  }
  return new PostgresStore(pool, target);
}

class PostgresStore implements Store {
  readonly kind = "postgres";
  readonly target: string;
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(pool: pg.Pool, target: string) {
    this.#pool = pool;
    this.target = target;
  }

  async migrate(): Promise<MigrationResult> {
    return this.#transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_NAMESPACE, LOCK_MIGRATE]);
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)",
      );
      const before = (
        await client.query<{ version: number }>("SELECT version FROM schema_migrations")
      ).rows.map((row) => row.version);
      const applied: number[] = [];
      for (const migration of pendingMigrations(POSTGRES_MIGRATIONS, before)) {
        if (migration.sql) await client.query(migration.sql);
        if (migration.upgradeOutboxPayloads) await upgradeOutboxPayloads(client);
        await client.query(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())",
          [migration.version, migration.name],
        );
        applied.push(migration.version);
      }
      const codeVersion = latestVersion(POSTGRES_MIGRATIONS);
      return { applied, databaseVersion: Math.max(codeVersion, ...before), codeVersion };
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async addSubscription(input: NewSubscription): Promise<AddSubscriptionResult> {
    const teamId = requireId(input.teamId, "teamId");
    const channelId = requireId(input.channelId, "channelId");
    const createdBy = requireId(input.createdBy, "createdBy");
    const key = filterKey(input.filter);
    const at = requireDate(input.at ?? new Date(), "at");
    return this.#transaction(async (client) => {
      // Serialises adds per channel, so the per-channel limit and the idempotence hold under concurrency.
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [
        LOCK_CHANNEL_NAMESPACE,
        `${teamId}/${channelId}`,
      ]);
      const channel = (
        await client.query<SubscriptionRecord>(
          "SELECT * FROM subscriptions WHERE team_id = $1 AND channel_id = $2",
          [teamId, channelId],
        )
      ).rows.map((record) => ({ record, ...fromRow.subscription(record) }));
      const plan = planSubscribe(channel, key);
      if (plan.action === "keep") {
        return { subscription: fromRow.subscription(plan.existing.record), created: false, reenabled: false };
      }
      if (plan.action === "reenable") {
        const updated = await client.query<SubscriptionRecord>(
          `UPDATE subscriptions SET disabled_at = NULL, disabled_reason = NULL, created_by = $1, created_at = $2,
             filter_label = $3 WHERE id = $4 RETURNING *`,
          [createdBy, at, key.label, plan.existing.record.id],
        );
        return { subscription: fromRow.subscription(firstRow(updated)), created: false, reenabled: true };
      }
      if (plan.action === "refuse") throw subscriptionLimitError(channelId, plan);
      const inserted = await client.query<SubscriptionRecord>(
        `INSERT INTO subscriptions (id, team_id, channel_id, filter_kind, filter_id, filter_label, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [randomUUID(), teamId, channelId, key.kind, key.id, key.label, createdBy, at],
      );
      return { subscription: fromRow.subscription(firstRow(inserted)), created: true, reenabled: false };
    });
  }

  async removeSubscriptions(teamId: string, channelId: string, filter?: SubscriptionFilter): Promise<number> {
    requireId(teamId, "teamId");
    requireId(channelId, "channelId");
    const key = filter === undefined ? undefined : filterKey(filter);
    return this.#run(async () => {
      const result = key
        ? await this.#pool.query(
            "DELETE FROM subscriptions WHERE team_id = $1 AND channel_id = $2 AND filter_kind = $3 AND filter_id = $4",
            [teamId, channelId, key.kind, key.id],
          )
        : await this.#pool.query("DELETE FROM subscriptions WHERE team_id = $1 AND channel_id = $2", [
            teamId,
            channelId,
          ]);
      return result.rowCount ?? 0;
    });
  }

  async listSubscriptions(query: SubscriptionQuery = {}): Promise<Subscription[]> {
    const where: string[] = [];
    const params: string[] = [];
    for (const [column, value] of [
      ["team_id", query.teamId],
      ["channel_id", query.channelId],
      ["created_by", query.createdBy],
    ] as const) {
      if (value === undefined) continue;
      params.push(requireId(value, column));
      where.push(`${column} = $${params.length}`);
    }
    if (!query.includeDisabled) where.push("disabled_at IS NULL");
    const sql = `SELECT * FROM subscriptions ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, id COLLATE "C"`;
    return this.#run(async () =>
      (await this.#pool.query<SubscriptionRecord>(sql, params)).rows.map(fromRow.subscription),
    );
  }

  async disableSubscriptions(
    teamId: string,
    channelId: string,
    reason: string,
    at: Date = new Date(),
  ): Promise<Subscription[]> {
    requireId(teamId, "teamId");
    requireId(channelId, "channelId");
    requireDate(at, "at");
    const why = cleanText(reason);
    return this.#run(async () => {
      const result = await this.#pool.query<SubscriptionRecord>(
        `UPDATE subscriptions SET disabled_at = $1, disabled_reason = $2
         WHERE team_id = $3 AND channel_id = $4 AND disabled_at IS NULL RETURNING *`,
        [at, why, teamId, channelId],
      );
      return result.rows.map(fromRow.subscription).sort(byCreatedThenId);
    });
  }

  async switchOffTeam(teamId: string, reason: string, at: Date = new Date()): Promise<SwitchedOffTeam> {
    requireId(teamId, "teamId");
    requireDate(at, "at");
    const why = cleanText(reason);
    return this.#transaction(async (client) => {
      const subscriptions = await client.query(
        "UPDATE subscriptions SET disabled_at = $1, disabled_reason = $2 WHERE team_id = $3 AND disabled_at IS NULL",
        [at, why, teamId],
      );
      const deliveries = await client.query(
        `UPDATE outbox SET status = 'failed', failed_at = $1, last_error = $2, leased_by = NULL, lease_until = NULL
         WHERE team_id = $3 AND status = 'pending'`,
        [at, why, teamId],
      );
      return { subscriptions: subscriptions.rowCount ?? 0, deliveries: deliveries.rowCount ?? 0 };
    });
  }

  async latestSnapshot(): Promise<Snapshot | undefined> {
    return this.#run(async () => {
      const record = (
        await this.#pool.query<SnapshotRecord>("SELECT * FROM snapshots ORDER BY seq DESC LIMIT 1")
      ).rows[0];
      return record && fromRow.snapshot(record);
    });
  }

  async getSnapshot(id: string): Promise<Snapshot | undefined> {
    requireId(id, "id");
    return this.#run(async () => {
      const record = (await this.#pool.query<SnapshotRecord>("SELECT * FROM snapshots WHERE id = $1", [id]))
        .rows[0];
      return record && fromRow.snapshot(record);
    });
  }

  async snapshotHistory(): Promise<SnapshotEntry[]> {
    return this.#run(async () =>
      (
        await this.#pool.query<Pick<SnapshotRecord, "id" | "created_at" | "changes">>(
          "SELECT id, created_at, changes FROM snapshots ORDER BY seq",
        )
      ).rows.map((record) => fromRow.snapshotEntry(record)),
    );
  }

  async publish(input: PublishInput): Promise<PublishResult> {
    const { snapshotId, hash, knowledge, changes, version, at } = checkPublishInput(input);
    return this.#transaction(async (client): Promise<PublishResult> => {
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_NAMESPACE, LOCK_PUBLISH]);
      const latest = (await client.query<SnapshotRecord>("SELECT * FROM snapshots ORDER BY seq DESC LIMIT 1"))
        .rows[0];
      const refusal = publishRefusal(latest && fromRow.snapshot(latest), input, hash);
      if (refusal) return refusal;

      const snapshot = firstRow(
        await client.query<SnapshotRecord>(
          `INSERT INTO snapshots (id, hash, created_at, knowledge, changes, version)
           VALUES ($1, $2, $3, $4::json, $5::json, $6::json) RETURNING *`,
          [snapshotId, hash, at, knowledge, changes, version],
        ),
      );
      const outbox: OutboxRecord[] = [];
      let batch: unknown[][] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        outbox.push(...(await insertOutboxBatch(client, snapshot.id, at, batch)));
        batch = [];
        batchBytes = 0;
      };
      // Each delivery is checked as it is queued: a bad one throws here and rolls back everything.
      for (const [index, delivery] of input.deliveries.entries()) {
        const { teamId, channelId, subscriptionIds, payload } = checkDelivery(delivery, index);
        batch.push([randomUUID(), teamId, channelId, subscriptionIds, payload]);
        batchBytes += payload.length;
        if (batch.length >= INSERT_BATCH_ROWS || batchBytes >= INSERT_BATCH_BYTES) await flush();
      }
      await flush();
      return {
        published: true,
        snapshot: fromRow.snapshot(snapshot),
        outbox: outbox.sort(bySeq).map(fromRow.outboxRow),
      };
    });
  }

  async claimDeliveries(input: ClaimInput): Promise<OutboxRow[]> {
    const { excluded, leaseUntil } = checkClaim(input);
    return this.#run(async () => {
      const result = await this.#pool.query<OutboxRecord>(
        `WITH due AS (
           SELECT o.seq FROM outbox o
           WHERE o.status = 'pending' AND o.next_attempt_at <= $1
             AND (o.lease_until IS NULL OR o.lease_until <= $1)
             AND NOT (o.channel_id = ANY ($2::text[]))
             AND NOT EXISTS (
               SELECT 1 FROM channel_pauses p
               WHERE p.team_id = o.team_id AND p.channel_id = o.channel_id AND p.until > $1
             )
             AND NOT EXISTS (
               SELECT 1 FROM outbox older
               WHERE older.status = 'pending' AND older.team_id = o.team_id
                 AND older.channel_id = o.channel_id AND older.seq < o.seq
             )
           ORDER BY o.next_attempt_at, o.seq
           LIMIT $3
           FOR UPDATE OF o SKIP LOCKED
         )
         UPDATE outbox SET leased_by = $4, lease_until = $5
         FROM due WHERE outbox.seq = due.seq
         RETURNING outbox.*`,
        [input.now, excluded, input.limit, input.instanceId, leaseUntil],
      );
      return result.rows.sort(byDueThenSeq).map(fromRow.outboxRow);
    });
  }

  async markDelivered(id: string, result: DeliveredResult): Promise<boolean> {
    requireId(id, "id");
    requireId(result.instanceId, "instanceId");
    const at = requireDate(result.at, "at");
    const messageTs = result.messageTs === undefined ? null : requireId(result.messageTs, "messageTs");
    const pausedUntil = optionalDate(result.channelPausedUntil, "channelPausedUntil");
    return this.#run(async () => {
      const updated = await this.#pool.query(
        withChannelPause(
          `UPDATE outbox SET status = 'delivered', delivered_at = $1, message_ts = $2, attempts = attempts + 1,
             leased_by = NULL, lease_until = NULL
           WHERE id = $3 AND status = 'pending' RETURNING team_id, channel_id`,
          "$4",
        ),
        [at, messageTs, id, pausedUntil],
      );
      return updated.rows.length > 0;
    });
  }

  async scheduleRetry(id: string, retry: RetryInput): Promise<boolean> {
    requireId(id, "id");
    const instanceId = requireId(retry.instanceId, "instanceId");
    const at = requireDate(retry.at, "at");
    const pausedUntil = optionalDate(retry.channelPausedUntil, "channelPausedUntil");
    return this.#run(async () => {
      const updated = await this.#pool.query(
        withChannelPause(
          `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2,
             leased_by = NULL, lease_until = NULL
           WHERE id = $3 AND status = 'pending' AND leased_by = $4 RETURNING team_id, channel_id`,
          "$5",
        ),
        [at, cleanText(retry.error), id, instanceId, pausedUntil],
      );
      return updated.rows.length > 0;
    });
  }

  async markFailed(id: string, failure: FailureInput): Promise<boolean> {
    requireId(id, "id");
    const instanceId = requireId(failure.instanceId, "instanceId");
    const at = requireDate(failure.at, "at");
    return this.#run(async () => {
      const updated = await this.#pool.query(
        `UPDATE outbox SET status = 'failed', failed_at = $1, last_error = $2, attempts = attempts + 1,
           leased_by = NULL, lease_until = NULL
         WHERE id = $3 AND status = 'pending' AND leased_by = $4`,
        [at, cleanText(failure.error), id, instanceId],
      );
      return (updated.rowCount ?? 0) > 0;
    });
  }

  async outboxStats(): Promise<OutboxStats> {
    return this.#run(async () => {
      const stats: OutboxStats = { pending: 0, delivered: 0, failed: 0 };
      const result = await this.#pool.query<{ status: OutboxStatus; count: number }>(
        "SELECT status, count(*)::int AS count FROM outbox GROUP BY status",
      );
      for (const row of result.rows) stats[row.status] = row.count;
      return stats;
    });
  }

  async listChannelPauses(now: Date): Promise<ChannelPause[]> {
    requireDate(now, "now");
    return this.#run(async () => {
      const result = await this.#pool.query<{ team_id: string; channel_id: string; until: Date }>(
        `SELECT * FROM channel_pauses WHERE until > $1 ORDER BY until, team_id COLLATE "C", channel_id COLLATE "C"`,
        [now],
      );
      return result.rows.map((p) => ({ teamId: p.team_id, channelId: p.channel_id, until: p.until }));
    });
  }

  async rememberDelivery(input: RememberInput): Promise<boolean> {
    const { key, now, expiresAt } = checkRemember(input);
    return this.#run(async () => {
      // One statement: of instances remembering the same key at once, exactly one gets a row back.
      const result = await this.#pool.query(
        `INSERT INTO delivery_keys (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE delivery_keys.expires_at <= $3
         RETURNING key`,
        [key, expiresAt, now],
      );
      return result.rows.length > 0;
    });
  }

  async prune(input: PruneInput): Promise<PruneResult> {
    const { now, cutoff, keepSnapshots } = checkPrune(input);
    return this.#transaction(async (client): Promise<PruneResult> => {
      // Taking turns with publishes keeps "the newest snapshots" the same for the whole prune.
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_NAMESPACE, LOCK_PUBLISH]);
      const outbox = await client.query(
        "DELETE FROM outbox WHERE status <> 'pending' AND coalesce(delivered_at, failed_at, created_at) < $1",
        [cutoff],
      );
      const snapshots = await client.query(
        `DELETE FROM snapshots WHERE created_at < $1
           AND seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT $2)
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.snapshot_id = snapshots.id)`,
        [cutoff, keepSnapshots],
      );
      const dedupeKeys = await client.query("DELETE FROM delivery_keys WHERE expires_at <= $1", [now]);
      const channelPauses = await client.query("DELETE FROM channel_pauses WHERE until <= $1", [now]);
      return {
        outbox: outbox.rowCount ?? 0,
        snapshots: snapshots.rowCount ?? 0,
        dedupeKeys: dedupeKeys.rowCount ?? 0,
        channelPauses: channelPauses.rowCount ?? 0,
      };
    });
  }

  async listOutbox(query: OutboxQuery = {}): Promise<OutboxRow[]> {
    const limit = checkOutboxQuery(query);
    const where: string[] = [];
    const params: Array<string | number> = [];
    for (const [column, value] of [
      ["snapshot_id", query.snapshotId],
      ["status", query.status],
      ["team_id", query.teamId],
      ["channel_id", query.channelId],
    ] as const) {
      if (value === undefined) continue;
      params.push(requireId(value, column));
      where.push(`${column} = $${params.length}`);
    }
    params.push(limit);
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq LIMIT $${params.length}`;
    return this.#run(async () =>
      (await this.#pool.query<OutboxRecord>(sql, params)).rows.map(fromRow.outboxRow),
    );
  }

  async recordAnswer(input: NewAnswerRecord): Promise<void> {
    const row = checkAnswerRecord(input);
    await this.#run(() =>
      this.#pool.query(
        `INSERT INTO answers (id, team_id, surface, asked_at, intent, outcome, subjects, nearest_subject,
           nearest_subject_name, knowledge_file, knowledge_version, question_key, question_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          row.id,
          row.team_id,
          row.surface,
          row.asked_at,
          row.intent,
          row.outcome,
          JSON.stringify(row.subjects),
          row.nearest_subject,
          row.nearest_subject_name,
          row.knowledge_file,
          row.knowledge_version,
          row.question_key,
          row.question_text,
        ],
      ),
    );
  }

  async getAnswer(id: string): Promise<AnswerRecord | undefined> {
    requireId(id, "id");
    return this.#run(async () => {
      const row = (await this.#pool.query<AnswerRow<Date>>("SELECT * FROM answers WHERE id = $1", [id]))
        .rows[0];
      return row ? feedbackRow.answer(row) : undefined;
    });
  }

  async castVote(input: VoteInput): Promise<VoteResult> {
    const { answerId, voter, vote, at } = checkVote(input);
    return this.#transaction(async (client): Promise<VoteResult> => {
      // Locking the answer row serialises one answer's votes, so two presses at once cannot both insert.
      const row = (
        await client.query<AnswerRow<Date>>("SELECT * FROM answers WHERE id = $1 FOR UPDATE", [answerId])
      ).rows[0];
      if (!row) return { status: "unknown_answer" };
      const answer = feedbackRow.answer(row);
      const earlier = (
        await client.query<VoteRow<Date>>("SELECT * FROM votes WHERE answer_id = $1 AND voter = $2", [
          answerId,
          voter,
        ])
      ).rows[0];
      if (earlier?.vote === vote) return { status: "repeated", vote, answer };
      if (earlier) {
        await client.query(
          "UPDATE votes SET vote = $1, changed_at = $2 WHERE answer_id = $3 AND voter = $4",
          [vote, at, answerId, voter],
        );
        return { status: "changed", vote, previous: earlier.vote, answer };
      }
      await client.query(
        `INSERT INTO votes (answer_id, voter, vote, intent, subjects, knowledge_version, voted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [answerId, voter, vote, row.intent, JSON.stringify(row.subjects), row.knowledge_version, at],
      );
      return { status: "recorded", vote, answer };
    });
  }

  async getVote(answerId: string, voter: string): Promise<StoredVote | undefined> {
    requireId(answerId, "answerId");
    requireId(voter, "voter");
    return this.#run(async () => {
      const row = (
        await this.#pool.query<VoteRow<Date>>("SELECT * FROM votes WHERE answer_id = $1 AND voter = $2", [
          answerId,
          voter,
        ])
      ).rows[0];
      return row ? feedbackRow.vote(row) : undefined;
    });
  }

  async listAnswerFeedback(query: FeedbackQuery): Promise<AnswerFeedback[]> {
    const { since, teamId, limit } = checkFeedbackQuery(query);
    const sql = feedbackSql((n) => `$${n}`, teamId !== undefined, 'a.id COLLATE "C"');
    const params = teamId === undefined ? [since, limit] : [since, teamId, limit];
    return this.#run(async () =>
      (
        await this.#pool.query<AnswerRow<Date> & { helpful: string; not_helpful: string }>(sql, params)
      ).rows.map(feedbackRow.feedback),
    );
  }

  async forgetQuestionsBefore(before: Date): Promise<number> {
    requireDate(before, "before");
    return this.#run(
      async () =>
        (
          await this.#pool.query(
            "UPDATE answers SET question_text = NULL WHERE question_text IS NOT NULL AND asked_at < $1",
            [before],
          )
        ).rowCount ?? 0,
    );
  }

  async setProfile(input: NewProfile): Promise<Profile> {
    const teamId = requireId(input.teamId, "teamId");
    const userId = requireId(input.userId, "userId");
    const standing = requireStanding(input.standing, "standing");
    const json = toJson(standing, "standing", STORE_LIMITS.maxProfileBytes);
    const at = requireDate(input.at ?? new Date(), "at");
    await this.#run(() =>
      this.#pool.query(
        `INSERT INTO profiles (team_id, user_id, standing, updated_at) VALUES ($1, $2, $3::json, $4)
         ON CONFLICT (team_id, user_id) DO UPDATE SET standing = excluded.standing, updated_at = excluded.updated_at`,
        [teamId, userId, json, at],
      ),
    );
    return fromRow.profile({ team_id: teamId, user_id: userId, standing, updated_at: at });
  }

  async getProfile(teamId: string, userId: string): Promise<Profile | undefined> {
    requireId(teamId, "teamId");
    requireId(userId, "userId");
    return this.#run(async () => {
      const result = await this.#pool.query<ProfileRecord>(
        "SELECT * FROM profiles WHERE team_id = $1 AND user_id = $2",
        [teamId, userId],
      );
      const record = result.rows[0];
      return record ? fromRow.profile(record) : undefined;
    });
  }

  async clearProfile(teamId: string, userId: string): Promise<boolean> {
    requireId(teamId, "teamId");
    requireId(userId, "userId");
    return this.#run(
      async () =>
        ((
          await this.#pool.query("DELETE FROM profiles WHERE team_id = $1 AND user_id = $2", [teamId, userId])
        ).rowCount ?? 0) > 0,
    );
  }

  async recordReview(input: NewReview): Promise<void> {
    const { scope, reviewedBy, at } = checkReview(input);
    await this.#run(() =>
      this.#pool.query(
        `INSERT INTO reviews (scope, reviewed_at, reviewed_by) VALUES ($1, $2, $3)
         ON CONFLICT (scope) DO UPDATE SET reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by`,
        [scope, at, reviewedBy],
      ),
    );
  }

  async listReviews(): Promise<ReviewRecord[]> {
    return this.#run(async () =>
      (await this.#pool.query<ReviewRow<Date>>("SELECT * FROM reviews ORDER BY scope")).rows.map((row) =>
        reviewFromRow(row, (date) => date),
      ),
    );
  }

  async queueReviewReminder(input: ReviewReminderInput): Promise<OutboxRow | undefined> {
    const checked = checkReminder(input);
    return this.#transaction(async (client): Promise<OutboxRow | undefined> => {
      // The publish lock: reminders and publishes queue one at a time, so two instances never both remind.
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_NAMESPACE, LOCK_PUBLISH]);
      const latest = (
        await client.query<{ id: string }>("SELECT id FROM snapshots ORDER BY seq DESC LIMIT 1")
      ).rows[0];
      if (!latest) return undefined;
      const reminded = new Map(
        (await client.query<ReviewRow<Date>>("SELECT * FROM reviews WHERE reminded_at IS NOT NULL")).rows.map(
          (row) => [row.scope, row.reminded_at ?? new Date(0)] as const,
        ),
      );
      if (remindedAlready(checked, reminded)) return undefined;
      for (const { scope } of checked.scopes) {
        await client.query(
          `INSERT INTO reviews (scope, reminded_at) VALUES ($1, $2)
           ON CONFLICT (scope) DO UPDATE SET reminded_at = excluded.reminded_at`,
          [scope, checked.at],
        );
      }
      const [record] = await insertOutboxBatch(client, latest.id, checked.at, [
        [randomUUID(), checked.teamId, checked.owner, [], checked.payload],
      ]);
      return record && fromRow.outboxRow(record);
    });
  }

  async saveInstallation(key: string, installation: unknown, at: Date = new Date()): Promise<void> {
    requireId(key, "key");
    const json = toJson(installation, "installation", STORE_LIMITS.maxInstallationBytes);
    requireDate(at, "at");
    await this.#run(() =>
      this.#pool.query(
        `INSERT INTO installations (key, installation, updated_at) VALUES ($1, $2::json, $3)
         ON CONFLICT (key) DO UPDATE SET installation = excluded.installation, updated_at = excluded.updated_at`,
        [key, json, at],
      ),
    );
  }

  async fetchInstallation(key: string): Promise<unknown | undefined> {
    requireId(key, "key");
    return this.#run(async () => {
      const result = await this.#pool.query<{ installation: unknown }>(
        "SELECT installation FROM installations WHERE key = $1",
        [key],
      );
      return result.rows[0]?.installation;
    });
  }

  async deleteInstallation(key: string): Promise<boolean> {
    requireId(key, "key");
    return this.#transaction(async (client) => {
      await client.query("DELETE FROM installation_teams WHERE installation_key = $1", [key]);
      return ((await client.query("DELETE FROM installations WHERE key = $1", [key])).rowCount ?? 0) > 0;
    });
  }

  async linkTeam(teamId: string, installationKey: string, at: Date = new Date()): Promise<void> {
    requireId(teamId, "teamId");
    requireId(installationKey, "installationKey");
    requireDate(at, "at");
    await this.#run(() =>
      this.#pool.query(
        `INSERT INTO installation_teams (team_id, installation_key, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (team_id) DO UPDATE SET installation_key = excluded.installation_key, updated_at = excluded.updated_at`,
        [teamId, installationKey, at],
      ),
    );
  }

  async linkedInstallation(teamId: string): Promise<string | undefined> {
    requireId(teamId, "teamId");
    return this.#run(async () => {
      const result = await this.#pool.query<{ installation_key: string }>(
        "SELECT installation_key FROM installation_teams WHERE team_id = $1",
        [teamId],
      );
      return result.rows[0]?.installation_key;
    });
  }

  async linkedTeams(installationKey: string): Promise<string[]> {
    requireId(installationKey, "installationKey");
    return this.#run(async () => {
      const result = await this.#pool.query<{ team_id: string }>(
        "SELECT team_id FROM installation_teams WHERE installation_key = $1 ORDER BY team_id",
        [installationKey],
      );
      return result.rows.map((row) => row.team_id);
    });
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new StoreError("STORE_CLOSED", `The store at ${this.target} is closed`);
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error, this.target);
    }
  }

  #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.#run(async () => {
      const client = await this.#pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded rather than returned to the pool.
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }
}

async function insertOutboxBatch(
  client: pg.PoolClient,
  snapshotId: string,
  at: Date,
  rows: unknown[][],
): Promise<OutboxRecord[]> {
  const params: unknown[] = [snapshotId, at];
  const values = rows.map((row) => {
    const first = params.length + 1;
    params.push(...row);
    return `($${first}, $1, $${first + 1}, $${first + 2}, $${first + 3}::text[], $${first + 4}::json, 'pending', $2, $2)`;
  });
  const result = await client.query<OutboxRecord>(
    `INSERT INTO outbox (id, snapshot_id, team_id, channel_id, subscription_ids, payload, status, next_attempt_at, created_at)
     VALUES ${values.join(", ")} RETURNING *`,
    params,
  );
  return result.rows;
}

/**
 * An outbox update returning (team_id, channel_id) that also pauses that channel until the time in the
 * given parameter (when not null) in the same statement, so no other instance claims its next row first.
 */
function withChannelPause(update: string, untilParam: string): string {
  return `WITH done AS (${update}),
    paused AS (
      INSERT INTO channel_pauses (team_id, channel_id, until)
      SELECT team_id, channel_id, ${untilParam}::timestamptz FROM done WHERE ${untilParam}::timestamptz IS NOT NULL
      ON CONFLICT (team_id, channel_id) DO UPDATE SET until = greatest(channel_pauses.until, excluded.until)
    )
    SELECT * FROM done`;
}

function optionalDate(value: Date | undefined, field: string): Date | null {
  return value === undefined ? null : requireDate(value, field);
}

function firstRow<T extends pg.QueryResultRow>(result: pg.QueryResult<T>): T {
  const row = result.rows[0];
  if (!row) throw new StoreError("STORE_QUERY_FAILED", "The database returned no row where one was expected");
  return row;
}

function bySeq(a: OutboxRecord, b: OutboxRecord): number {
  return Number(a.seq) - Number(b.seq);
}

function byDueThenSeq(a: OutboxRecord, b: OutboxRecord): number {
  return a.next_attempt_at.getTime() - b.next_attempt_at.getTime() || bySeq(a, b);
}

function byCreatedThenId(a: Subscription, b: Subscription): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** See outbox-upgrade.ts. Runs inside migrate's transaction. */
async function upgradeOutboxPayloads(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{
    id: string;
    subscription_ids: string[];
    payload: unknown;
    changes: unknown;
    knowledge: unknown;
    previous: unknown;
  }>(
    `SELECT o.id, o.subscription_ids, o.payload, s.changes, s.knowledge,
       (SELECT p.knowledge FROM snapshots p WHERE p.seq < s.seq ORDER BY p.seq DESC LIMIT 1) AS previous
     FROM outbox o JOIN snapshots s ON s.id = o.snapshot_id ORDER BY o.seq`,
  );
  for (const row of rows) {
    if (!isLegacyPayload(row.payload)) continue;
    const found = await client.query<{
      id: string;
      filter_kind: string;
      filter_id: string;
      filter_label: string;
    }>("SELECT id, filter_kind, filter_id, filter_label FROM subscriptions WHERE id = ANY($1)", [
      row.subscription_ids,
    ]);
    const byId = new Map(
      found.rows.map((f) => [f.id, filterFromRow(f.filter_kind, f.filter_id, f.filter_label)]),
    );
    const payload = upgradedPayload({
      filters: row.subscription_ids.flatMap((id) => byId.get(id) ?? []),
      changes: row.changes,
      knowledge: row.knowledge,
      previousKnowledge: row.previous ?? undefined,
    });
    if (payload !== undefined) {
      await client.query("UPDATE outbox SET payload = $1 WHERE id = $2", [JSON.stringify(payload), row.id]);
    }
  }
}
