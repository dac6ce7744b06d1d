// Applies an import plan to a knowledge folder: matches records by id, moves updated records out of the
// files they were in, checks the whole result with the loader before writing, writes atomically, loads
// the folder again and puts everything back if that fails. Re-running the same import changes no byte.
import { stat } from "node:fs/promises";
import path from "node:path";
import { buildKnowledge, displayPath, loadKnowledge } from "../load.ts";
import { KNOWLEDGE_LIMITS } from "../parse.ts";
import { formatProblem, KnowledgeError } from "../problems.ts";
import type { RoleInput, SkillInput } from "../schema.ts";
import { editKnowledgeFile, type RecordPosition } from "./edit-file.ts";
import { ImportError } from "./errors.ts";
import { type ExistingFile, type KnowledgeFolder, type Located, recordKey, roleNameKey } from "./folder.ts";
import { type MergeContext, mergeEntity } from "./merge.ts";
import { ENTITY_KINDS, type Entities, type EntityKind, type EntityOf, type ImportPlan } from "./plan.ts";
import { isGeneratedFile, normaliseRecord, renderImportFile, SCHEMA_FILE } from "./render.ts";
import { undoWrite, type WrittenFiles, writeFilesAtomically } from "./write.ts";

export type KindCounts = Partial<Record<EntityKind, number>>;

export interface ApplyResult {
  /** The import's own files, relative to the folder, that were created or changed. */
  written: string[];
  /** The import's own files that were already up to date. */
  unchanged: string[];
  /** Other files that records were moved out of (or given a version). */
  edited: string[];
  added: KindCounts;
  updated: KindCounts;
  /** Records the folder already had exactly as imported. */
  upToDate: KindCounts;
  /** Default records not written because the folder already has them. */
  keptExisting: KindCounts;
  /** Sentences about records matched by name rather than id. */
  matchedByName: string[];
  /** Skills of the framework that this import does not bring, now marked with their earlier version. */
  pinnedVersions: number;
}

export interface ApplyOptions {
  /** Loads the folder after writing and throws if it is invalid; the loader unless a test replaces it. */
  verify?: (dir: string) => Promise<unknown>;
}

/** Where every record ends up: the import's files' contents, and the edits to other files. */
interface Placement {
  outputs: Map<string, Entities>;
  removals: Map<ExistingFile, RecordPosition[]>;
  pins: Map<ExistingFile, RecordPosition[]>;
  previousVersion?: string;
}

export async function applyImportPlan(
  plan: ImportPlan,
  folder: KnowledgeFolder,
  { verify = loadKnowledge }: ApplyOptions = {},
): Promise<ApplyResult> {
  const result: ApplyResult = {
    written: [],
    unchanged: [],
    edited: [],
    added: {},
    updated: {},
    upToDate: {},
    keptExisting: {},
    matchedByName: [],
    pinnedVersions: 0,
  };
  const placement = placeRecords(plan, folder, result);
  const newTexts = await renderTexts(plan, folder, placement);

  const before = new Map(folder.files.map((f) => [f.relative, f.text]));
  const check = buildKnowledge(
    [...new Map([...before, ...newTexts])].map(([relative, text]) => ({
      file: displayPath(path.join(folder.dir, relative)),
      text,
    })),
  );
  if (check.problems.length > 0) throw invalidResult(check.problems.map(formatProblem));

  const changed = new Map([...newTexts].filter(([relative, text]) => before.get(relative) !== text));
  for (const relative of placement.outputs.keys()) {
    (changed.has(relative) ? result.written : result.unchanged).push(relative);
  }
  result.edited = [...changed.keys()].filter((relative) => !placement.outputs.has(relative));
  if (changed.size > 0) await commit(folder.dir, changed, before, verify);
  return result;
}

function placeRecords(plan: ImportPlan, folder: KnowledgeFolder, result: ApplyResult): Placement {
  const targets = new Set([...plan.files, ...plan.defaults].map((f) => f.path));
  refuseToOverwriteHandWrittenFiles(folder, targets);
  const placement: Placement = {
    outputs: new Map([...targets].map((t) => [t, {}])),
    removals: new Map(),
    pins: new Map(),
    previousVersion: plan.framework ? folder.frameworks.get(plan.framework.id)?.version : undefined,
  };
  const output = (relative: string) => placement.outputs.get(relative) ?? {};
  const produced = new Set<string>();
  const context: MergeContext = {
    previousFrameworks: folder.frameworks,
    isImportSource: (id) =>
      plan.framework !== undefined && id.startsWith(`${plan.framework.id}-`) && id.endsWith("-export"),
  };

  for (const planned of plan.files) {
    for (const kind of ENTITY_KINDS) {
      for (const incoming of planned.entities[kind] ?? []) {
        const { entity, found } = findExisting(folder, kind, incoming, result);
        const merged = mergeEntity(kind, found?.value, entity, context);
        push(output(planned.path), kind, merged);
        produced.add(recordKey(kind, merged));
        if (!found) increment(result.added, kind);
        else increment(sameRecord(kind, found.value, merged) ? result.upToDate : result.updated, kind);
        if (found && !targets.has(found.file.relative)) add(placement.removals, found.file, found);
      }
    }
  }
  for (const planned of plan.defaults) {
    for (const kind of ENTITY_KINDS) {
      for (const entity of planned.entities[kind] ?? []) {
        const key = recordKey(kind, entity);
        if (folder.byKey.has(key) || produced.has(key)) {
          increment(result.keptExisting, kind);
          continue;
        }
        push(output(planned.path), kind, entity);
        produced.add(key);
        increment(result.added, kind);
      }
    }
  }

  // Records the import does not bring stay where they are; a skill left behind by a version change is
  // marked with the version its wording belongs to.
  const { previousVersion } = placement;
  const versionChanged = previousVersion !== undefined && previousVersion !== plan.framework?.version;
  for (const file of folder.files) {
    for (const kind of ENTITY_KINDS) {
      (file.data[kind] ?? []).forEach((value, index) => {
        if (produced.has(recordKey(kind, value as EntityOf[typeof kind]))) return;
        const skill = value as SkillInput;
        const pin =
          versionChanged && kind === "skills" && skill.framework === plan.framework?.id && !skill.version;
        if (pin) result.pinnedVersions++;
        if (targets.has(file.relative)) {
          push(output(file.relative), kind, pin ? { ...skill, version: previousVersion } : value);
        } else if (pin) {
          add(placement.pins, file, { kind, index });
        }
      });
    }
  }
  return placement;
}

