// Compares two knowledge snapshots and lists what changed, recognising every subject by its stable id
// (framework id, framework:level, framework:CODE, role id, RACI row id), never by its text.
import { RACI_LETTERS, type RaciLetter } from "../knowledge/model.ts";
import { listWords } from "../text/list-words.ts";
import { wholeTextExcerpt, wordExcerpt } from "./excerpt.ts";
import { describeField, diffFields, type FieldChange } from "./fields.ts";
import {
  assertSnapshotFormat,
  type KnowledgeSnapshot,
  type SnapshotFramework,
  type SnapshotRaciRow,
  type SnapshotRole,
  type SnapshotSkill,
} from "./snapshot.ts";
import { clip, compareStrings } from "./text.ts";
import { CHANGE_KINDS, CHANGE_TYPES, type Change } from "./types.ts";

/** What a change is about: every field of a change but what happened and its summary. */
type Subject = Omit<Change, "type" | "summary">;

/** Longest summary line; the excerpt carries the detail. */
export const MAX_SUMMARY_CHARS = 300;

const LETTER_NAMES: Record<RaciLetter, string> = {
  responsible: "Responsible",
  accountable: "Accountable",
  consulted: "Consulted",
  informed: "Informed",
};

export function diffSnapshots(before: KnowledgeSnapshot | undefined, after: KnowledgeSnapshot): Change[] {
  assertSnapshotFormat(after.formatVersion);
  // First publish: no channel was ever told about earlier knowledge, so for subscribers nothing has changed.
  // Reporting the whole knowledge base as "added" would flood every subscribed channel at install time with
  // hundreds of lines nobody asked for; the caller stores this snapshot as the baseline for the next publish.
  if (!before) return [];
  assertSnapshotFormat(before.formatVersion);
  const context = new DiffContext(before, after);
  const changes = [
    ...diffFrameworks(context),
    ...diffGenericLevels(context),
    ...diffSkills(context),
    ...diffRoles(context),
    ...diffRaci(context),
    ...diffSources(context),
  ];
  return sortChanges(
    changes.map((change) => ({ ...change, summary: clip(change.summary, MAX_SUMMARY_CHARS) })),
  );
}

class DiffContext {
  readonly frameworksBefore: ReadonlyMap<string, SnapshotFramework>;
  readonly frameworksAfter: ReadonlyMap<string, SnapshotFramework>;
  private readonly roleNames = new Map<string, string>();

  constructor(
    readonly before: KnowledgeSnapshot,
    readonly after: KnowledgeSnapshot,
  ) {
    this.frameworksBefore = byId(before.frameworks);
    this.frameworksAfter = byId(after.frameworks);
    // Names as they read now, falling back to the old name for roles that were removed.
    for (const role of [...before.roles, ...after.roles]) this.roleNames.set(role.id, role.name);
  }

  roleName(id: string): string {
    return this.roleNames.get(id) ?? id;
  }

  frameworkName(id: string): string {
    return this.frameworksAfter.get(id)?.name ?? this.frameworksBefore.get(id)?.name ?? id;
  }
}

function diffFrameworks({ before, after }: DiffContext): Change[] {
  return changedPairs(before.frameworks, after.frameworks).flatMap(([b, a]): Change[] => {
    const current = a ?? b;
    if (!current) return [];
    const subject: Subject = { kind: "framework", id: current.id, name: current.name, framework: current.id };
    if (!b) {
      const summary = `Framework ${current.name} version ${current.version} added`;
      return [{ type: "framework_added", ...subject, after: current.version, summary }];
    }
    if (!a) {
      const summary = `Framework ${current.name} removed`;
      return [{ type: "framework_removed", ...subject, before: current.version, summary }];
    }
    const changes: Change[] = [];
    if (b.version !== a.version) {
      const summary = `${a.name} moved from version ${b.version} to ${a.version}`;
      changes.push({
        type: "framework_version_changed",
        ...subject,
        before: b.version,
        after: a.version,
        summary,
      });
    }
    for (const field of diffFields(b, a, ["id", "version"])) {
      changes.push(fieldChange("framework_changed", subject, `${a.name}:`, field));
    }
    return changes;
  });
}

