// Schema version 2 changed what an outbox row holds: from a Slack message rendered at publish time
// ({ text, blocks }) to a platform-neutral change notice (src/core/changes/notice.ts). Rows still pending
// at the upgrade must still be delivered, so each one is rebuilt from what the store already holds: its
// snapshot's changes, the filters of the subscriptions it was for, and the framework names of its snapshot
// and the one before, exactly as the publish that wrote it chose them. Both stores run this rule; only how
// they read and write the rows differs.
import { type Change, type FollowedFilter, noticeFor, toNoticePayload } from "../core/changes/index.ts";

/** A payload written before schema version 2: a rendered Slack message. */
export function isLegacyPayload(payload: unknown): boolean {
  if (typeof payload !== "object" || payload === null || "format" in payload) return false;
  return Array.isArray((payload as { blocks?: unknown }).blocks);
}

export interface LegacyRow {
  /** the row's subscriptions that still exist, in the row's order (the order they matched in) */
  filters: readonly FollowedFilter[];
  /** the row's snapshot: its changes and knowledge, and the previous snapshot's knowledge */
  changes: unknown;
  knowledge: unknown;
  previousKnowledge: unknown;
}

/**
 * The notice payload for a legacy row, or undefined when its snapshot has no changes to tell (the row is
 * then left as it is, and delivery gives up on it as unreadable). A row whose subscriptions are all gone
 * gets every change; delivery skips it anyway, as its channel no longer follows anything it was for.
 */
export function upgradedPayload(row: LegacyRow): unknown {
  const changes = Array.isArray(row.changes) ? (row.changes as Change[]) : [];
  const names = new Map<string, string>();
  for (const knowledge of [row.previousKnowledge, row.knowledge]) {
    for (const framework of frameworksOf(knowledge)) names.set(framework.id, framework.name);
  }
  const filters: readonly FollowedFilter[] = row.filters.length > 0 ? row.filters : [{ kind: "all" }];
  const notice = noticeFor(changes, filters, names);
  if (!notice) return undefined;
  return toNoticePayload(row.filters.length > 0 ? notice : { ...notice, following: [] });
}

function frameworksOf(knowledge: unknown): Array<{ id: string; name: string }> {
  const frameworks = (knowledge as { frameworks?: unknown } | null)?.frameworks;
  if (!Array.isArray(frameworks)) return [];
  return frameworks.filter(
    (f): f is { id: string; name: string } => typeof f?.id === "string" && typeof f?.name === "string",
  );
}
