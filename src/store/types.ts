// The persistence contract: subscriptions, published knowledge snapshots, the notification outbox,
// Slack installations, and the answers given with the votes on them (feedback and knowledge gaps). SQLite and PostgreSQL implement it identically (tests/store/contract.ts).

import type { FollowedFilter } from "../core/changes/subscription.ts";
import type { Standing } from "../core/profile/standing.ts";

/** What a channel follows. `id` is the identity (skill code, framework id, role id); `label` is for display. */
export type SubscriptionFilter = FollowedFilter;

export interface Subscription {
  id: string;
  teamId: string;
  channelId: string;
  filter: SubscriptionFilter;
  /** Slack user id of whoever subscribed (or re-enabled) it. */
  createdBy: string;
  createdAt: Date;
  disabledAt?: Date;
  disabledReason?: string;
}

export interface NewSubscription {
  teamId: string;
  channelId: string;
  filter: SubscriptionFilter;
  createdBy: string;
  /** defaults to now */
  at?: Date;
}

export interface AddSubscriptionResult {
  subscription: Subscription;
  /** false when the channel already had this filter (the call changed nothing, or only re-enabled it) */
  created: boolean;
  /** true when a disabled subscription with this filter was switched back on */
  reenabled: boolean;
}

export interface SubscriptionQuery {
  teamId?: string;
  channelId?: string;
  createdBy?: string;
  includeDisabled?: boolean;
}

export interface SwitchedOffTeam {
  /** subscriptions disabled by the call */
  subscriptions: number;
  /** pending outbox rows given up */
  deliveries: number;
}

export interface Snapshot {
  id: string;
  /** content hash of the knowledge, computed by the caller */
  hash: string;
  createdAt: Date;
  knowledge: unknown;
  /** the change list against the previous snapshot, as the caller computed it */
  changes: unknown;
  /** how new the knowledge is (see ContentVersion); absent on snapshots stored before versions were kept */
  version?: ContentVersion;
}

/**
 * How new a publish's knowledge is, so an instance still running older knowledge (during a rolling
 * deploy) never announces it over newer knowledge. Compared in this order, the first that differs
 * deciding: the deploy's knowledge revision, the app version, then the framework versions. See
 * compareContentVersions in publish-rules.ts.
 */
export interface ContentVersion {
  /** ROLECALL_KNOWLEDGE_REVISION: a stamp the deploy raises with each knowledge release (a number or date) */
  revision?: string;
  /** the running Rolecall's version (package.json) */
  app?: string;
  /** framework id -> the version the knowledge declares, e.g. { sfia: "9" } */
  frameworks: Record<string, string>;
}

/** A snapshot without its knowledge: when it was published and what changed, for the freshness of answers. */
export type SnapshotEntry = Omit<Snapshot, "knowledge" | "hash">;

export interface Delivery {
  teamId: string;
  channelId: string;
  subscriptionIds: string[];
  /** what to tell the channel, as JSON: a ChangeNotice payload (src/core/changes/notice.ts) */
  payload: unknown;
}

export interface PublishInput {
  /**
   * The new snapshot's id, chosen by the caller so the outbox payloads can refer to it (e.g. a "Details"
   * button); defaults to a random UUID. Must be new: an id already stored fails the publish.
   */
  snapshotId?: string;
  hash: string;
  knowledge: unknown;
  changes: unknown;
  /**
   * The snapshot the caller diffed against (null when there was none). If another instance published in
   * the meantime, nothing is written and the result says so, so one change is never announced twice.
   */
  previousSnapshotId: string | null;
  /** how new this knowledge is; a publish older than the latest snapshot's version writes nothing */
  version?: ContentVersion;
  deliveries: Delivery[];
  /** defaults to now; also the first delivery time */
  at?: Date;
}

export type PublishResult =
  | { published: true; snapshot: Snapshot; outbox: OutboxRow[] }
  | { published: false; reason: "stale" | "unchanged" | "older"; latest: Snapshot | undefined };

export type OutboxStatus = "pending" | "delivered" | "failed";

export interface OutboxRow {
  id: string;
  snapshotId: string;
  teamId: string;
  channelId: string;
  subscriptionIds: string[];
  payload: unknown;
  /** finished delivery attempts (delivered, retried or failed) */
  attempts: number;
  nextAttemptAt: Date;
  status: OutboxStatus;
  createdAt: Date;
  leasedBy?: string;
  leaseUntil?: Date;
  lastError?: string;
  deliveredAt?: Date;
  failedAt?: Date;
  messageTs?: string;
}

