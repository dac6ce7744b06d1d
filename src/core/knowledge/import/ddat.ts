// Turns the UK Government Digital and Data Profession Capability Framework (DDaT) CSV downloads (role
// content, and optionally skill descriptions; recognised by header) into knowledge: the framework, its
// skills, and one file of roles per role family, each role with its ladder of role levels.
import type {
  FrameworkInput,
  GenericLevelInput,
  RoleInput,
  RoleLevelInput,
  SkillInput,
  SourceInput,
} from "../schema.ts";
import {
  type ColumnSpec,
  createCellReader,
  hasColumns,
  indexColumns,
  rowError,
  wrongColumns,
} from "./columns.ts";
import { ImportError } from "./errors.ts";
import type { KnowledgeFolder } from "./folder.ts";
import { type Importer, type ImportPlan, type PlannedFile, readsCsv } from "./plan.ts";
import type { CsvTable } from "./read-csv.ts";
import { cleanText, plural, slugify } from "./text.ts";
import { checkVersion } from "./version.ts";

export const DDAT_ATTRIBUTION =
  "Contains public sector information licensed under the Open Government Licence v3.0.";

const SKILL_LEVELS = [
  { level: 1, name: "Awareness" },
  { level: 2, name: "Working" },
  { level: 3, name: "Practitioner" },
  { level: 4, name: "Expert" },
] as const;

/** The data has no generic definitions of its four skill levels, so these are in our own words. */
const LEVEL_DESCRIPTIONS: Record<number, string> = {
  1: "You know what the skill is and why it matters, and can apply it to simple tasks with guidance.",
  2: "You can apply the skill in everyday work with some support, and know when to ask for help.",
  3: "You apply the skill on your own across a range of situations and can help others to use it.",
  4: "You are an authority on the skill: you lead how it is applied, improve practice and guide others.",
};

const ROLE_CONTENT_SPEC = {
  title: "DDaT role content file",
  required: [
    "Role Family",
    "Role",
    "Role Description",
    "Role Level",
    "Role Level Description",
    "Skill Name",
    "Skill Description",
    "Skill Level",
    "Skill Level Description",
  ],
  optional: ["Role Type"],
} satisfies ColumnSpec<string>;

const SKILL_DESCRIPTIONS_SPEC = {
  title: "DDaT skill descriptions file",
  required: ["Skill Name", "Skill Description", "Awareness", "Working", "Practitioner", "Expert"],
  optional: ["Roles that require Skill"],
} satisfies ColumnSpec<string>;

const NOT_IN_USE = "not in use";
/** Placeholders the data uses for a missing skill description. */
const MISSING = new Set(["", "missing", NOT_IN_USE]);
const NO_DESCRIPTION =
  "The framework data gives no overall description of this skill; its level descriptions say what is expected at each level.";

export interface DdatOptions {
  /** Framework version; required here, chosen by the caller (option, existing knowledge or file date). */
  version: string;
  /** Says where the version came from, for the summary. */
  versionFrom: string;
}

type DdatFileKind = "roles" | "skills";

export function recogniseDdatFile(table: CsvTable): DdatFileKind {
  if (hasColumns(table.header, ["Role Family"]) || hasColumns(table.header, ["Role Level"])) return "roles";
  if (hasColumns(table.header, ["Awareness"]) || hasColumns(table.header, ["Practitioner"])) return "skills";
  throw wrongColumns(
    table,
    ROLE_CONTENT_SPEC.required.concat(ROLE_CONTENT_SPEC.optional),
    "is not a DDaT capability framework file (role content, or skill descriptions with the columns Skill Name, Skill Description, Awareness, Working, Practitioner, Expert)",
  );
}

interface SkillDraft {
  name: string;
  description?: string;
  levels: Map<number, string>;
}

interface LevelDraft {
  name: string;
  description: string;
  roleType?: string;
  skills: NonNullable<RoleLevelInput["skills"]>;
  skillIds: Set<string>;
}

interface RoleDraft {
  name: string;
  family: string;
  summary: string;
  levels: Map<string, LevelDraft>;
}

