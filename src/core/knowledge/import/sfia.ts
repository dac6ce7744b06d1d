// Turns the SFIA Foundation's spreadsheet export (skills, levels of responsibility, generic attributes;
// each recognised by its header) into knowledge entities: one file for the framework and its levels, one
// per skill category.

import { listWords } from "../../text/list-words.ts";
import type { FrameworkInput, GenericLevelInput, SkillInput, SourceInput } from "../schema.ts";
import {
  type ColumnSpec,
  createCellReader,
  hasColumns,
  headerKey,
  indexColumns,
  rowError,
  wrongColumns,
} from "./columns.ts";
import { ImportError } from "./errors.ts";
import { type Importer, type ImportPlan, type PlannedFile, readsCsv } from "./plan.ts";
import type { CsvTable } from "./read-csv.ts";
import { cleanText, plural, slugify } from "./text.ts";
import { checkVersion } from "./version.ts";

export const SFIA_ATTRIBUTION =
  "This publication contains information from the Skills Framework for the Information Age with the permission of the SFIA Foundation.";

const LEVELS = [1, 2, 3, 4, 5, 6, 7] as const;
const levelColumn = (level: number) => `Level ${level} description`;
const LEVEL_COLUMNS = LEVELS.map(levelColumn);

const SKILLS_SPEC = {
  title: "SFIA skills file",
  required: ["Code", "Skill", "Category", "Subcategory", "Overall description", ...LEVEL_COLUMNS],
  optional: ["URL", "Guidance notes"],
} satisfies ColumnSpec<string>;

const ATTRIBUTES_SPEC = {
  title: "SFIA generic attributes file",
  required: ["Attribute name", ...LEVEL_COLUMNS],
  optional: ["Code", "Type"],
} satisfies ColumnSpec<string>;

const SKILL_CODE = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const ESSENCE_PREFIX = /^essence of the level:\s*/i;

export interface SfiaOptions {
  version?: string;
}

type SfiaFileKind = "skills" | "levels" | "attributes";

export function planSfiaImport(tables: readonly CsvTable[], options: SfiaOptions = {}): ImportPlan {
  const byKind = new Map<SfiaFileKind, CsvTable>();
  for (const table of tables) {
    const kind = recogniseSfiaFile(table);
    const previous = byKind.get(kind);
    if (previous) {
      throw new ImportError(
        "IMPORT_INPUTS",
        `is a second SFIA ${kind} file (the first was ${previous.file}); give each file once`,
        { file: table.file },
      );
    }
    byKind.set(kind, table);
  }
  const skillsTable = byKind.get("skills");
  if (!skillsTable) {
    throw new ImportError(
      "IMPORT_INPUTS",
      `the SFIA import needs the skills file (header "#,Levels,...,Code,URL,Skill,Category,Subcategory,Overall description,..."); got only ${tables.map((t) => t.file).join(", ")}`,
    );
  }
  const levelsTable = byKind.get("levels");
  const attributesTable = byKind.get("attributes");
  if (attributesTable && !levelsTable) {
    throw new ImportError(
      "IMPORT_INPUTS",
      "the generic attributes belong to the levels of responsibility: give the levels file too",
      { file: attributesTable.file },
    );
  }

  const notes: string[] = [];
  const version = chooseVersion(skillsTable, options, notes);
  const inputs = [skillsTable, levelsTable, attributesTable].filter((t) => t !== undefined);
  const source = sfiaSource(version, inputs, exportDate(skillsTable, notes));
  const sources = [source.id];
  const framework: FrameworkInput = {
    id: "sfia",
    name: "SFIA",
    fullName: "Skills Framework for the Information Age",
    version,
    url: "https://sfia-online.org/",
    levelTerm: "level of responsibility",
    sources,
  };

  const skills = readSkills(skillsTable, version, sources);
  const attributes = attributesTable ? readAttributes(attributesTable) : undefined;
  const levels = levelsTable ? readLevels(levelsTable, attributes, sources) : [];
  if (!levelsTable)
    notes.push("no levels file given, so the levels of responsibility were left as they were");

  const frameworkFile: PlannedFile = {
    path: "sfia/framework.yaml",
    entities: { sources: [source], frameworks: [framework], ...(levels.length > 0 ? { levels } : {}) },
  };
  const categories = new Map<string, SkillInput[]>();
  for (const skill of skills) {
    const category = skill.category ?? "Uncategorised";
    categories.set(category, [...(categories.get(category) ?? []), skill]);
  }
  const skillFiles: PlannedFile[] = [...categories].map(([category, list]) => ({
    path: `sfia/skills-${slugify(category) || "uncategorised"}.yaml`,
    entities: { skills: list },
  }));

  const subcategories = new Set(skills.map((s) => `${s.category}/${s.subcategory}`));
  const counts: Array<[string, number]> = [
    ["sources", 1],
    ["frameworks", 1],
    ["levels", levels.length],
    ["level attributes", levels.reduce((n, l) => n + (l.attributes?.length ?? 0), 0)],
    ["skills", skills.length],
    ["skill levels", skills.reduce((n, s) => n + s.levels.length, 0)],
    ["categories", categories.size],
    ["subcategories", subcategories.size],
  ];
  const blank = inputs.reduce((n, t) => n + t.blankRows, 0);
  const skipped = blank > 0 ? [`${plural(blank, "blank row")}`] : [];
  return {
    importer: "sfia",
    framework,
    title: `${framework.name} ${framework.version}`,
    inputs: inputs.map((t) => t.name),
    attribution: SFIA_ATTRIBUTION,
    files: [frameworkFile, ...skillFiles],
    defaults: [],
    counts,
    skipped,
    notes,
  };
}

