// SQLite schema, one numbered migration per change. Never edit a shipped migration; add the next number.
// Times are integer milliseconds since the epoch; JSON is stored as text.
import type { Migration } from "./migration.ts";

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "subscriptions, snapshots, outbox, installations",
    sql: `
      CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        filter_kind TEXT NOT NULL CHECK (filter_kind IN ('all', 'skill', 'framework', 'role')),
        filter_id TEXT NOT NULL,
        filter_label TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        disabled_at INTEGER,
        disabled_reason TEXT,
        UNIQUE (team_id, channel_id, filter_kind, filter_id)
      ) STRICT;
      CREATE INDEX subscriptions_created_by ON subscriptions (created_by);

      CREATE TABLE snapshots (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        knowledge TEXT NOT NULL,
        changes TEXT NOT NULL
      ) STRICT;

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        snapshot_id TEXT NOT NULL REFERENCES snapshots (id),
        team_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        subscription_ids TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        leased_by TEXT,
        lease_until INTEGER,
        last_error TEXT,
        delivered_at INTEGER,
        failed_at INTEGER,
        message_ts TEXT
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (next_attempt_at, seq) WHERE status = 'pending';
      CREATE INDEX outbox_channel_pending ON outbox (team_id, channel_id, seq) WHERE status = 'pending';
      CREATE INDEX outbox_snapshot ON outbox (snapshot_id);

      CREATE TABLE installations (
        key TEXT PRIMARY KEY,
        installation TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
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
      ALTER TABLE snapshots ADD COLUMN version TEXT;
      CREATE INDEX snapshots_created ON snapshots (created_at);

      CREATE TABLE delivery_keys (
        key TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX delivery_keys_expiry ON delivery_keys (expires_at);

      CREATE TABLE channel_pauses (
        team_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        until INTEGER NOT NULL,
        PRIMARY KEY (team_id, channel_id)
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: "answers given and the votes on them, for feedback and knowledge gaps",
    // No user id is kept with an answer; a vote keeps a keyed hash of its voter. question_text is only
    // filled when ROLECALL_RECORD_QUESTIONS allows it, and emptied after the retention period.
    sql: `
      CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        surface TEXT NOT NULL,
        asked_at INTEGER NOT NULL,
        intent TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'not_found', 'weak_search')),
        subjects TEXT NOT NULL,
        nearest_subject TEXT,
        nearest_subject_name TEXT,
        knowledge_file TEXT,
        knowledge_version TEXT NOT NULL,
        question_key TEXT NOT NULL,
        question_text TEXT
      ) STRICT;
      CREATE INDEX answers_asked_at ON answers (asked_at);
      CREATE INDEX answers_with_text ON answers (asked_at) WHERE question_text IS NOT NULL;

      CREATE TABLE votes (
        answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        voter TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN ('helpful', 'not_helpful')),
        intent TEXT NOT NULL,
        subjects TEXT NOT NULL,
        knowledge_version TEXT NOT NULL,
        voted_at INTEGER NOT NULL,
        changed_at INTEGER,
        PRIMARY KEY (answer_id, voter)
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: "the workspaces seen under each org-wide installation",
    sql: `
      CREATE TABLE installation_teams (
        team_id TEXT PRIMARY KEY,
        installation_key TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX installation_teams_key ON installation_teams (installation_key);
    `,
  },
  {
    version: 6,
    name: "people's profiles: their role level or skills at levels",
    sql: `
      CREATE TABLE profiles (
        team_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        standing TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (team_id, user_id)
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: "knowledge reviews: when each owner last confirmed it and was last reminded",
    sql: `
      CREATE TABLE reviews (
        scope TEXT PRIMARY KEY,
        reviewed_at INTEGER,
        reviewed_by TEXT,
        reminded_at INTEGER
      ) STRICT;
    `,
  },
];
