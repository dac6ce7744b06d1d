// What changed in the knowledge: snapshots, their diff, grouping for notifications and subscription matching.
export { diffSnapshots, MAX_SUMMARY_CHARS } from "./diff.ts";
export { EXCERPT_LIMITS, type ExcerptPart, excerptParts, wordExcerpt } from "./excerpt.ts";
export {
  type ChangeNotice,
  NOTICE_FORMAT,
  NoticeError,
  noticeFor,
  parseNotice,
  toNoticePayload,
} from "./notice.ts";
export {
  type KnowledgeSnapshot,
  parseSnapshot,
  SNAPSHOT_FORMAT_VERSION,
  SnapshotError,
  type SnapshotErrorCode,
  snapshotHash,
  toSnapshot,
} from "./snapshot.ts";
export { type FollowedFilter, matchesSubscription, type SubscriptionFilter } from "./subscription.ts";
export { type ChangeGroup, type ChangeSummary, summariseChanges } from "./summary.ts";
export {
  CHANGE_KINDS,
  CHANGE_TYPES,
  type Change,
  type ChangeKind,
  type ChangeType,
  type ChangeValue,
} from "./types.ts";