export function planDdatImport(tables: readonly CsvTable[], options: DdatOptions): ImportPlan {
  let rolesTable: CsvTable | undefined;
  let skillsTable: CsvTable | undefined;
  for (const table of tables) {
    const kind = recogniseDdatFile(table);
    const previous = kind === "roles" ? rolesTable : skillsTable;
    if (previous) {
      throw new ImportError(
        "IMPORT_INPUTS",
        `is a second DDaT ${kind === "roles" ? "role content" : "skill descriptions"} file (the first was ${previous.file}); give each file once`,
        { file: table.file },
      );
    }
    if (kind === "roles") rolesTable = table;
    else skillsTable = table;
  }
  if (!rolesTable) {
    throw new ImportError(
      "IMPORT_INPUTS",
      `the DDaT import needs the role content file (columns ${ROLE_CONTENT_SPEC.required.join(", ")}); got only ${tables.map((t) => t.file).join(", ")}`,
    );
  }
  const version = checkVersion(options.version);
  const inputs = [rolesTable, skillsTable].filter((t) => t !== undefined);
  const source = ddatSource(version, inputs);
  const sources = [source.id];
  const skipped: string[] = [];

  const drafts = new Map<string, SkillDraft>();
  if (skillsTable) readSkillDescriptions(skillsTable, drafts);
  const roles = readRoleContent(rolesTable, drafts, skipped);

  const codes = assignSkillCodes(drafts);
  const skills = buildSkills(drafts, codes, version, sources, skipped);
  const known = new Set(skills.map((s) => s.code));
  const { roleFiles, roleCount, levelCount, refCount } = buildRoleFiles(roles, codes, known, sources);

  const framework: FrameworkInput = {
    id: "ddat",
    name: "DDaT",
    fullName: "Government Digital and Data Profession Capability Framework",
    version,
    url: "https://ddat-capability-framework.service.gov.uk/",
    levelTerm: "skill level",
    sources,
  };
  const genericLevels: GenericLevelInput[] = SKILL_LEVELS.map(({ level, name }) => ({
    framework: "ddat",
    level,
    name,
    description: LEVEL_DESCRIPTIONS[level] ?? name,
  }));
  const frameworkFile: PlannedFile = {
    path: "ddat/framework.yaml",
    entities: { sources: [source], frameworks: [framework] },
  };
  const blank = inputs.reduce((n, t) => n + t.blankRows, 0);
  if (blank > 0) skipped.push(plural(blank, "blank row"));
  return {
    importer: "ddat",
    framework,
    title: `${framework.name} ${framework.version}`,
    inputs: inputs.map((t) => t.name),
    attribution: DDAT_ATTRIBUTION,
    files: [frameworkFile, { path: "ddat/skills.yaml", entities: { skills } }, ...roleFiles],
    defaults: [{ path: "ddat/framework.yaml", entities: { levels: genericLevels } }],
    counts: [
      ["sources", 1],
      ["frameworks", 1],
      ["skills", skills.length],
      ["skill levels", skills.reduce((n, s) => n + s.levels.length, 0)],
      ["role families", roleFiles.length],
      ["roles", roleCount],
      ["role levels", levelCount],
      ["role-level skills", refCount],
    ],
    skipped,
    notes: [
      `version ${version} ${options.versionFrom}`,
      "the four skill levels (Awareness, Working, Practitioner, Expert) are described in our own words and only added where the folder has none",
    ],
  };
}

function buildSkills(
  drafts: ReadonlyMap<string, SkillDraft>,
  codes: ReadonlyMap<string, string>,
  version: string,
  sources: string[],
  skipped: string[],
): SkillInput[] {
  const skills: SkillInput[] = [];
  const levelless: string[] = [];
  let placeholders = 0;
  for (const [key, draft] of drafts) {
    if (draft.levels.size === 0) {
      levelless.push(draft.name);
      continue;
    }
    if (!draft.description) placeholders++;
    skills.push({
      framework: "ddat",
      code: codes.get(key) ?? slugify(draft.name),
      name: draft.name,
      version,
      description: draft.description ?? NO_DESCRIPTION,
      levels: [...draft.levels]
        .sort(([a], [b]) => a - b)
        .map(([level, description]) => ({ level, description })),
      sources,
    });
  }
  if (levelless.length > 0) {
    const examples = levelless.slice(0, 3).join("; ") + (levelless.length > 3 ? "; …" : "");
    skipped.push(
      `${plural(levelless.length, "skill")} with no level description in any file, which the schema needs (${examples})`,
    );
  }
  if (placeholders > 0) {
    skipped.push(
      `${plural(placeholders, "skill")} with no overall description in the data ("MISSING" or blank) got a placeholder description`,
    );
  }
  return skills;
}