async function renderTexts(
  plan: ImportPlan,
  folder: KnowledgeFolder,
  { outputs, removals, pins, previousVersion }: Placement,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const withSchemaHeader = await exists(path.join(folder.dir, SCHEMA_FILE));
  for (const [relative, entities] of outputs) {
    const text = renderImportFile(plan, relative, entities, withSchemaHeader);
    if (Buffer.byteLength(text) > KNOWLEDGE_LIMITS.maxFileBytes) {
      throw new ImportError(
        "IMPORT_RESULT_INVALID",
        `${relative} would be over the knowledge file size limit`,
      );
    }
    texts.set(relative, text);
  }
  for (const file of new Set([...removals.keys(), ...pins.keys()])) {
    const edited = editKnowledgeFile(
      file.text,
      removals.get(file) ?? [],
      pins.get(file) ?? [],
      previousVersion ?? "",
    );
    texts.set(file.relative, edited);
  }
  return texts;
}

/** Writes the changed files all at once, loads the folder, and undoes the write if it does not load. */
async function commit(
  dir: string,
  changed: ReadonlyMap<string, string>,
  before: ReadonlyMap<string, string>,
  verify: (dir: string) => Promise<unknown>,
): Promise<void> {
  let written: WrittenFiles;
  try {
    const previous = new Map([...changed.keys()].map((relative) => [relative, before.get(relative)]));
    written = await writeFilesAtomically(dir, changed, previous);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ImportError(
      "IMPORT_WRITE_FAILED",
      `cannot write to ${displayPath(dir)} (${code}), so nothing was imported`,
    );
  }
  try {
    await verify(dir);
  } catch (error) {
    await undoWrite(written);
    throw invalidResult(
      error instanceof KnowledgeError ? error.problems.map(formatProblem) : [String(error)],
    );
  }
}

function refuseToOverwriteHandWrittenFiles(folder: KnowledgeFolder, targets: ReadonlySet<string>): void {
  for (const file of folder.files) {
    if (targets.has(file.relative) && !isGeneratedFile(file.text)) {
      throw new ImportError(
        "IMPORT_WOULD_OVERWRITE",
        "was not written by rolecall import, but the import writes a file of that name; move or rename it and import again",
        { file: displayPath(file.absolute) },
      );
    }
  }
}

/**
 * Finds the record an incoming one updates: by id; for a role, also by framework and name, so a
 * hand-written profile of the same framework role (e.g. it-service-manager) is updated, not duplicated.
 */
function findExisting<K extends EntityKind>(
  folder: KnowledgeFolder,
  kind: K,
  incoming: EntityOf[K],
  result: ApplyResult,
): { entity: EntityOf[K]; found?: Located<K> } {
  const byId = folder.byKey.get(recordKey(kind, incoming)) as Located<K> | undefined;
  if (byId || kind !== "roles") return { entity: incoming, found: byId };
  const role = incoming as RoleInput;
  const sameName = folder.rolesByName.get(roleNameKey(role));
  if (!sameName) return { entity: incoming };
  const existingId = sameName.value.id;
  result.matchedByName.push(
    `the ${role.framework} role "${role.name}" updates the existing role ${existingId} (same name) rather than adding ${role.id}`,
  );
  return { entity: { ...role, id: existingId } as EntityOf[K], found: sameName as unknown as Located<K> };
}

function sameRecord(kind: EntityKind, a: unknown, b: unknown): boolean {
  return JSON.stringify(normaliseRecord(kind, a)) === JSON.stringify(normaliseRecord(kind, b));
}

function push(entities: Entities, kind: EntityKind, entity: unknown): void {
  const lists = entities as Record<EntityKind, unknown[] | undefined>;
  const list = lists[kind] ?? [];
  list.push(entity);
  lists[kind] = list;
}

function add<T>(map: Map<ExistingFile, T[]>, file: ExistingFile, item: T): void {
  map.set(file, [...(map.get(file) ?? []), item]);
}

function increment(counts: KindCounts, kind: EntityKind): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
}

function invalidResult(problems: string[]): ImportError {
  const shown = problems.slice(0, 20);
  const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : "";
  return new ImportError(
    "IMPORT_RESULT_INVALID",
    `the knowledge would not load after this import, so nothing was imported:\n${shown.map((p) => `  ${p}`).join("\n")}${more}`,
    {},
    problems,
  );
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
