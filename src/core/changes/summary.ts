// Groups changes by subject (a framework, a level, a skill, a role, a RACI row, a source) with counts, so a
// notification can say "ITMG: renamed, 2 level texts changed" instead of listing lines one by one.
import { CHANGE_KINDS, type Change, type ChangeKind, type ChangeType } from "./types.ts";

export interface ChangeGroup {
  kind: ChangeKind;
  id: string;
  name: string;
  framework?: string;
  total: number;
  counts: Partial<Record<ChangeType, number>>;
  /** In the order diffSnapshots returned them. */
  changes: Change[];
}

export interface ChangeSummary {
  total: number;
  /** Subjects changed, per kind. */
  subjects: Partial<Record<ChangeKind, number>>;
  /** One line, e.g. "5 changes: 1 framework, 2 skills, 1 RACI row". */
  headline: string;
  groups: ChangeGroup[];
}

const KIND_NOUNS: Record<ChangeKind, [string, string]> = {
  framework: ["framework", "frameworks"],
  level: ["framework level", "framework levels"],
  skill: ["skill", "skills"],
  role: ["role", "roles"],
  raci: ["RACI row", "RACI rows"],
  source: ["source", "sources"],
};

export function summariseChanges(changes: readonly Change[]): ChangeSummary {
  const groups = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const key = `${change.kind}\u0000${change.id}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        kind: change.kind,
        id: change.id,
        name: change.name,
        ...(change.framework ? { framework: change.framework } : {}),
        total: 0,
        counts: {},
        changes: [],
      };
      groups.set(key, group);
    }
    group.total++;
    group.counts[change.type] = (group.counts[change.type] ?? 0) + 1;
    group.changes.push(change);
  }
  const subjects: Partial<Record<ChangeKind, number>> = {};
  for (const group of groups.values()) subjects[group.kind] = (subjects[group.kind] ?? 0) + 1;
  return {
    total: changes.length,
    subjects,
    headline: headline(changes.length, subjects),
    groups: [...groups.values()],
  };
}

function headline(total: number, subjects: Partial<Record<ChangeKind, number>>): string {
  if (total === 0) return "No changes";
  const parts = CHANGE_KINDS.flatMap((kind) => {
    const n = subjects[kind];
    if (!n) return [];
    const [one, many] = KIND_NOUNS[kind];
    return [`${n} ${n === 1 ? one : many}`];
  });
  return `${total} ${total === 1 ? "change" : "changes"}: ${parts.join(", ")}`;
}