export interface ClaimInput {
  /** unique per running process, e.g. `${hostname}:${pid}:${randomUUID()}` */
  instanceId: string;
  limit: number;
  now: Date;
  leaseMs: number;
  /** channel ids this instance is backing off from (rate limits) */
  excludeChannels?: string[];
}

export interface ChannelPause {
  teamId: string;
  channelId: string;
  until: Date;
}

export interface RememberInput {
  /** what identifies the delivery, e.g. `event:Ev0123` (Slack's event_id) */
  key: string;
  now: Date;
  /** how long the key is remembered */
  ttlMs: number;
}

export interface PruneInput {
  now: Date;
  /** finished outbox rows and snapshots older than this many milliseconds go */
  retentionMs: number;
  /** this many newest snapshots stay whatever their age (the newest always stays: the next diff needs it) */
  keepSnapshots: number;
}

export interface PruneResult {
  /** delivered or failed outbox rows removed */
  outbox: number;
  snapshots: number;
  /** expired remembered deliveries and ended channel pauses */
  dedupeKeys: number;
  channelPauses: number;
}

export interface DeliveredResult {
  instanceId: string;
  at: Date;
  messageTs?: string;
  /** no instance claims another row of this channel before then (the platform's per-channel pace) */
  channelPausedUntil?: Date;
}

export interface RetryInput {
  instanceId: string;
  /** when the row becomes due again */
  at: Date;
  error: string;
  /** no instance claims another row of this channel before then (a rate limit's Retry-After) */
  channelPausedUntil?: Date;
}

export interface FailureInput {
  instanceId: string;
  at: Date;
  error: string;
}

export interface OutboxQuery {
  snapshotId?: string;
  status?: OutboxStatus;
  teamId?: string;
  channelId?: string;
  /** default and maximum: STORE_LIMITS.maxListRows */
  limit?: number;
}

export interface OutboxStats {
  pending: number;
  delivered: number;
  failed: number;
}

/** How an answer ended: answered, nothing found, or free search with weak hits. The last two are gaps. */
export type AnswerOutcome = "answered" | "not_found" | "weak_search";

/**
 * One answer given, kept so a vote on it knows what it voted on and gaps can be counted. It names no
 * person; the question's words are kept only when the operator allows it (questionText).
 */
export interface AnswerRecord {
  id: string;
  teamId: string;
  /** where it was asked: command, dm, mention, shortcut, button, home */
  surface: string;
  askedAt: Date;
  intent: string;
  outcome: AnswerOutcome;
  /** "kind:id" of each subject the answer is about, e.g. "skill:sfia:ITMG" */
  subjects: string[];
  /** the subject nearest the question ("kind:id") and its name, where there is one */
  nearestSubject?: string;
  nearestSubjectName?: string;
  /** the knowledge file where an answer to the question would belong, relative to the knowledge folder */
  knowledgeFile?: string;
  /** the content hash of the knowledge that answered */
  knowledgeVersion: string;
  /** a keyed hash of the normalised question: groups the same question without keeping its words */
  questionKey: string;
  questionText?: string;
}

export type NewAnswerRecord = Omit<AnswerRecord, "askedAt"> & { askedAt?: Date };

export const VOTES = ["helpful", "not_helpful"] as const;
export type Vote = (typeof VOTES)[number];

export interface VoteInput {
  answerId: string;
  /** a keyed hash of the voter's Slack user id, never the id itself */
  voter: string;
  vote: Vote;
  /** defaults to now */
  at?: Date;
}

/** A person's profile: where they stand, keyed by workspace and Slack user. */
export interface Profile {
  teamId: string;
  userId: string;
  standing: Standing;
  updatedAt: Date;
}

export interface NewProfile {
  teamId: string;
  userId: string;
  standing: Standing;
  /** defaults to now */
  at?: Date;
}

export type VoteResult =
  /** a first vote, a changed vote, or the same vote again (refused: nothing changed) */
  | { status: "recorded" | "changed" | "repeated"; vote: Vote; previous?: Vote; answer: AnswerRecord }
  | { status: "unknown_answer" };