function ddatSource(version: string, inputs: readonly CsvTable[]): SourceInput {
  return {
    id: `ddat-${slugify(version)}-export`,
    title: `Government Digital and Data Profession Capability Framework: CSV downloads (${version})`,
    publisher: "UK Government",
    url: "https://ddat-capability-framework.service.gov.uk/download",
    licence: DDAT_ATTRIBUTION,
    description: `The role content${inputs.length > 1 ? " and skill descriptions" : ""} of the capability framework as downloaded (${inputs.map((t) => t.name).join(", ")}), imported with rolecall import.`,
  };
}

function readSkillDescriptions(table: CsvTable, drafts: Map<string, SkillDraft>): void {
  const columns = indexColumns(table, SKILL_DESCRIPTIONS_SPEC);
  const cells = createCellReader(table, columns);
  for (const row of table.rows) {
    const cell = cells(row);
    const name = cleanText(cell("Skill Name"));
    if (!name) throw rowError(table, row, 'the "Skill Name" cell is empty');
    const key = name.toLowerCase();
    if (drafts.has(key)) throw rowError(table, row, `the skill "${name}" is described twice`);
    const levels = new Map<number, string>();
    for (const { level, name: column } of SKILL_LEVELS) {
      const text = present(cell(column));
      if (text) levels.set(level, text);
    }
    drafts.set(key, { name, description: present(cell("Skill Description")), levels });
  }
}

function readRoleContent(table: CsvTable, drafts: Map<string, SkillDraft>, skipped: string[]): RoleDraft[] {
  const columns = indexColumns(table, ROLE_CONTENT_SPEC);
  const cells = createCellReader(table, columns);
  const roles = new Map<string, RoleDraft>();
  let notInUse = 0;
  const notInUseTypes = new Set<string>();
  let duplicates = 0;
  for (const row of table.rows) {
    const cell = cells(row);
    const need = (column: (typeof ROLE_CONTENT_SPEC.required)[number]) => {
      const text = cleanText(cell(column));
      if (!text) throw rowError(table, row, `the "${column}" cell is empty`);
      return text;
    };
    const roleName = need("Role");
    const role = roles.get(roleName.toLowerCase()) ?? {
      name: roleName,
      family: need("Role Family"),
      summary: need("Role Description"),
      levels: new Map<string, LevelDraft>(),
    };
    roles.set(roleName.toLowerCase(), role);

    const levelName = need("Role Level");
    const skillLevelName = need("Skill Level");
    if (isNotInUse(levelName) || isNotInUse(skillLevelName)) {
      notInUse++;
      const roleType = cleanText(cell("Role Type"));
      if (roleType) notInUseTypes.add(roleType);
      continue;
    }
    const skillLevel = SKILL_LEVELS.find((l) => l.name.toLowerCase() === skillLevelName.toLowerCase());
    if (!skillLevel) {
      throw rowError(
        table,
        row,
        `the Skill Level "${skillLevelName}" is not one of ${SKILL_LEVELS.map((l) => l.name).join(", ")} (or NOT IN USE)`,
      );
    }
    const skillName = need("Skill Name");
    const skill = skillDraft(drafts, skillName);
    skill.description ??= present(cell("Skill Description"));
    const levelText = present(cell("Skill Level Description"));
    if (levelText && !skill.levels.has(skillLevel.level)) skill.levels.set(skillLevel.level, levelText);

    const level = role.levels.get(levelName.toLowerCase()) ?? {
      name: levelName,
      description: need("Role Level Description"),
      roleType: cleanText(cell("Role Type")) || undefined,
      skills: [],
      skillIds: new Set<string>(),
    };
    role.levels.set(levelName.toLowerCase(), level);
    const skillKey = skillName.toLowerCase();
    if (level.skillIds.has(skillKey)) {
      duplicates++;
      continue;
    }
    level.skillIds.add(skillKey);
    // The skill id is filled in once every skill name has its code.
    level.skills.push({ skill: skillKey, level: skillLevel.level, levelName: skillLevel.name });
  }
  if (notInUse > 0) {
    const idle = [...roles.values()].filter((r) => r.levels.size === 0).map((r) => r.name);
    const types = notInUseTypes.size > 0 ? `, role type ${[...notInUseTypes].join(", ")}` : "";
    const roleNote =
      idle.length > 0
        ? ` (all the rows of ${idle.join(", ")}${types}: those roles are imported with their description but no levels or skills)`
        : "";
    skipped.push(`${plural(notInUse, "row")} marked NOT IN USE${roleNote}`);
  }
  if (duplicates > 0) {
    skipped.push(`${plural(duplicates, "row")} repeating a skill already listed for the same role level`);
  }
  return [...roles.values()];
}

