// What an importer produces: knowledge entities grouped into the files they belong in, before anything
// is merged with or written to a knowledge folder.
import type { FrameworkInput, GenericLevelInput, RoleInput, SkillInput, SourceInput } from "../schema.ts";
import type { KnowledgeFolder } from "./folder.ts";
import type { CsvTable } from "./read-csv.ts";

/** One importer, as listed in registry.ts: its command-line name, what it reads, and how it plans. */
export interface Importer {
  /** rolecall import <name> */
  name: string;
  /** for the CLI usage text: what the import reads */
  summary: string;
  plan(tables: readonly CsvTable[], context: ImportContext): Promise<ImportPlan>;
}

export interface ImportContext {
  /** --version, when given */
  version?: string;
  /** the knowledge folder being imported into, as it is now */
  folder: KnowledgeFolder;
}

export const ENTITY_KINDS = ["sources", "frameworks", "levels", "skills", "roles"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityOf {
  sources: SourceInput;
  frameworks: FrameworkInput;
  levels: GenericLevelInput;
  skills: SkillInput;
  roles: RoleInput;
}

export type Entities = { [K in EntityKind]?: EntityOf[K][] };

export interface PlannedFile {
  /** Path relative to the output folder, with forward slashes, e.g. sfia/framework.yaml. */
  path: string;
  entities: Entities;
}

export interface ImportPlan {
  importer: string;
  framework: FrameworkInput;
  /** Base names of the input files, named in each generated file's header. */
  inputs: string[];
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
