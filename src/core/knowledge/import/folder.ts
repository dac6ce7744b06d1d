// Reads the knowledge folder an import goes into: every YAML file, schema-checked, with its records
// indexed by id so the import can tell which records it updates and where they live.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { displayPath, listYamlFiles } from "../load.ts";
import { KNOWLEDGE_LIMITS, parseKnowledgeText } from "../parse.ts";
import { formatProblem } from "../problems.ts";
import type { FrameworkInput, KnowledgeFile, RoleInput } from "../schema.ts";
import { ImportError } from "./errors.ts";
import { ENTITY_KINDS, type EntityKind, type EntityOf, entityKey } from "./plan.ts";

export interface ExistingFile {
  absolute: string;
  /** Relative to the folder, with forward slashes. */
  relative: string;
  text: string;
  data: KnowledgeFile;
}

export interface Located<K extends EntityKind = EntityKind> {
  file: ExistingFile;
  kind: K;
  /** Position in the file's list for that kind. */
  index: number;
  value: EntityOf[K];
}

export interface KnowledgeFolder {
  /** Absolute path. */
  dir: string;
  files: ExistingFile[];
  /** Keyed by recordKey(kind, entity). */
  byKey: Map<string, Located>;
  /** Roles that name a framework, keyed by framework|lower-case name. */
  rolesByName: Map<string, Located<"roles">>;
  frameworks: Map<string, FrameworkInput>;
}

export function recordKey<K extends EntityKind>(kind: K, entity: EntityOf[K]): string {
  return `${kind}|${entityKey(kind, entity)}`;
}

export function roleNameKey(role: Pick<RoleInput, "framework" | "name">): string {
  return `${role.framework ?? ""}|${role.name.toLowerCase()}`;
}

/** Reads and schema-checks every knowledge file under dir. A folder that does not exist yet is empty. */
export async function scanKnowledgeFolder(dir: string): Promise<KnowledgeFolder> {
  const absoluteDir = path.resolve(dir);
  const folder: KnowledgeFolder = {
    dir: absoluteDir,
    files: [],
    byKey: new Map(),
    rolesByName: new Map(),
    frameworks: new Map(),
  };
  let entries: string[];
  try {
    if (!(await stat(absoluteDir)).isDirectory()) {
      throw new ImportError("IMPORT_INPUTS", "the --out path is a file, not a folder", { file: dir });
    }
    entries = await listYamlFiles(absoluteDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return folder;
    throw error;
  }
  const problems: string[] = [];
  for (const absolute of entries) {
    const shown = displayPath(absolute);
    const { size } = await stat(absolute);
    if (size > KNOWLEDGE_LIMITS.maxFileBytes) {
      problems.push(
        `${shown}: over the ${KNOWLEDGE_LIMITS.maxFileBytes / 1024 / 1024} MB knowledge file limit`,
      );
      continue;
    }
    const text = await readFile(absolute, "utf8");
    const parsed = parseKnowledgeText(shown, text);
    problems.push(...parsed.problems.map(formatProblem));
    if (parsed.data)
      index(folder, { absolute, relative: relativeTo(absoluteDir, absolute), text, data: parsed.data });
  }
  if (problems.length > 0) {
    throw new ImportError(
      "IMPORT_EXISTING_INVALID",
      `the knowledge already in ${displayPath(absoluteDir)} has problems; fix them before importing:\n${problems.map((p) => `  ${p}`).join("\n")}`,
      {},
      problems,
    );
  }
  return folder;
}

function index(folder: KnowledgeFolder, file: ExistingFile): void {
  folder.files.push(file);
  for (const kind of ENTITY_KINDS) {
    const list = (file.data[kind] ?? []) as EntityOf[typeof kind][];
    list.forEach((value, position) => {
      const located = { file, kind, index: position, value } as Located;
      const key = recordKey(kind, value);
      if (!folder.byKey.has(key)) folder.byKey.set(key, located);
      if (kind === "roles") {
        const role = value as RoleInput;
        if (role.framework && !folder.rolesByName.has(roleNameKey(role))) {
          folder.rolesByName.set(roleNameKey(role), located as Located<"roles">);
        }
      }
      if (kind === "frameworks") folder.frameworks.set((value as FrameworkInput).id, value as FrameworkInput);
    });
  }
}

function relativeTo(dir: string, absolute: string): string {
  return path.relative(dir, absolute).split(path.sep).join("/");
}
