// The embedded store: one SQLite file (WAL) per data folder. Every write runs in a BEGIN IMMEDIATE
// transaction, so several processes sharing the file take turns instead of interleaving.

import { randomUUID } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { makeDirsSync } from "../core/knowledge/make-dirs.ts";
import { StoreError, toStoreError, toUnavailableError } from "./errors.ts";
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
import { SQLITE_MIGRATIONS } from "./sqlite-migrations.ts";
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
  Subscription,
  SubscriptionFilter,
  SubscriptionQuery,
  SwitchedOffTeam,
  VoteInput,
  VoteResult,
} from "./types.ts";

type SubscriptionRecord = Rows.SubscriptionRecord<number>;
type SnapshotRecord = Rows.SnapshotRecord<number, string>;
type OutboxRecord = Rows.OutboxRecord<number, string, string, number>;
type ProfileRecord = Rows.ProfileRecord<number, string>;

const fromRow = recordReader<number, string, string>({
  time: (ms) => new Date(ms),
  json: (text) => JSON.parse(text) as unknown,
  ids: (text) => JSON.parse(text) as string[],
});

const feedbackRow = feedbackReader<number>({
  time: (ms) => new Date(ms),
  subjects: (text) => JSON.parse(String(text)) as string[],
});

export const SQLITE_FILE_NAME = "rolecall.db";
const BUSY_TIMEOUT_MS = 5_000;

export async function createSqliteStore(options: { dataDir: string }): Promise<Store> {
  const file = path.resolve(options.dataDir, SQLITE_FILE_NAME);
  let db: Database.Database;
  try {
    // The file holds Slack installation tokens: private to the bot's user from the moment it exists.
    makeDirsSync(path.dirname(file), 0o700);
    closeSync(openSync(file, "a", 0o600));
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw toUnavailableError(error, file);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
  } catch (error) {
    db.close();
    throw toUnavailableError(error, file);
  }
  return new SqliteStore(db, file);
}

class SqliteStore implements Store {
  readonly kind = "sqlite";
  readonly target: string;
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  #closed = false;

  constructor(db: Database.Database, file: string) {
    this.#db = db;
    this.target = file;
  }