function diffGenericLevels(context: DiffContext): Change[] {
  const { before, after } = context;
  return changedPairs(before.levels, after.levels).flatMap(([b, a]): Change[] => {
    const current = a ?? b;
    if (!current) return [];
    const label = `${context.frameworkName(current.framework)} level ${current.level}`;
    const subject = {
      kind: "level",
      id: current.id,
      name: current.name,
      framework: current.framework,
      level: current.level,
    } as const;
    if (!b || !a) {
      const added = !b;
      return [
        {
          type: added ? "level_added" : "level_removed",
          ...subject,
          summary: `${label} (${current.name}) ${added ? "added" : "removed"}`,
          excerpt: wholeTextExcerpt(current.description, added ? "added" : "removed"),
        },
      ];
    }
    const changes: Change[] = [];
    if (b.name !== a.name) {
      const summary = `${label} renamed from ${b.name} to ${a.name}`;
      changes.push({ type: "level_renamed", ...subject, before: b.name, after: a.name, summary });
    }
    const excerpt = wordExcerpt(b.description, a.description);
    if (excerpt) {
      const summary = `${label} (${a.name}) description changed`;
      changes.push({ type: "level_text_changed", ...subject, summary, excerpt });
    }
    for (const field of diffFields(b, a, ["id", "framework", "level", "name", "description"])) {
      changes.push(fieldChange("level_changed", subject, `${label} (${a.name}):`, field));
    }
    return changes;
  });
}

function diffSkills(context: DiffContext): Change[] {
  const { before, after } = context;
  return changedPairs(before.skills, after.skills).flatMap(([b, a]): Change[] => {
    const current = a ?? b;
    if (!current) return [];
    const subject: Subject = {
      kind: "skill",
      id: current.id,
      name: current.name,
      framework: current.framework,
    };
    const label = `${context.frameworkName(current.framework)} skill ${current.code} (${current.name})`;
    if (!b) return [{ type: "skill_added", ...subject, summary: `${label} added` }];
    if (!a) return [{ type: "skill_removed", ...subject, summary: `${label} removed` }];
    return diffSkill(context, b, a, subject);
  });
}

function diffSkill(context: DiffContext, b: SnapshotSkill, a: SnapshotSkill, subject: Subject): Change[] {
  const changes: Change[] = [];
  const renamed = b.name !== a.name;
  if (renamed) {
    const summary = `${a.code} renamed from ${b.name} to ${a.name}`;
    changes.push({ type: "skill_renamed", ...subject, before: b.name, after: a.name, summary });
  }
  const [placeBefore, placeAfter] = [place(b), place(a)];
  if (placeBefore !== placeAfter) {
    const summary = `${a.code} moved from ${placeBefore} to ${placeAfter}`;
    changes.push({ type: "skill_moved", ...subject, before: placeBefore, after: placeAfter, summary });
  }
  const excerpt = wordExcerpt(b.description, a.description);
  if (excerpt) {
    changes.push({
      type: "skill_description_changed",
      ...subject,
      summary: `${a.code} description changed`,
      excerpt,
    });
  }
  changes.push(...diffSkillLevels(b, a, subject));

  const versionFollowsFramework =
    b.version === context.frameworksBefore.get(b.framework)?.version &&
    a.version === context.frameworksAfter.get(a.framework)?.version;
  const otherFields: FieldChange[] = [];
  if (b.version !== a.version && !versionFollowsFramework) {
    otherFields.push(describeField("version", b.version, a.version));
  }
  // A rename usually records the old name among the former names; the rename itself already says so.
  const formerAfter = renamed ? (a.formerNames ?? []).filter((n) => n !== b.name) : (a.formerNames ?? []);
  if (canonicalList(b.formerNames) !== canonicalList(formerAfter)) {
    otherFields.push(describeField("formerNames", b.formerNames, formerAfter));
  }
  const handled = ["id", "framework", "code", "name", "category", "subcategory", "description", "levels"];
  otherFields.push(...diffFields(b, a, [...handled, "version", "formerNames"]));
  for (const field of otherFields) changes.push(fieldChange("skill_changed", subject, `${a.code}:`, field));
  return changes;
}