export interface StoredVote {
  answerId: string;
  voter: string;
  vote: Vote;
  intent: string;
  subjects: string[];
  knowledgeVersion: string;
  votedAt: Date;
  changedAt?: Date;
}

export interface FeedbackQuery {
  /** answers asked at or after this time */
  since: Date;
  teamId?: string;
  /** default and maximum: STORE_LIMITS.maxListRows */
  limit?: number;
}

/** An answer that is a gap (not found, weak search) or got a not-helpful vote, with its vote counts. */
export interface AnswerFeedback {
  answer: AnswerRecord;
  helpful: number;
  notHelpful: number;
}

/** One review scope (file:<path> or source:<id>, see src/core/answer/freshness.ts) and its history. */
export interface ReviewRecord {
  scope: string;
  /** the last "Still correct", and who said it */
  reviewedAt?: Date;
  reviewedBy?: string;
  /** the last reminder queued for it */
  remindedAt?: Date;
}

export interface NewReview {
  scope: string;
  reviewedBy: string;
  /** defaults to now */
  at?: Date;
}

export interface ReviewReminderInput {
  /** who is reminded: a Slack user id or user group; the outbox row's channel */
  owner: string;
  /** the outbox row's team: reminders are for knowledge owners, not a workspace's channels */
  teamId: string;
  /** the scopes reminded about; refused (nothing written) if any was reminded at or after its time */
  scopes: Array<{ scope: string; notRemindedSince: Date }>;
  /** the plain-data reminder the courier renders */
  payload: unknown;
  /** defaults to now; also the row's first delivery time */
  at?: Date;
}

export interface MigrationResult {
  /** versions applied by this call, ascending; empty when the schema was already current */
  applied: number[];
  /** the schema version now in the database */
  databaseVersion: number;
  /** the newest version this code knows; lower than databaseVersion after a rollback to older code */
  codeVersion: number;
}

export interface Store {
  /** "sqlite" or "postgres", and where (file path, or URL with the password redacted) */
  readonly kind: "sqlite" | "postgres";
  readonly target: string;

  /** Brings the schema up to date. Idempotent; safe when several instances start at once. */
  migrate(): Promise<MigrationResult>;
  /** Idempotent. Any later call fails with STORE_CLOSED. */
  close(): Promise<void>;

  /** Idempotent per (team, channel, filter kind + id); re-enables a disabled one. */
  addSubscription(input: NewSubscription): Promise<AddSubscriptionResult>;
  /** Deletes matching subscriptions (enabled or not); no filter removes all of the channel's. Returns how many. */
  removeSubscriptions(teamId: string, channelId: string, filter?: SubscriptionFilter): Promise<number>;
  /** Oldest first. Disabled subscriptions only with includeDisabled. */
  listSubscriptions(query?: SubscriptionQuery): Promise<Subscription[]>;
  /** Disables the channel's enabled subscriptions and returns them, so their subscribers can be told. */
  disableSubscriptions(teamId: string, channelId: string, reason: string, at?: Date): Promise<Subscription[]>;

  /**
   * A workspace took Rolecall away (uninstalled it, revoked its token): in one transaction, disables every
   * enabled subscription of the team and gives up its pending outbox rows (status failed), both with the
   * reason recorded. A later reinstall starts with nothing switched back on.
   */
  switchOffTeam(teamId: string, reason: string, at?: Date): Promise<SwitchedOffTeam>;

  latestSnapshot(): Promise<Snapshot | undefined>;
  /** One published snapshot by id, or undefined. */
  getSnapshot(id: string): Promise<Snapshot | undefined>;
  /** Every snapshot's id, time and changes, oldest first, without the (large) knowledge. */
  snapshotHistory(): Promise<SnapshotEntry[]>;
  /** One transaction: the snapshot and its outbox rows are stored together or not at all. */
  publish(input: PublishInput): Promise<PublishResult>;