export function recogniseSfiaFile(table: CsvTable): SfiaFileKind {
  const first = headerKey(table.header[0] ?? "");
  if (first === "level" && table.rows.some((r) => headerKey(r.cells[0] ?? "") === "guiding phrase")) {
    return "levels";
  }
  if (hasColumns(table.header, ["Attribute name"])) return "attributes";
  if (hasColumns(table.header, ["Code"]) && table.header.some((c) => /^level \d description$/i.test(c))) {
    return "skills";
  }
  throw wrongColumns(
    table,
    ["#", "Levels", "Code", "URL", ...SKILLS_SPEC.required.slice(1), "Guidance notes"],
    "is not an SFIA export file (skills, levels of responsibility or generic attributes)",
  );
}

function chooseVersion(skills: CsvTable, options: SfiaOptions, notes: string[]): string {
  if (options.version !== undefined) {
    const version = checkVersion(options.version);
    notes.push(`version ${version} given with --version`);
    return version;
  }
  const urlColumn = skills.header.findIndex((c) => headerKey(c) === "url");
  for (const row of skills.rows) {
    const match = /\/(?:skillcode|shortcode)\/(\d+(?:\.\d+)?)\//.exec(row.cells[urlColumn] ?? "");
    if (match?.[1]) {
      notes.push(`version ${match[1]} read from the URL column`);
      return match[1];
    }
  }
  const fromName = /sfia[-_ ]?(\d+(?:\.\d+)?)(?:[-_ .]|$)/i.exec(skills.name);
  if (fromName?.[1]) {
    notes.push(`version ${fromName[1]} read from the file name`);
    return fromName[1];
  }
  throw new ImportError(
    "IMPORT_BAD_VERSION",
    "cannot tell which SFIA version this is (no /skillcode/N/ URLs and no version in the file name); pass --version, e.g. --version 9",
    { file: skills.file },
  );
}

/**
 * The export's own date, which the SFIA Foundation writes into its file names as YYMMDD
 * (sfia-9_skills_en_US_250129.csv is 29 January 2025): answers are dated from it until a publish changes them.
 */