function diffSkillLevels(b: SnapshotSkill, a: SnapshotSkill, subject: Subject): Change[] {
  const before = new Map(b.levels.map((l) => [l.level, l]));
  const after = new Map(a.levels.map((l) => [l.level, l]));
  const numbers = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => x - y);
  return numbers.flatMap((level): Change[] => {
    const [lb, la] = [before.get(level), after.get(level)];
    const label = `${a.code} level ${level}`;
    if (!lb || !la) {
      const added = !lb;
      const text = (la ?? lb)?.description ?? "";
      return [
        {
          type: added ? "level_added" : "level_removed",
          ...subject,
          level,
          summary: `${label} ${added ? "added" : "removed"}`,
          excerpt: wholeTextExcerpt(text, added ? "added" : "removed"),
        },
      ];
    }
    const changes: Change[] = [];
    const excerpt = wordExcerpt(lb.description, la.description);
    if (excerpt) {
      changes.push({
        type: "level_text_changed",
        ...subject,
        level,
        summary: `${label} description changed`,
        excerpt,
      });
    }
    for (const field of diffFields(lb, la, ["level", "description"])) {
      changes.push(fieldChange("level_changed", { ...subject, level }, `${label}:`, field));
    }
    return changes;
  });
}

function diffRoles({ before, after }: DiffContext): Change[] {
  return changedPairs(before.roles, after.roles).flatMap(([b, a]): Change[] => {
    const current = a ?? b;
    if (!current) return [];
    const subject: Subject = {
      kind: "role",
      id: current.id,
      name: current.name,
      ...(current.framework ? { framework: current.framework } : {}),
      roles: [current.id],
    };
    if (!b) return [{ type: "role_added", ...subject, summary: `Role ${current.name} added` }];
    if (!a) return [{ type: "role_removed", ...subject, summary: `Role ${current.name} removed` }];
    const changes: Change[] = [];
    if (b.name !== a.name) {
      const summary = `Role renamed from ${b.name} to ${a.name}`;
      changes.push({ type: "role_renamed", ...subject, before: b.name, after: a.name, summary });
    }
    changes.push(...diffRoleLevels(b, a, subject));
    for (const field of diffFields(b, a, ["id", "name", "roleLevels"])) {
      changes.push(fieldChange("role_changed", subject, `${a.name}:`, field));
    }
    return changes;
  });
}

function diffRoleLevels(b: SnapshotRole, a: SnapshotRole, subject: Subject): Change[] {
  return changedPairs(b.roleLevels ?? [], a.roleLevels ?? []).flatMap(([lb, la]): Change[] => {
    const current = la ?? lb;
    if (!current) return [];
    const at = { ...subject, roleLevel: current.id, roles: [a.id, current.id] };
    if (!lb)
      return [{ type: "role_level_added", ...at, summary: `${a.name}: role level ${current.name} added` }];
    if (!la)
      return [
        { type: "role_level_removed", ...at, summary: `${a.name}: role level ${current.name} removed` },
      ];
    return diffFields(lb, la, ["id"]).map((field) =>
      fieldChange("role_level_changed", at, `${a.name} › ${la.name}:`, field),
    );
  });
}

function diffRaci(context: DiffContext): Change[] {
  const { before, after } = context;
  return changedPairs(before.raci, after.raci).flatMap(([b, a]): Change[] => {
    const current = a ?? b;
    if (!current) return [];
    const everyone = [...new Set([...(b ? raciRoles(b) : []), ...(a ? raciRoles(a) : [])])];
    const subject: Subject = { kind: "raci", id: current.id, name: current.name, roles: everyone };
    if (!b) {
      const accountable = context.roleName(current.accountable);
      return [
        {
          type: "raci_row_added",
          ...subject,
          summary: `RACI ${current.kind} ${current.name} added (Accountable: ${accountable})`,
        },
      ];
    }
    if (!a)
      return [
        { type: "raci_row_removed", ...subject, summary: `RACI ${current.kind} ${current.name} removed` },
      ];
    const changes: Change[] = [];
    if (b.name !== a.name) {
      const summary = `RACI ${a.kind} renamed from ${b.name} to ${a.name}`;
      changes.push({ type: "raci_row_renamed", ...subject, before: b.name, after: a.name, summary });
    }
    for (const letter of RACI_LETTERS) {
      const change = diffRaciLetter(context, b, a, letter);
      if (change) changes.push(change);
    }
    for (const field of diffFields(b, a, ["id", "name", ...RACI_LETTERS])) {
      changes.push(fieldChange("raci_row_changed", subject, `${a.name}:`, field));
    }
    return changes;
  });
}

