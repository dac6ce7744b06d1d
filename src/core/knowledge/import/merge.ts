// How an imported record replaces the record with the same id already in the folder. The import owns the
// framework's own wording; what people added around it (aliases, change notes, earlier revisions, hand-written
// role content) is carried over, and a skill's previous wording becomes a revision when the version changes.
import type {
  FrameworkInput,
  GenericLevelInput,
  RaciRowInput,
  RoleInput,
  RoleLevelInput,
  SkillInput,
} from "../schema.ts";
import type { EntityKind, EntityOf } from "./plan.ts";

export interface MergeContext {
  /** Framework records as they were in the folder before the import. */
  previousFrameworks: ReadonlyMap<string, FrameworkInput>;
  /** Ids of sources written by earlier imports of this framework; an update drops them. */
  isImportSource: (sourceId: string) => boolean;
}

export function mergeEntity<K extends EntityKind>(
  kind: K,
  existing: EntityOf[K] | undefined,
  incoming: EntityOf[K],
  context: MergeContext,
): EntityOf[K] {
  if (!existing) return incoming;
  switch (kind) {
    case "frameworks": {
      const [old, next] = [existing as FrameworkInput, incoming as FrameworkInput];
      return { ...old, ...next, sources: mergeSources(next.sources, old.sources, context) } as EntityOf[K];
    }
    case "levels":
      return mergeLevel(existing as GenericLevelInput, incoming as GenericLevelInput, context) as EntityOf[K];
    case "skills":
      return mergeSkill(existing as SkillInput, incoming as SkillInput, context) as EntityOf[K];
    case "roles":
      return mergeRole(existing as RoleInput, incoming as RoleInput, context) as EntityOf[K];
    case "raci":
      return mergeRaciRow(existing as RaciRowInput, incoming as RaciRowInput) as EntityOf[K];
    default:
      return incoming;
  }
}

function mergeLevel(
  old: GenericLevelInput,
  next: GenericLevelInput,
  context: MergeContext,
): GenericLevelInput {
  const aliases = withoutName(unique([...(old.aliases ?? []), ...(next.aliases ?? []), old.name]), next.name);
  return {
    ...old,
    ...next,
    ...(aliases.length > 0 ? { aliases } : { aliases: undefined }),
    sources: mergeSources(next.sources, old.sources, context),
  };
}

function mergeSkill(old: SkillInput, next: SkillInput, context: MergeContext): SkillInput {
  const framework = context.previousFrameworks.get(old.framework);
  const previousVersion = old.version ?? framework?.version;
  let revisions = old.revisions ?? [];
  if (previousVersion !== next.version && !sameWording(old, next)) {
    const label = previousVersion
      ? `${framework?.name ?? old.framework.toUpperCase()} ${previousVersion}`
      : "Earlier wording";
    if (!revisions.some((r) => r.label === label)) {
      revisions = [
        {
          label,
          version: previousVersion,
          name: old.name,
          category: old.category,
          subcategory: old.subcategory,
          description: old.description,
          levels: old.levels,
          sources: old.sources,
        },
        ...revisions,
      ];
    }
  }
  const renamed = old.name.toLowerCase() !== next.name.toLowerCase();
  const formerNames = withoutName(
    unique([...(old.formerNames ?? []), ...(renamed ? [old.name] : [])]),
    next.name,
  );
  const aliases = withoutName(unique([...(old.aliases ?? []), ...(next.aliases ?? [])]), next.name);
  return {
    ...next,
    ...(formerNames.length > 0 ? { formerNames } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(old.changes ? { changes: old.changes } : {}),
    ...(revisions.length > 0 ? { revisions } : {}),
    sources: mergeSources(next.sources, old.sources, context),
  };
}

/** Hand-written role content is kept; the ladder is the import's, plus any hand-written levels it does not name. */
function mergeRole(old: RoleInput, next: RoleInput, context: MergeContext): RoleInput {
  const imported = next.roleLevels ?? [];
  const ids = new Set(imported.map((l) => l.id));
  const names = new Set(imported.map((l) => l.name.toLowerCase()));
  const kept = (old.roleLevels ?? []).filter((l) => !ids.has(l.id) && !names.has(l.name.toLowerCase()));
  const roleLevels: RoleLevelInput[] = [...imported, ...kept];
  return {
    ...old,
    ...next,
    ...(roleLevels.length > 0 ? { roleLevels } : {}),
    sources: mergeSources(next.sources, old.sources, context),
  };
}

/**
 * A spreadsheet row owns its name, kind, description and all four letters (a letter with no roles is
 * cleared); the aliases, maturity and sources written in the knowledge stay. A spreadsheet's columns
 * give a letter's roles no order of their own, so where the same roles hold a letter the knowledge's
 * order (and its way of writing one role) is kept: an exported matrix imports as no change at all.
 */
function mergeRaciRow(old: RaciRowInput, next: RaciRowInput): RaciRowInput {
  const aliases = withoutName(unique([...(old.aliases ?? []), ...(next.aliases ?? [])]), next.name);
  return {
    ...old,
    ...next,
    ...(aliases.length > 0 ? { aliases } : {}),
    maturity: next.maturity ?? old.maturity,
    sources: next.sources ?? old.sources,
    responsible: sameRolesAs(old.responsible, next.responsible),
    accountable: sameRolesAs(old.accountable, next.accountable) ?? next.accountable,
    consulted: sameRolesAs(old.consulted, next.consulted),
    informed: sameRolesAs(old.informed, next.informed),
  };
}

type RoleRefs = RaciRowInput["responsible"];

/** The old way of writing a letter's roles where it names the same roles as the new, else the new. */
function sameRolesAs(old: RoleRefs, next: RoleRefs): RoleRefs {
  const set = (refs: RoleRefs) => new Set(refs === undefined ? [] : typeof refs === "string" ? [refs] : refs);
  const [before, after] = [set(old), set(next)];
  const same = before.size === after.size && [...before].every((id) => after.has(id));
  return same && before.size > 0 ? old : next;
}

function mergeSources(
  next: readonly string[] | undefined,
  old: readonly string[] | undefined,
  context: MergeContext,
): string[] | undefined {
  const merged = unique([...(next ?? []), ...(old ?? []).filter((id) => !context.isImportSource(id))]);
  return merged.length > 0 ? merged : undefined;
}

function sameWording(a: SkillInput, b: SkillInput): boolean {
  const levels = (s: SkillInput) => JSON.stringify(s.levels.map((l) => [l.level, l.description]));
  return a.name === b.name && a.description === b.description && levels(a) === levels(b);
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withoutName(values: readonly string[], name: string): string[] {
  return values.filter((v) => v.toLowerCase() !== name.toLowerCase());
}