function exportDate(skills: CsvTable, notes: string[]): string | undefined {
  const match = /_(\d{2})(\d{2})(\d{2})(?=[._]|$)/.exec(skills.name);
  if (!match) return undefined;
  const day = `20${match[1]}-${match[2]}-${match[3]}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(day)) return undefined;
  notes.push(`export date ${day} read from the file name`);
  return day;
}

function sfiaSource(version: string, inputs: readonly CsvTable[], updated: string | undefined): SourceInput {
  const parts = ["skills", "levels of responsibility", "generic attributes"].slice(0, inputs.length);
  return {
    id: `sfia-${slugify(version)}-export`,
    title: `SFIA ${version} spreadsheet export`,
    publisher: "SFIA Foundation",
    url: "https://sfia-online.org/",
    licence: SFIA_ATTRIBUTION,
    description: `The SFIA ${version} ${listWords(parts)} as exported by the SFIA Foundation (${inputs.map((t) => t.name).join(", ")}), imported with rolecall import.`,
    ...(updated ? { updated } : {}),
  };
}

function readSkills(table: CsvTable, version: string, sources: string[]): SkillInput[] {
  const columns = indexColumns(table, SKILLS_SPEC);
  const cells = createCellReader(table, columns);
  const seen = new Map<string, number>();
  const skills: SkillInput[] = [];
  for (const row of table.rows) {
    const cell = cells(row);
    const code = cleanText(cell("Code"));
    if (!SKILL_CODE.test(code)) {
      throw rowError(table, row, `the Code "${code}" is not a skill code such as ITMG`);
    }
    const first = seen.get(code.toUpperCase());
    if (first !== undefined)
      throw rowError(table, row, `the skill ${code} is already defined in row ${first}`);
    seen.set(code.toUpperCase(), row.row);
    const name = required(table, row, cell("Skill"), "Skill");
    const description = required(table, row, cell("Overall description"), "Overall description");
    const levels = LEVELS.flatMap((level) => {
      const text = cleanText(cell(levelColumn(level)));
      return text ? [{ level, description: text }] : [];
    });
    if (levels.length === 0) {
      throw rowError(
        table,
        row,
        `the skill ${code} has no level descriptions (columns "Level 1..7 description")`,
      );
    }
    const url = cleanText(cell("URL"));
    if (url && !isWebAddress(url)) throw rowError(table, row, `the URL "${url}" is not a web address`);
    skills.push(
      withoutEmpty({
        framework: "sfia",
        code,
        name,
        version,
        category: cleanText(cell("Category")),
        subcategory: cleanText(cell("Subcategory")),
        description,
        guidanceNotes: cleanText(cell("Guidance notes")),
        url,
        levels,
        sources,
      }),
    );
  }
  return skills;
}

type Attribute = { name: string; text: string };

function readAttributes(table: CsvTable): Map<number, Attribute[]> {
  const columns = indexColumns(table, ATTRIBUTES_SPEC);
  const cells = createCellReader(table, columns);
  const byLevel = new Map<number, Attribute[]>(LEVELS.map((l) => [l, []]));
  for (const row of table.rows) {
    const cell = cells(row);
    const name = required(table, row, cell("Attribute name"), "Attribute name");
    for (const level of LEVELS) {
      const text = cleanText(cell(levelColumn(level)));
      if (text) byLevel.get(level)?.push({ name, text });
    }
  }
  return byLevel;
}

function readLevels(
  table: CsvTable,
  attributes: Map<number, Attribute[]> | undefined,
  sources: string[],
): GenericLevelInput[] {
  const levelAt = new Map<number, number>();
  table.header.forEach((cell, i) => {
    const level = Number(cell);
    if (i > 0 && Number.isInteger(level) && level >= 1 && level <= 9) levelAt.set(i, level);
  });
  const rowNamed = (name: string) => table.rows.find((r) => headerKey(r.cells[0] ?? "") === headerKey(name));
  const names = rowNamed("Guiding phrase");
  const essences = rowNamed("Essence of the level");
  if (levelAt.size === 0 || !names || !essences) {
    throw wrongColumns(
      table,
      ["Level", "1", "2", "3", "4", "5", "6", "7"],
      'the SFIA levels file has one column per level and the rows "Guiding phrase" and "Essence of the level"',
    );
  }
  return [...levelAt].map(([column, level]) => {
    const name = cleanText(names.cells[column] ?? "");
    const description = cleanText(essences.cells[column] ?? "").replace(ESSENCE_PREFIX, "");
    if (!name) throw rowError(table, names, `level ${level} has no guiding phrase`);
    if (!description) throw rowError(table, essences, `level ${level} has no essence`);
    const levelAttributes = attributes?.get(level) ?? [];
    return {
      framework: "sfia",
      level,
      name,
      description,
      ...(levelAttributes.length > 0 ? { attributes: levelAttributes } : {}),
      sources,
    };
  });
}

function required(
  table: CsvTable,
  row: Parameters<typeof rowError>[1],
  value: string,
  column: string,
): string {
  const text = cleanText(value);
  if (!text) throw rowError(table, row, `the "${column}" cell is empty`);
  return text;
}

function isWebAddress(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Drops optional string fields the export left blank, so the YAML carries no empty values. */
function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== "" && v !== undefined)) as T;
}

export const sfiaImporter: Importer = {
  name: "sfia",
  summary: "import SFIA's official CSV export (skills, levels, attributes files)",
  read: readsCsv(async (tables, { version }) =>
    planSfiaImport(tables, version !== undefined ? { version } : {}),
  ),
};