  /**
   * Leases due rows (pending, nextAttemptAt <= now, lease free or expired) to one instance. Per channel,
   * rows go strictly in publish order: only a channel's oldest pending row is ever claimable, so a
   * channel has at most one message in flight across all instances.
   */
  claimDeliveries(input: ClaimInput): Promise<OutboxRow[]>;
  /** Records the delivery and clears the lease. False if the row was not pending (already finished). */
  markDelivered(id: string, result: DeliveredResult): Promise<boolean>;
  /** attempts+1, due again at `at`, lease cleared. False unless `instanceId` still holds the lease. */
  scheduleRetry(id: string, retry: RetryInput): Promise<boolean>;
  /** attempts+1, gives up on the row, lease cleared. False unless `instanceId` still holds the lease. */
  markFailed(id: string, failure: FailureInput): Promise<boolean>;
  outboxStats(): Promise<OutboxStats>;
  /** Channels no instance may post to before `until` (later than `now`), oldest pause first. */
  listChannelPauses(now: Date): Promise<ChannelPause[]>;

  /**
   * Remembers a delivery key until now + ttlMs. True the first time (or once the earlier one expired),
   * false while it is remembered: instances sharing the store handle a redelivered event once.
   */
  rememberDelivery(input: RememberInput): Promise<boolean>;
  /**
   * Removes what is past its retention: finished outbox rows older than retentionMs, then snapshots older
   * than it that no outbox row refers to and that are not among the keepSnapshots newest; also expired
   * delivery keys and ended channel pauses. Pending rows and their snapshots are never removed.
   */
  prune(input: PruneInput): Promise<PruneResult>;
  /** Publish order. */
  listOutbox(query?: OutboxQuery): Promise<OutboxRow[]>;

  /** Stores one answer given. Ids are the caller's (the vote buttons carry them); a repeated id fails. */
  recordAnswer(input: NewAnswerRecord): Promise<void>;
  getAnswer(id: string): Promise<AnswerRecord | undefined>;
  /**
   * One transaction: a first vote is recorded, a different vote replaces the voter's earlier one, and the
   * same vote again changes nothing ("repeated"). The vote keeps the answer's intent, subjects and version.
   */
  castVote(input: VoteInput): Promise<VoteResult>;
  /** The voter's vote on an answer, if any. */
  getVote(answerId: string, voter: string): Promise<StoredVote | undefined>;
  /** Gaps and not-helpful answers since the given time, newest first. */
  listAnswerFeedback(query: FeedbackQuery): Promise<AnswerFeedback[]>;
  /** Forgets the words of every question asked before the given time; returns how many were forgotten. */
  forgetQuestionsBefore(before: Date): Promise<number>;

  /** Records where a person stands, replacing what they set before. */
  setProfile(input: NewProfile): Promise<Profile>;
  getProfile(teamId: string, userId: string): Promise<Profile | undefined>;
  /** Forgets the person's profile. False when there was none. */
  clearProfile(teamId: string, userId: string): Promise<boolean>;
  /** Records a "Still correct" for a review scope. */
  recordReview(input: NewReview): Promise<void>;
  listReviews(): Promise<ReviewRecord[]>;
  /**
   * One transaction: marks the scopes reminded and queues one outbox row (on the latest snapshot) for the
   * owner. Undefined when another instance reminded one of them since its notRemindedSince, or when
   * nothing was ever published, so an owner is never reminded twice for one interval.
   */
  queueReviewReminder(input: ReviewReminderInput): Promise<OutboxRow | undefined>;

  /** Bolt InstallationStore backing; the key is the enterprise id for org-wide installs, else the team id. */
  saveInstallation(key: string, installation: unknown, at?: Date): Promise<void>;
  fetchInstallation(key: string): Promise<unknown | undefined>;
  /** Also forgets the workspaces linked to it. */
  deleteInstallation(key: string): Promise<boolean>;
  /**
   * Records that a workspace is served by an installation other than its own (an org-wide install on
   * Enterprise Grid, keyed by the enterprise id), so work outside a request finds its token. Idempotent;
   * a later link of the same workspace replaces the earlier one.
   */
  linkTeam(teamId: string, installationKey: string, at?: Date): Promise<void>;
  /** The installation a workspace was linked to, or undefined. */
  linkedInstallation(teamId: string): Promise<string | undefined>;
  /** The workspaces linked to an installation, sorted. */
  linkedTeams(installationKey: string): Promise<string[]>;
}

export interface StoreLogger {
  warn(message: string): void;
}

export interface StoreConfig {
  /** postgres://… selects PostgreSQL; otherwise SQLite at dataDir/rolecall.db */
  databaseUrl?: string;
  dataDir: string;
  logger?: StoreLogger;
}