function diffRaciLetter(
  context: DiffContext,
  b: SnapshotRaciRow,
  a: SnapshotRaciRow,
  letter: RaciLetter,
): Change | undefined {
  const subject = { type: "raci_changed", kind: "raci", id: a.id, name: a.name, field: letter } as const;
  const letterName = LETTER_NAMES[letter];
  if (letter === "accountable") {
    if (b.accountable === a.accountable) return undefined;
    const [from, to] = [context.roleName(b.accountable), context.roleName(a.accountable)];
    return {
      ...subject,
      before: b.accountable,
      after: a.accountable,
      roles: [b.accountable, a.accountable],
      summary: `${a.name}: ${letterName} moved from ${from} to ${to}`,
    };
  }
  const [was, now] = [b[letter] ?? [], a[letter] ?? []];
  const added = now.filter((id) => !was.includes(id));
  const removed = was.filter((id) => !now.includes(id));
  if (added.length === 0 && removed.length === 0) return undefined;
  const names = (ids: string[]) => listWords(ids.map((id) => context.roleName(id)));
  const parts = [
    added.length > 0 ? `${names(added)} added to ${letterName}` : "",
    removed.length > 0 ? `${names(removed)} removed from ${letterName}` : "",
  ].filter(Boolean);
  return {
    ...subject,
    before: was,
    after: now,
    roles: [...new Set([...was, ...now])],
    summary: `${a.name}: ${parts.join("; ")}`,
  };
}

function diffSources({ before, after }: DiffContext): Change[] {
  return changedPairs(before.sources, after.sources).flatMap(([b, a]): Change[] => {
    const current = a ?? b;
    if (!current) return [];
    const subject = { kind: "source", id: current.id, name: current.title } as const;
    if (!b) return [{ type: "source_added", ...subject, summary: `Source ${current.title} added` }];
    if (!a) return [{ type: "source_removed", ...subject, summary: `Source ${current.title} removed` }];
    return diffFields(b, a, ["id"]).map((field) =>
      fieldChange("source_changed", subject, `Source ${a.title}:`, field),
    );
  });
}

function fieldChange(type: Change["type"], subject: Subject, prefix: string, field: FieldChange): Change {
  return {
    type,
    ...subject,
    field: field.field,
    ...(field.before !== undefined ? { before: field.before } : {}),
    ...(field.after !== undefined ? { after: field.after } : {}),
    summary: `${prefix} ${field.detail}`,
    ...(field.excerpt ? { excerpt: field.excerpt } : {}),
  };
}

function place(skill: SnapshotSkill): string {
  return [skill.category, skill.subcategory].filter(Boolean).join(" / ") || "no category";
}

function raciRoles(row: SnapshotRaciRow): string[] {
  return [...(row.responsible ?? []), row.accountable, ...(row.consulted ?? []), ...(row.informed ?? [])];
}

function canonicalList(list: readonly string[] | undefined): string {
  return JSON.stringify([...(list ?? [])].sort(compareStrings));
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/**
 * Matches entities by id: [before, after], with undefined on the side where the id is missing. Entities that
 * serialise identically are left out, as nothing in them changed; a mere difference in key order (a database
 * may reorder keys) falls through to the field-by-field comparison, which ignores it.
 */
function changedPairs<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
): Array<[T | undefined, T | undefined]> {
  const b = byId(before);
  const a = byId(after);
  const ids = [...new Set([...b.keys(), ...a.keys()])];
  return ids
    .map((id): [T | undefined, T | undefined] => [b.get(id), a.get(id)])
    .filter(([x, y]) => !x || !y || JSON.stringify(x) !== JSON.stringify(y));
}

/** Frameworks first, then levels, skills, roles, RACI rows and sources; within a kind by id, level and type. */
function sortChanges(changes: Change[]): Change[] {
  const rank = (change: Change) => [
    CHANGE_KINDS.indexOf(change.kind),
    change.id,
    change.level ?? 0,
    change.roleLevel ?? "",
    CHANGE_TYPES.indexOf(change.type),
    fieldOrder(change.field),
  ];
  return changes
    .map((change) => ({ change, key: rank(change) }))
    .sort((x, y) => compareKeys(x.key, y.key))
    .map(({ change }) => change);
}

/** RACI letters in R, A, C, I order; other fields alphabetically. */
function fieldOrder(field: string | undefined): string {
  if (field === undefined) return "";
  const letter = RACI_LETTERS.indexOf(field as RaciLetter);
  return letter >= 0 ? `0${letter}` : `1${field}`;
}

function compareKeys(x: ReadonlyArray<string | number>, y: ReadonlyArray<string | number>): number {
  for (let i = 0; i < x.length; i++) {
    const [p, q] = [x[i], y[i]];
    if (p === q) continue;
    if (typeof p === "number" && typeof q === "number") return p - q;
    return compareStrings(String(p), String(q));
  }
  return 0;
}
