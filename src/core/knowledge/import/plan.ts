// What an importer produces: knowledge entities grouped into the files they belong in, before anything
// is merged with or written to a knowledge folder.
import type {
  FrameworkInput,
  GenericLevelInput,
  RaciRowInput,
  RoleInput,
  SkillInput,
  SourceInput,
} from "../schema.ts";
import type { KnowledgeFolder } from "./folder.ts";
import { type CsvEncoding, type CsvTable, readCsvTable } from "./read-csv.ts";

/**
 * One importer, as listed in registry.ts: its command-line name, what it reads, and how it plans. Reading
 * comes first and touches nothing, so a bad input file is refused before the folder is started or scanned.
 */
export interface Importer {
  /** rolecall import <name> */
  name: string;
  /** for the CLI usage text: what the import reads */
  summary: string;
  /** the arguments after `import <name>` in the usage text; "FILE... --out DIR" unless one file is read */
  usage?: string;
  read(files: readonly string[], options?: ReadOptions): Promise<ReadInputs>;
}

export interface ReadOptions {
  /** --sheet: the worksheet of a workbook to read, by name */
  sheet?: string;
}

/** What an importer read: each input, described for the summary, and how to plan from them. */
export interface ReadInputs {
  inputs: ImportInput[];
  plan(context: ImportContext): Promise<ImportPlan>;
}

export interface ImportInput {
  file: string;
  /** the CSV's encoding, or "xlsx" for a workbook */
  encoding: CsvEncoding | "xlsx";
  rows: number;
  /** what rows counts when it is not rows of a table: "level texts" for a career ladder */
  unit?: string;
}

export interface ImportContext {
  /** --version, when given */
  version?: string;
  /** --create-roles: role columns of a RACI matrix that match no role become new roles */
  createRoles?: boolean;
  /** the knowledge folder being imported into, as it is now */
  folder: KnowledgeFolder;
}

/** The read step of an importer of CSV exports (SFIA, DDaT): every file as a table of rows. */
export function readsCsv(
  plan: (tables: readonly CsvTable[], context: ImportContext) => Promise<ImportPlan>,
): Importer["read"] {
  return async (files) => {
    const tables: CsvTable[] = [];
    for (const file of files) tables.push(await readCsvTable(file));
    return {
      inputs: tables.map((t) => ({ file: t.file, encoding: t.encoding, rows: t.rows.length })),
      plan: (context) => plan(tables, context),
    };
  };
}

export const ENTITY_KINDS = ["sources", "frameworks", "levels", "skills", "roles", "raci"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityOf {
  sources: SourceInput;
  frameworks: FrameworkInput;
  levels: GenericLevelInput;
  skills: SkillInput;
  roles: RoleInput;
  raci: RaciRowInput;
}

export type Entities = { [K in EntityKind]?: EntityOf[K][] };

export interface PlannedFile {
  /** Path relative to the output folder, with forward slashes, e.g. sfia/framework.yaml. */
  path: string;
  entities: Entities;
}

export interface ImportPlan {
  importer: string;
  /** The framework the import brings; none for a RACI matrix, and none for several career ladders at once. */
  framework?: FrameworkInput;
  /** What the summary says was imported, e.g. "SFIA 9", "the RACI matrix", "3 career ladders". */
  title: string;
  /** Base names of the input files, named in each generated file's header. */
  inputs: string[];
  /** Where one output file comes from fewer inputs than the whole import (a ladder per file), its inputs. */
  inputsFor?: Readonly<Record<string, string[]>>;
  /** Licence or attribution line written into each generated file's header. */
  attribution: string;
  files: PlannedFile[];
  /** Written only where the folder has no entity with that id yet (e.g. levels described in our own words). */
  defaults: PlannedFile[];
  /** Imported things per kind, e.g. { skills: 147, "skill levels": 672 }, in display order. */
  counts: Array<[string, number]>;
  /** Rows and values the importer skipped or filled in, as sentences. */
  skipped: string[];
  /** Other facts worth telling, e.g. where the version came from. */
  notes: string[];
}

/** The id an entity is matched by across files, case-insensitive like the loader's duplicate check. */
export function entityKey<K extends EntityKind>(kind: K, entity: EntityOf[K]): string {
  switch (kind) {
    case "levels": {
      const level = entity as GenericLevelInput;
      return `${level.framework}:${level.level}`;
    }
    case "skills": {
      const skill = entity as SkillInput;
      return `${skill.framework}:${skill.code}`.toLowerCase();
    }
    default:
      return (entity as { id: string }).id.toLowerCase();
  }
}