  async migrate(): Promise<MigrationResult> {
    return this.#run(() =>
      this.#immediate(() => {
        this.#db.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT",
        );
        const before = this.#db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[];
        const applied: number[] = [];
        for (const migration of pendingMigrations(SQLITE_MIGRATIONS, before)) {
          if (migration.sql) this.#db.exec(migration.sql);
          if (migration.upgradeOutboxPayloads) this.#upgradeOutboxPayloads();
          this.#db
            .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
            .run(migration.version, migration.name, Date.now());
          applied.push(migration.version);
        }
        const codeVersion = latestVersion(SQLITE_MIGRATIONS);
        return { applied, databaseVersion: Math.max(codeVersion, ...before), codeVersion };
      }),
    );
  }

  /** See outbox-upgrade.ts. Runs inside migrate's transaction. */
  #upgradeOutboxPayloads(): void {
    const rows = this.#db
      .prepare(
        `SELECT o.id, o.subscription_ids, o.payload, s.changes, s.knowledge,
           (SELECT p.knowledge FROM snapshots p WHERE p.seq < s.seq ORDER BY p.seq DESC LIMIT 1) AS previous
         FROM outbox o JOIN snapshots s ON s.id = o.snapshot_id ORDER BY o.seq`,
      )
      .all() as Array<{
      id: string;
      subscription_ids: string;
      payload: string;
      changes: string;
      knowledge: string;
      previous: string | null;
    }>;
    const subscription = this.#db.prepare(
      "SELECT filter_kind, filter_id, filter_label FROM subscriptions WHERE id = ?",
    );
    const update = this.#db.prepare("UPDATE outbox SET payload = ? WHERE id = ?");
    for (const row of rows) {
      if (!isLegacyPayload(JSON.parse(row.payload))) continue;
      const filters = (JSON.parse(row.subscription_ids) as string[]).flatMap((id) => {
        const found = subscription.get(id) as
          | { filter_kind: string; filter_id: string; filter_label: string }
          | undefined;
        return found ? [filterFromRow(found.filter_kind, found.filter_id, found.filter_label)] : [];
      });
      const payload = upgradedPayload({
        filters,
        changes: JSON.parse(row.changes),
        knowledge: JSON.parse(row.knowledge),
        previousKnowledge: row.previous === null ? undefined : JSON.parse(row.previous),
      });
      if (payload !== undefined) update.run(JSON.stringify(payload), row.id);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#statements.clear();
    this.#db.close();
  }

  async addSubscription(input: NewSubscription): Promise<AddSubscriptionResult> {
    const teamId = requireId(input.teamId, "teamId");
    const channelId = requireId(input.channelId, "channelId");
    const createdBy = requireId(input.createdBy, "createdBy");
    const key = filterKey(input.filter);
    const at = requireDate(input.at ?? new Date(), "at").getTime();
    return this.#run(() =>
      this.#immediate(() => {
        const channel = this.#all<SubscriptionRecord>(
          "SELECT * FROM subscriptions WHERE team_id = ? AND channel_id = ?",
          teamId,
          channelId,
        ).map((record) => ({ record, ...fromRow.subscription(record) }));
        const plan = planSubscribe(channel, key);
        if (plan.action === "keep") {
          return {
            subscription: fromRow.subscription(plan.existing.record),
            created: false,
            reenabled: false,
          };
        }
        if (plan.action === "reenable") {
          const existing = plan.existing.record;
          this.#prepare(
            `UPDATE subscriptions SET disabled_at = NULL, disabled_reason = NULL, created_by = ?, created_at = ?,
               filter_label = ? WHERE id = ?`,
          ).run(createdBy, at, key.label, existing.id);
          const record = { ...existing, created_by: createdBy, created_at: at, filter_label: key.label };
          return {
            subscription: fromRow.subscription({ ...record, disabled_at: null, disabled_reason: null }),
            created: false,
            reenabled: true,
          };
        }
        if (plan.action === "refuse") throw subscriptionLimitError(channelId, plan);
        const record: SubscriptionRecord = {
          id: randomUUID(),
          team_id: teamId,
          channel_id: channelId,
          filter_kind: key.kind,
          filter_id: key.id,
          filter_label: key.label,
          created_by: createdBy,
          created_at: at,
          disabled_at: null,
          disabled_reason: null,
        };
        this.#prepare(
          `INSERT INTO subscriptions (id, team_id, channel_id, filter_kind, filter_id, filter_label, created_by, created_at)
           VALUES (@id, @team_id, @channel_id, @filter_kind, @filter_id, @filter_label, @created_by, @created_at)`,
        ).run(record);
        return { subscription: fromRow.subscription(record), created: true, reenabled: false };
      }),
    );
  }

  async removeSubscriptions(teamId: string, channelId: string, filter?: SubscriptionFilter): Promise<number> {
    requireId(teamId, "teamId");
    requireId(channelId, "channelId");
    const key = filter === undefined ? undefined : filterKey(filter);
    return this.#run(() => {
      const result = key
        ? this.#prepare(
            "DELETE FROM subscriptions WHERE team_id = ? AND channel_id = ? AND filter_kind = ? AND filter_id = ?",
          ).run(teamId, channelId, key.kind, key.id)
        : this.#prepare("DELETE FROM subscriptions WHERE team_id = ? AND channel_id = ?").run(
            teamId,
            channelId,
          );
      return result.changes;
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
      where.push(`${column} = ?`);
      params.push(requireId(value, column));
    }
    if (!query.includeDisabled) where.push("disabled_at IS NULL");
    const sql = `SELECT * FROM subscriptions ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, id`;
    return this.#run(() => this.#all<SubscriptionRecord>(sql, ...params).map(fromRow.subscription));
  }

  async disableSubscriptions(
    teamId: string,
    channelId: string,
    reason: string,
    at: Date = new Date(),
  ): Promise<Subscription[]> {
    requireId(teamId, "teamId");
    requireId(channelId, "channelId");
    const disabledAt = requireDate(at, "at").getTime();
    const why = cleanText(reason);
    return this.#run(() =>
      this.#immediate(() => {
        const records = this.#all<SubscriptionRecord>(
          "SELECT * FROM subscriptions WHERE team_id = ? AND channel_id = ? AND disabled_at IS NULL ORDER BY created_at, id",
          teamId,
          channelId,
        );
        this.#prepare(
          "UPDATE subscriptions SET disabled_at = ?, disabled_reason = ? WHERE team_id = ? AND channel_id = ? AND disabled_at IS NULL",
        ).run(disabledAt, why, teamId, channelId);
        return records.map((record) =>
          fromRow.subscription({ ...record, disabled_at: disabledAt, disabled_reason: why }),
        );
      }),
    );
  }

  async switchOffTeam(teamId: string, reason: string, at: Date = new Date()): Promise<SwitchedOffTeam> {
    requireId(teamId, "teamId");
    const when = requireDate(at, "at").getTime();
    const why = cleanText(reason);
    return this.#run(() =>
      this.#immediate(() => ({
        subscriptions: this.#prepare(
          "UPDATE subscriptions SET disabled_at = ?, disabled_reason = ? WHERE team_id = ? AND disabled_at IS NULL",
        ).run(when, why, teamId).changes,
        deliveries: this.#prepare(
          `UPDATE outbox SET status = 'failed', failed_at = ?, last_error = ?, leased_by = NULL, lease_until = NULL
           WHERE team_id = ? AND status = 'pending'`,
        ).run(when, why, teamId).changes,
      })),
    );
  }

  async latestSnapshot(): Promise<Snapshot | undefined> {
    return this.#run(() => {
      const record = this.#get<SnapshotRecord>("SELECT * FROM snapshots ORDER BY seq DESC LIMIT 1");
      return record ? fromRow.snapshot(record) : undefined;
    });
  }

  async getSnapshot(id: string): Promise<Snapshot | undefined> {
    requireId(id, "id");
    return this.#run(() => {
      const record = this.#get<SnapshotRecord>("SELECT * FROM snapshots WHERE id = ?", id);
      return record ? fromRow.snapshot(record) : undefined;
    });
  }

  async snapshotHistory(): Promise<SnapshotEntry[]> {
    return this.#run(() =>
      this.#all<Pick<SnapshotRecord, "id" | "created_at" | "changes">>(
        "SELECT id, created_at, changes FROM snapshots ORDER BY seq",
      ).map((record) => fromRow.snapshotEntry(record)),
    );
  }

  async publish(input: PublishInput): Promise<PublishResult> {
    const { snapshotId, hash, knowledge, changes, version, at: when } = checkPublishInput(input);
    const at = when.getTime();
    return this.#run(() =>
      this.#immediate((): PublishResult => {
        const latest = this.#get<SnapshotRecord>("SELECT * FROM snapshots ORDER BY seq DESC LIMIT 1");
        const refusal = publishRefusal(latest && fromRow.snapshot(latest), input, hash);
        if (refusal) return refusal;

        const snapshot: SnapshotRecord = {
          id: snapshotId,
          hash,
          created_at: at,
          knowledge,
          changes,
          version,
        };
        this.#prepare(
          "INSERT INTO snapshots (id, hash, created_at, knowledge, changes, version) VALUES (@id, @hash, @created_at, @knowledge, @changes, @version)",
        ).run(snapshot);
        const insert = this.#prepare(
          `INSERT INTO outbox (id, snapshot_id, team_id, channel_id, subscription_ids, payload, status, next_attempt_at, created_at)
           VALUES (@id, @snapshot_id, @team_id, @channel_id, @subscription_ids, @payload, 'pending', @at, @at)
           RETURNING *`,
        );
        const outbox = input.deliveries.map((delivery, index) => {
          const checked = checkDelivery(delivery, index);
          const record = insert.get({
            id: randomUUID(),
            snapshot_id: snapshot.id,
            team_id: checked.teamId,
            channel_id: checked.channelId,
            subscription_ids: JSON.stringify(checked.subscriptionIds),
            payload: checked.payload,
            at,
          }) as OutboxRecord;
          return fromRow.outboxRow(record);
        });
        return { published: true, snapshot: fromRow.snapshot(snapshot), outbox };
      }),
    );
  }

  async claimDeliveries(input: ClaimInput): Promise<OutboxRow[]> {
    const { excluded, leaseUntil } = checkClaim(input);
    return this.#run(() =>
      this.#immediate(() => {
        const records = this.#prepare(
          `UPDATE outbox SET leased_by = @instance, lease_until = @lease_until
           WHERE seq IN (
             SELECT o.seq FROM outbox o
             WHERE o.status = 'pending' AND o.next_attempt_at <= @now
               AND (o.lease_until IS NULL OR o.lease_until <= @now)
               AND o.channel_id NOT IN (SELECT value FROM json_each(@excluded))
               AND NOT EXISTS (
                 SELECT 1 FROM channel_pauses p
                 WHERE p.team_id = o.team_id AND p.channel_id = o.channel_id AND p.until > @now
               )
               AND NOT EXISTS (
                 SELECT 1 FROM outbox older
                 WHERE older.status = 'pending' AND older.team_id = o.team_id
                   AND older.channel_id = o.channel_id AND older.seq < o.seq
               )
             ORDER BY o.next_attempt_at, o.seq
             LIMIT @limit
           )
           RETURNING *`,
        ).all({
          instance: input.instanceId,
          lease_until: leaseUntil.getTime(),
          now: input.now.getTime(),
          excluded: JSON.stringify(excluded),
          limit: input.limit,
        }) as OutboxRecord[];
        return records.sort(byDueThenSeq).map(fromRow.outboxRow);
      }),
    );
  }

  async markDelivered(id: string, result: DeliveredResult): Promise<boolean> {
    requireId(id, "id");
    requireId(result.instanceId, "instanceId");
    const at = requireDate(result.at, "at").getTime();
    const messageTs = result.messageTs === undefined ? null : requireId(result.messageTs, "messageTs");
    const pausedUntil = optionalDate(result.channelPausedUntil, "channelPausedUntil");
    return this.#run(() =>
      this.#immediate(() => {
        const row = this.#prepare(
          `UPDATE outbox SET status = 'delivered', delivered_at = ?, message_ts = ?, attempts = attempts + 1,
             leased_by = NULL, lease_until = NULL
           WHERE id = ? AND status = 'pending' RETURNING team_id, channel_id`,
        ).get(at, messageTs, id) as ChannelKey | undefined;
        if (row && pausedUntil !== undefined) this.#pauseChannel(row, pausedUntil);
        return row !== undefined;
      }),
    );
  }

  /** Inside a write transaction: the channel's pause ends at `until`, or later if it already did. */
  #pauseChannel(channel: ChannelKey, until: number): void {
    this.#prepare(
      `INSERT INTO channel_pauses (team_id, channel_id, until) VALUES (?, ?, ?)
       ON CONFLICT (team_id, channel_id) DO UPDATE SET until = max(until, excluded.until)`,
    ).run(channel.team_id, channel.channel_id, until);
  }

  async scheduleRetry(id: string, retry: RetryInput): Promise<boolean> {
    requireId(id, "id");
    const instanceId = requireId(retry.instanceId, "instanceId");
    const at = requireDate(retry.at, "at").getTime();
    const pausedUntil = optionalDate(retry.channelPausedUntil, "channelPausedUntil");
    return this.#run(() =>
      this.#immediate(() => {
        const row = this.#prepare(
          `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
             leased_by = NULL, lease_until = NULL
           WHERE id = ? AND status = 'pending' AND leased_by = ? RETURNING team_id, channel_id`,
        ).get(at, cleanText(retry.error), id, instanceId) as ChannelKey | undefined;
        if (row && pausedUntil !== undefined) this.#pauseChannel(row, pausedUntil);
        return row !== undefined;
      }),
    );
  }

  async markFailed(id: string, failure: FailureInput): Promise<boolean> {
    requireId(id, "id");
    const instanceId = requireId(failure.instanceId, "instanceId");
    const at = requireDate(failure.at, "at").getTime();
    return this.#run(
      () =>
        this.#prepare(
          `UPDATE outbox SET status = 'failed', failed_at = ?, last_error = ?, attempts = attempts + 1,
             leased_by = NULL, lease_until = NULL
           WHERE id = ? AND status = 'pending' AND leased_by = ?`,
        ).run(at, cleanText(failure.error), id, instanceId).changes > 0,
    );
  }

  async outboxStats(): Promise<OutboxStats> {
    return this.#run(() => {
      const stats: OutboxStats = { pending: 0, delivered: 0, failed: 0 };
      const rows = this.#all<{ status: OutboxStatus; count: number }>(
        "SELECT status, count(*) AS count FROM outbox GROUP BY status",
      );
      for (const row of rows) stats[row.status] = row.count;
      return stats;
    });
  }

  async listChannelPauses(now: Date): Promise<ChannelPause[]> {
    const ms = requireDate(now, "now").getTime();
    return this.#run(() =>
      this.#all<ChannelKey & { until: number }>(
        "SELECT * FROM channel_pauses WHERE until > ? ORDER BY until, team_id, channel_id",
        ms,
      ).map((p) => ({ teamId: p.team_id, channelId: p.channel_id, until: new Date(p.until) })),
    );
  }

  async rememberDelivery(input: RememberInput): Promise<boolean> {
    const { key, now, expiresAt } = checkRemember(input);
    return this.#run(
      () =>
        this.#prepare(
          `INSERT INTO delivery_keys (key, expires_at) VALUES (?, ?)
           ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE delivery_keys.expires_at <= ?`,
        ).run(key, expiresAt.getTime(), now.getTime()).changes > 0,
    );
  }

  async prune(input: PruneInput): Promise<PruneResult> {
    const { now, cutoff, keepSnapshots } = checkPrune(input);
    return this.#run(() =>
      this.#immediate((): PruneResult => {
        const outbox = this.#prepare(
          `DELETE FROM outbox WHERE status <> 'pending' AND coalesce(delivered_at, failed_at, created_at) < ?`,
        ).run(cutoff.getTime()).changes;
        const snapshots = this.#prepare(
          `DELETE FROM snapshots WHERE created_at < ?
             AND seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.snapshot_id = snapshots.id)`,
        ).run(cutoff.getTime(), keepSnapshots).changes;
        const dedupeKeys = this.#prepare("DELETE FROM delivery_keys WHERE expires_at <= ?").run(
          now.getTime(),
        ).changes;
        const channelPauses = this.#prepare("DELETE FROM channel_pauses WHERE until <= ?").run(
          now.getTime(),
        ).changes;
        return { outbox, snapshots, dedupeKeys, channelPauses };
      }),
    );
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
      where.push(`${column} = ?`);
      params.push(requireId(value, column));
    }
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq LIMIT ?`;
    return this.#run(() => this.#all<OutboxRecord>(sql, ...params, limit).map(fromRow.outboxRow));
  }

  async recordAnswer(input: NewAnswerRecord): Promise<void> {
    const row = checkAnswerRecord(input);
    await this.#run(() =>
      this.#prepare(
        `INSERT INTO answers (id, team_id, surface, asked_at, intent, outcome, subjects, nearest_subject,
           nearest_subject_name, knowledge_file, knowledge_version, question_key, question_text)
         VALUES (@id, @team_id, @surface, @asked_at, @intent, @outcome, @subjects, @nearest_subject,
           @nearest_subject_name, @knowledge_file, @knowledge_version, @question_key, @question_text)`,
      ).run({ ...row, asked_at: row.asked_at.getTime(), subjects: JSON.stringify(row.subjects) }),
    );
  }

  async getAnswer(id: string): Promise<AnswerRecord | undefined> {
    requireId(id, "id");
    return this.#run(() => {
      const row = this.#get<AnswerRow<number>>("SELECT * FROM answers WHERE id = ?", id);
      return row ? feedbackRow.answer(row) : undefined;
    });
  }

  async castVote(input: VoteInput): Promise<VoteResult> {
    const { answerId, voter, vote, at } = checkVote(input);
    return this.#run(() =>
      this.#immediate((): VoteResult => {
        const row = this.#get<AnswerRow<number>>("SELECT * FROM answers WHERE id = ?", answerId);
        if (!row) return { status: "unknown_answer" };
        const answer = feedbackRow.answer(row);
        const earlier = this.#get<VoteRow<number>>(
          "SELECT * FROM votes WHERE answer_id = ? AND voter = ?",
          answerId,
          voter,
        );
        if (earlier?.vote === vote) return { status: "repeated", vote, answer };
        if (earlier) {
          this.#prepare("UPDATE votes SET vote = ?, changed_at = ? WHERE answer_id = ? AND voter = ?").run(
            vote,
            at.getTime(),
            answerId,
            voter,
          );
          return { status: "changed", vote, previous: earlier.vote, answer };
        }
        this.#prepare(
          `INSERT INTO votes (answer_id, voter, vote, intent, subjects, knowledge_version, voted_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(answerId, voter, vote, row.intent, row.subjects, row.knowledge_version, at.getTime());
        return { status: "recorded", vote, answer };
      }),
    );
  }

  async getVote(answerId: string, voter: string): Promise<StoredVote | undefined> {
    requireId(answerId, "answerId");
    requireId(voter, "voter");
    return this.#run(() => {
      const row = this.#get<VoteRow<number>>(
        "SELECT * FROM votes WHERE answer_id = ? AND voter = ?",
        answerId,
        voter,
      );
      return row ? feedbackRow.vote(row) : undefined;
    });
  }

  async listAnswerFeedback(query: FeedbackQuery): Promise<AnswerFeedback[]> {
    const { since, teamId, limit } = checkFeedbackQuery(query);
    const sql = feedbackSql(() => "?", teamId !== undefined);
    const params = teamId === undefined ? [since.getTime(), limit] : [since.getTime(), teamId, limit];
    return this.#run(() =>
      this.#all<AnswerRow<number> & { helpful: number; not_helpful: number }>(sql, ...params).map(
        feedbackRow.feedback,
      ),
    );
  }

  async forgetQuestionsBefore(before: Date): Promise<number> {
    const cutoff = requireDate(before, "before").getTime();
    return this.#run(
      () =>
        this.#prepare(
          "UPDATE answers SET question_text = NULL WHERE question_text IS NOT NULL AND asked_at < ?",
        ).run(cutoff).changes,
    );
  }

  async setProfile(input: NewProfile): Promise<Profile> {
    const record: ProfileRecord = {
      team_id: requireId(input.teamId, "teamId"),
      user_id: requireId(input.userId, "userId"),
      standing: toJson(requireStanding(input.standing, "standing"), "standing", STORE_LIMITS.maxProfileBytes),
      updated_at: requireDate(input.at ?? new Date(), "at").getTime(),
    };
    return this.#run(() => {
      this.#prepare(
        `INSERT INTO profiles (team_id, user_id, standing, updated_at) VALUES (@team_id, @user_id, @standing, @updated_at)
         ON CONFLICT (team_id, user_id) DO UPDATE SET standing = excluded.standing, updated_at = excluded.updated_at`,
      ).run(record);
      return fromRow.profile(record);
    });
  }

  async getProfile(teamId: string, userId: string): Promise<Profile | undefined> {
    requireId(teamId, "teamId");
    requireId(userId, "userId");
    return this.#run(() => {
      const record = this.#get<ProfileRecord>(
        "SELECT * FROM profiles WHERE team_id = ? AND user_id = ?",
        teamId,
        userId,
      );
      return record ? fromRow.profile(record) : undefined;
    });
  }

  async clearProfile(teamId: string, userId: string): Promise<boolean> {
    requireId(teamId, "teamId");
    requireId(userId, "userId");
    return this.#run(
      () =>
        this.#prepare("DELETE FROM profiles WHERE team_id = ? AND user_id = ?").run(teamId, userId).changes >
        0,
    );
  }

  async recordReview(input: NewReview): Promise<void> {
    const { scope, reviewedBy, at } = checkReview(input);
    await this.#run(() =>
      this.#prepare(
        `INSERT INTO reviews (scope, reviewed_at, reviewed_by) VALUES (?, ?, ?)
         ON CONFLICT (scope) DO UPDATE SET reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by`,
      ).run(scope, at.getTime(), reviewedBy),
    );
  }

  async listReviews(): Promise<ReviewRecord[]> {
    return this.#run(() =>
      this.#all<ReviewRow<number>>("SELECT * FROM reviews ORDER BY scope").map((row) =>
        reviewFromRow(row, (ms) => new Date(ms)),
      ),
    );
  }

  async queueReviewReminder(input: ReviewReminderInput): Promise<OutboxRow | undefined> {
    const checked = checkReminder(input);
    const at = checked.at.getTime();
    return this.#run(() =>
      this.#immediate((): OutboxRow | undefined => {
        const latest = this.#get<{ id: string }>("SELECT id FROM snapshots ORDER BY seq DESC LIMIT 1");
        if (!latest) return undefined;
        const reminded = new Map(
          this.#all<ReviewRow<number>>("SELECT * FROM reviews WHERE reminded_at IS NOT NULL").map(
            (row) => [row.scope, new Date(row.reminded_at ?? 0)] as const,
          ),
        );
        if (remindedAlready(checked, reminded)) return undefined;
        const mark = this.#prepare(
          `INSERT INTO reviews (scope, reminded_at) VALUES (?, ?)
           ON CONFLICT (scope) DO UPDATE SET reminded_at = excluded.reminded_at`,
        );
        for (const { scope } of checked.scopes) mark.run(scope, at);
        const record = this.#prepare(
          `INSERT INTO outbox (id, snapshot_id, team_id, channel_id, subscription_ids, payload, status, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, '[]', ?, 'pending', ?, ?) RETURNING *`,
        ).get(
          randomUUID(),
          latest.id,
          checked.teamId,
          checked.owner,
          checked.payload,
          at,
          at,
        ) as OutboxRecord;
        return fromRow.outboxRow(record);
      }),
    );
  }

  async saveInstallation(key: string, installation: unknown, at: Date = new Date()): Promise<void> {
    requireId(key, "key");
    const json = toJson(installation, "installation", STORE_LIMITS.maxInstallationBytes);
    const updatedAt = requireDate(at, "at").getTime();
    await this.#run(() =>
      this.#prepare(
        `INSERT INTO installations (key, installation, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET installation = excluded.installation, updated_at = excluded.updated_at`,
      ).run(key, json, updatedAt),
    );
  }

  async fetchInstallation(key: string): Promise<unknown | undefined> {
    requireId(key, "key");
    return this.#run(() => {
      const json = this.#prepare("SELECT installation FROM installations WHERE key = ?").pluck().get(key) as
        | string
        | undefined;
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    });
  }

  async deleteInstallation(key: string): Promise<boolean> {
    requireId(key, "key");
    return this.#run(() =>
      this.#immediate(() => {
        this.#prepare("DELETE FROM installation_teams WHERE installation_key = ?").run(key);
        return this.#prepare("DELETE FROM installations WHERE key = ?").run(key).changes > 0;
      }),
    );
  }

  async linkTeam(teamId: string, installationKey: string, at: Date = new Date()): Promise<void> {
    requireId(teamId, "teamId");
    requireId(installationKey, "installationKey");
    const when = requireDate(at, "at").getTime();
    await this.#run(() =>
      this.#prepare(
        `INSERT INTO installation_teams (team_id, installation_key, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (team_id) DO UPDATE SET installation_key = excluded.installation_key, updated_at = excluded.updated_at`,
      ).run(teamId, installationKey, when),
    );
  }

  async linkedInstallation(teamId: string): Promise<string | undefined> {
    requireId(teamId, "teamId");
    return this.#run(
      () =>
        this.#prepare("SELECT installation_key FROM installation_teams WHERE team_id = ?")
          .pluck()
          .get(teamId) as string | undefined,
    );
  }

  async linkedTeams(installationKey: string): Promise<string[]> {
    requireId(installationKey, "installationKey");
    return this.#run(
      () =>
        this.#prepare("SELECT team_id FROM installation_teams WHERE installation_key = ? ORDER BY team_id")
          .pluck()
          .all(installationKey) as string[],
    );
  }

  #run<T>(work: () => T): Promise<T> {
    if (this.#closed)
      return Promise.reject(new StoreError("STORE_CLOSED", `The store at ${this.target} is closed`));
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(toStoreError(error, this.target));
    }
  }

  #immediate<T>(work: () => T): T {
    return this.#db.transaction(work).immediate();
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.#prepare(sql).get(...params) as T | undefined;
  }

  #all<T>(sql: string, ...params: unknown[]): T[] {
    return this.#prepare(sql).all(...params) as T[];
  }
}

interface ChannelKey {
  team_id: string;
  channel_id: string;
}

function optionalDate(value: Date | undefined, field: string): number | undefined {
  return value === undefined ? undefined : requireDate(value, field).getTime();
}

function byDueThenSeq(a: OutboxRecord, b: OutboxRecord): number {
  return a.next_attempt_at - b.next_attempt_at || a.seq - b.seq;
}