function skillDraft(drafts: Map<string, SkillDraft>, name: string): SkillDraft {
  const key = name.toLowerCase();
  const existing = drafts.get(key);
  if (existing) return existing;
  const draft: SkillDraft = { name, levels: new Map() };
  drafts.set(key, draft);
  return draft;
}

/** Codes are slugs of the names; two names with one slug get -2, -3 in file order. */
function assignSkillCodes(drafts: ReadonlyMap<string, SkillDraft>): Map<string, string> {
  const codes = new Map<string, string>();
  const used = new Set<string>();
  for (const [key, draft] of drafts) {
    const base = slugify(draft.name) || "skill";
    let code = base;
    for (let n = 2; used.has(code); n++) code = `${base}-${n}`;
    used.add(code);
    codes.set(key, code);
  }
  return codes;
}

function buildRoleFiles(
  roles: readonly RoleDraft[],
  codes: ReadonlyMap<string, string>,
  known: ReadonlySet<string>,
  sources: string[],
): { roleFiles: PlannedFile[]; roleCount: number; levelCount: number; refCount: number } {
  const roleIds = new Set(roles.map((r) => roleId(r.name)));
  const levelIds = assignLevelIds(roles, roleIds);
  const families = new Map<string, RoleInput[]>();
  let levelCount = 0;
  let refCount = 0;
  for (const draft of roles) {
    const roleLevels = rankLevels(draft).map(({ level, rank }): RoleLevelInput => {
      const skills = level.skills
        .map((ref) => ({ ...ref, skill: codes.get(ref.skill) ?? slugify(ref.skill) }))
        .filter((ref) => known.has(ref.skill))
        .map((ref) => ({ ...ref, skill: `ddat:${ref.skill}` }));
      levelCount++;
      refCount += skills.length;
      return {
        id: levelIds.get(level) ?? roleId(level.name),
        name: level.name,
        rank,
        description: level.description,
        ...(level.roleType ? { roleType: level.roleType } : {}),
        ...(skills.length > 0 ? { skills } : {}),
      };
    });
    const role: RoleInput = {
      id: roleId(draft.name),
      name: draft.name,
      framework: "ddat",
      family: draft.family,
      summary: draft.summary,
      ...(roleLevels.length > 0 ? { roleLevels } : {}),
      sources,
    };
    families.set(draft.family, [...(families.get(draft.family) ?? []), role]);
  }
  const roleFiles = [...families].map(([family, list]) => ({
    path: `ddat/roles-${slugify(family) || "other"}.yaml`,
    entities: { roles: list },
  }));
  return { roleFiles, roleCount: roles.length, levelCount, refCount };
}

function roleId(name: string): string {
  return `ddat-${slugify(name)}`;
}

/**
 * Role level ids share the role namespace, and many levels are named like their role ("Business
 * architect" in Business architect), so such a level gets -level; a level name used by two roles gets
 * the role's slug as well.
 */
