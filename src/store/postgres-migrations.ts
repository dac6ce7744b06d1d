// PostgreSQL schema, one numbered migration per change. Never edit a shipped migration; add the next number.
// Ids are text (not uuid) so a malformed id behaves as "not found", exactly as in SQLite.
import type { Migration } from "./migration.ts";

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "subscriptions, snapshots, outbox, installations",
    sql: `
      CREATE TABLE subscriptions (
        id text PRIMARY KEY,
        team_id text NOT NULL,
        channel_id text NOT NULL,
        filter_kind text NOT NULL CHECK (filter_kind IN ('all', 'skill', 'framework', 'role')),
        filter_id text NOT NULL,
        filter_label text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        disabled_at timestamptz,
        disabled_reason text,
        UNIQUE (team_id, channel_id, filter_kind, filter_id)
      );
      CREATE INDEX subscriptions_created_by ON subscriptions (created_by);

      CREATE TABLE snapshots (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        hash text NOT NULL,
        created_at timestamptz NOT NULL,
        knowledge json NOT NULL,
        changes json NOT NULL
      );

      CREATE TABLE outbox (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        snapshot_id text NOT NULL REFERENCES snapshots (id),
        team_id text NOT NULL,
        channel_id text NOT NULL,
        subscription_ids text[] NOT NULL,
        payload json NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        leased_by text,
        lease_until timestamptz,
        last_error text,
        delivered_at timestamptz,
        failed_at timestamptz,
        message_ts text
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at, seq) WHERE status = 'pending';
      CREATE INDEX outbox_channel_pending ON outbox (team_id, channel_id, seq) WHERE status = 'pending';
      CREATE INDEX outbox_snapshot ON outbox (snapshot_id);

      CREATE TABLE installations (
        key text PRIMARY KEY,
        installation json NOT NULL,
        updated_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "outbox rows hold change notices, not Slack messages",
    sql: "",
    upgradeOutboxPayloads: true,
  },
  {
    version: 3,
    name: "several instances: content versions, delivery keys, channel pauses",
    sql: `
      ALTER TABLE snapshots ADD COLUMN version json;
      CREATE INDEX snapshots_created ON snapshots (created_at);

      CREATE TABLE delivery_keys (
        key text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX delivery_keys_expiry ON delivery_keys (expires_at);

      CREATE TABLE channel_pauses (
        team_id text NOT NULL,
        channel_id text NOT NULL,
        until timestamptz NOT NULL,
        PRIMARY KEY (team_id, channel_id)
      );
    `,
  },
  {
    version: 4,
    name: "answers given and the votes on them, for feedback and knowledge gaps",
    // No user id is kept with an answer; a vote keeps a keyed hash of its voter. question_text is only
    // filled when ROLECALL_RECORD_QUESTIONS allows it, and emptied after the retention period.
    sql: `
      CREATE TABLE answers (
        id text PRIMARY KEY,
        team_id text NOT NULL,
        surface text NOT NULL,
        asked_at timestamptz NOT NULL,
        intent text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('answered', 'not_found', 'weak_search')),
        subjects json NOT NULL,
        nearest_subject text,
        nearest_subject_name text,
        knowledge_file text,
        knowledge_version text NOT NULL,
        question_key text NOT NULL,
        question_text text
      );
      CREATE INDEX answers_asked_at ON answers (asked_at);
      CREATE INDEX answers_with_text ON answers (asked_at) WHERE question_text IS NOT NULL;

      CREATE TABLE votes (
        answer_id text NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        voter text NOT NULL,
        vote text NOT NULL CHECK (vote IN ('helpful', 'not_helpful')),
        intent text NOT NULL,
        subjects json NOT NULL,
        knowledge_version text NOT NULL,
        voted_at timestamptz NOT NULL,
        changed_at timestamptz,
        PRIMARY KEY (answer_id, voter)
      );
    `,
  },
  {
    version: 5,
    name: "the workspaces seen under each org-wide installation",
    sql: `
      CREATE TABLE installation_teams (
        team_id text PRIMARY KEY,
        installation_key text NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX installation_teams_key ON installation_teams (installation_key);
    `,
  },
  {
    version: 6,
    name: "people's profiles: their role level or skills at levels",
    sql: `
      CREATE TABLE profiles (
        team_id text NOT NULL,
        user_id text NOT NULL,
        standing json NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (team_id, user_id)
      );
    `,
  },
  {
    version: 7,
    name: "knowledge reviews: when each owner last confirmed it and was last reminded",
    sql: `
      CREATE TABLE reviews (
        scope text PRIMARY KEY,
        reviewed_at timestamptz,
        reviewed_by text,
        reminded_at timestamptz
      );
    `,
  },
];