function assignLevelIds(roles: readonly RoleDraft[], roleIds: ReadonlySet<string>): Map<LevelDraft, string> {
  const nameCount = new Map<string, number>();
  for (const role of roles) {
    for (const level of role.levels.values()) {
      const key = slugify(level.name);
      nameCount.set(key, (nameCount.get(key) ?? 0) + 1);
    }
  }
  const ids = new Map<LevelDraft, string>();
  const used = new Set<string>(roleIds);
  for (const role of roles) {
    for (const level of role.levels.values()) {
      const slug = slugify(level.name);
      let id = (nameCount.get(slug) ?? 0) > 1 ? `ddat-${slug}-${slugify(role.name)}` : `ddat-${slug}`;
      if (used.has(id)) id = `${id}-level`;
      for (let n = 2; used.has(id); n++) id = `ddat-${slug}-${n}`;
      used.add(id);
      ids.set(level, id);
    }
  }
  return ids;
}

/**
 * The data lists levels alphabetically, so the junior-to-senior order comes from the names: analysts
 * below managers, then apprentice < trainee < associate < junior < (plain) < senior/major < lead <
 * principal < head of < chief. (Associate below junior is what the data's own skill levels show in the
 * design and research roles.) Levels that differ only in a "- management" track share a rank.
 */
function rankLevels(role: RoleDraft): Array<{ level: LevelDraft; rank: number }> {
  const scored = [...role.levels.values()]
    .map((level) => ({ level, score: seniority(level.name) }))
    .sort((a, b) => a.score - b.score || a.level.name.localeCompare(b.level.name));
  const distinct = [...new Set(scored.map((s) => s.score))];
  return scored.map(({ level, score }) => ({ level, rank: distinct.indexOf(score) + 1 }));
}

const SENIORITY: ReadonlyArray<[RegExp, number]> = [
  [/\bchief\b/, 10],
  [/\bhead of\b/, 9],
  [/\bprincipal\b/, 8],
  [/\blead\b/, 7],
  [/\b(senior|major)\b/, 6],
  [/\bjunior\b/, 4],
  [/\bassociate\b/, 3],
  [/\btrainee\b/, 2],
  [/\bapprentice\b/, 1],
];

function seniority(levelName: string): number {
  const name = levelName.toLowerCase();
  const step = SENIORITY.find(([pattern]) => pattern.test(name))?.[1] ?? 5;
  const analyst = /\banalyst\b/.test(name) && !/\bhead of\b/.test(name);
  return (analyst ? 0 : 10) + step;
}

function present(cell: string): string | undefined {
  const text = cleanText(cell);
  return MISSING.has(text.toLowerCase()) ? undefined : text;
}

function isNotInUse(text: string): boolean {
  return text.trim().toLowerCase() === NOT_IN_USE;
}

export const ddatImporter: Importer = {
  name: "ddat",
  summary: "import the DDaT capability framework CSVs (role content, skill descriptions)",
  read: readsCsv(async (tables, { version, folder }) =>
    planDdatImport(tables, await chooseDdatVersion(version, folder)),
  ),
};

/**
 * The DDaT downloads carry no release date or version: --version wins, then the version of the ddat
 * framework already in the folder (a refresh is not a new release). Otherwise the import asks for one:
 * a file's modification date is only when it was downloaded, and answers would cite it as the version.
 */
async function chooseDdatVersion(
  option: string | undefined,
  folder: KnowledgeFolder,
): Promise<{ version: string; versionFrom: string }> {
  if (option !== undefined) return { version: checkVersion(option), versionFrom: "given with --version" };
  const existing = folder.frameworks.get("ddat")?.version;
  if (existing !== undefined) {
    return {
      version: existing,
      versionFrom: "kept from the ddat framework already in the folder (pass --version to change it)",
    };
  }
  throw new ImportError(
    "IMPORT_VERSION_REQUIRED",
    "the DDaT downloads carry no version or release date: pass --version with the one answers should cite, e.g. --version 2025 (the year you downloaded them)",
  );
}
