// Career ladders kept in git: the Financial Times engineering-progression YAML (job family: levels,
// themes, competencies) and Monzo's progression Markdown (YAML front matter: topics with criteria per
// level). Each ladder becomes a framework of its own: one role whose role levels are the ladder's levels,
// and one skill per theme or topic whose level texts are the competencies or criteria at each level, so
// the engine answers "what does a Senior Engineer 1 need for planning and organising" as a skill level.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Document, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import type { FrameworkInput, RoleInput, RoleLevelInput, SkillInput, SourceInput } from "../schema.ts";
import { ImportError } from "./errors.ts";
import type { KnowledgeFolder } from "./folder.ts";
import type { Importer, ImportPlan, PlannedFile } from "./plan.ts";
import { checkInputFile } from "./read-csv.ts";
import { cleanText, plural, slugify } from "./text.ts";
import { checkVersion } from "./version.ts";

export const LADDER_ATTRIBUTION = "Career ladder text belongs to its publisher; keep its licence with it.";

/** Skill levels are numbered 1-9 in the schema, so a ladder may have at most nine levels. */
const MAX_LEVELS = 9;

export interface LadderLevel {
  /** the source's own id (FT) or the level number (Monzo) */
  key: string;
  name: string;
  rank: number;
}

export interface LadderTheme {
  code: string;
  name: string;
  summary?: string;
  /** rank -> the competencies or criteria at that level */
  texts: Map<number, string[]>;
}

export interface Ladder {
  file: string;
  name: string;
  format: "ft-yaml" | "monzo-markdown";
  frameworkId: string;
  title: string;
  summary?: string;
  family?: string;
  legacy: boolean;
  levels: LadderLevel[];
  themes: LadderTheme[];
  /** competencies (FT) or criteria (Monzo) read */
  levelTexts: number;
}

const text = z.string().trim().min(1, "must not be empty");

const ftSchema = z.looseObject({
  name: text,
  summary: z.string().nullish(),
  isLegacy: z.boolean().optional(),
  levels: z.array(z.looseObject({ id: text, name: text })).min(1, "a ladder needs at least one level"),
  themes: z.array(z.looseObject({ id: text, name: text, summary: z.string().nullish() })).min(1),
  competencies: z
    .array(
      z.looseObject({
        level: text,
        theme: text,
        summary: text,
        examples: z.array(z.string()).nullish(),
      }),
    )
    .min(1, "a ladder needs competencies"),
});

const monzoSchema = z.looseObject({
  title: text,
  sidebarGroup: z.string().nullish(),
  levels: z
    .number({ error: "must be the number of levels, e.g. levels: 6" })
    .int()
    .min(1)
    .max(MAX_LEVELS, `must be at most ${MAX_LEVELS}`),
  topics: z
    .array(
      z.looseObject({
        name: text,
        title: z.string().nullish(),
        content: z.array(
          z.looseObject({
            level: z.number().int(),
            criteria: z.array(text).nullish(),
            exampleCriteria: z
              .array(z.looseObject({ criteria: text, examples: z.array(z.string()).nullish() }))
              .nullish(),
          }),
        ),
      }),
      { error: "the front matter needs topics: each with a name and criteria per level" },
    )
    .min(1, "the front matter needs at least one topic"),
});

/** Problems found in one file, each as file:line field: message. */
class Problems {
  readonly list: string[] = [];
  constructor(
    private readonly file: string,
    private readonly doc?: Document,
    private readonly lines?: LineCounter,
    /** lines before the YAML starts (the front matter's opening ---) */
    private readonly lineOffset = 0,
  ) {}

  add(fieldPath: ReadonlyArray<PropertyKey>, message: string): void {
    this.list.push(`${this.file}:${this.lineOf(fieldPath)} ${fieldName(fieldPath)}: ${message}`);
  }

  addAt(line: number, message: string): void {
    this.list.push(`${this.file}:${line} ${message}`);
  }

  private lineOf(fieldPath: ReadonlyArray<PropertyKey>): number {
    if (!this.doc || !this.lines) return 1 + this.lineOffset;
    // The deepest node that exists on the path: a missing field is reported where its parent is.
    for (let n = fieldPath.length; n >= 0; n--) {
      const node = this.doc.getIn(fieldPath.slice(0, n) as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node?.range) return this.lines.linePos(node.range[0]).line + this.lineOffset;
    }
    return 1 + this.lineOffset;
  }
}

function fieldName(fieldPath: ReadonlyArray<PropertyKey>): string {
  let name = "";
  for (const key of fieldPath)
    name += typeof key === "number" ? `[${key}]` : name ? `.${String(key)}` : String(key);
  return name || "(file)";
}

export async function readLadderFile(file: string): Promise<Ladder> {
  await checkInputFile(file);
  const source = await readFile(file, "utf8");
  if (source.trim() === "") throw new ImportError("IMPORT_EMPTY_FILE", "the file is empty", { file });
  const ladder = /\.(md|markdown)$/i.test(file) ? readMonzo(file, source) : readFt(file, source);
  if ("problems" in ladder) {
    throw new ImportError(
      "IMPORT_BAD_LADDER",
      `${plural(ladder.problems.length, "problem")} in the career ladder, so nothing was imported:\n${ladder.problems.map((p) => `  ${p}`).join("\n")}`,
      {},
      ladder.problems,
    );
  }
  return ladder;
}

type ReadResult = Ladder | { problems: string[] };

function parseYaml(
  file: string,
  yamlText: string,
  lineOffset: number,
): { data?: unknown; problems: Problems; doc?: Document } {
  const lines = new LineCounter();
  // Plain YAML only: no custom tags, and aliases bounded as the knowledge loader bounds them.
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, customTags: [] });
  const problems = new Problems(file, doc, lines, lineOffset);
  for (const error of doc.errors) {
    const line = (error.linePos?.[0]?.line ?? 1) + lineOffset;
    const what = lineOffset > 0 ? "the front matter is not valid YAML" : "not valid YAML";
    problems.addAt(line, `${what}: ${error.message.split("\n")[0]}`);
  }
  if (doc.errors.length > 0) return { problems };
  return { data: doc.toJS({ maxAliasCount: 100 }), problems, doc };
}

function addIssues(problems: Problems, error: z.ZodError): void {
  for (const issue of error.issues) problems.add(issue.path, issue.message);
}

function readFt(file: string, source: string): ReadResult {
  const { data, problems } = parseYaml(file, source, 0);
  if (data === undefined) return { problems: problems.list };
  const parsed = ftSchema.safeParse(data);
  if (!parsed.success) {
    addIssues(problems, parsed.error);
    return { problems: problems.list };
  }
  const ft = parsed.data;
  if (ft.levels.length > MAX_LEVELS)
    problems.add(["levels"], `a ladder may have at most ${MAX_LEVELS} levels`);
  const legacy = ft.isLegacy === true;
  const levels = ft.levels.map((l, i) => ({
    key: l.id,
    name: legacy ? `${cleanText(l.name)} (legacy)` : cleanText(l.name),
    rank: i + 1,
  }));
  const rankOf = new Map(levels.map((l) => [l.key, l.rank]));
  const themes = new Map<string, LadderTheme>(
    ft.themes.map((t) => [
      t.id,
      {
        code: slugify(t.id),
        name: cleanText(t.name),
        // A theme's summary is one paragraph hard-wrapped in the YAML.
        ...(t.summary?.trim() ? { summary: cleanText(t.summary).replace(/\s*\n\s*/g, " ") } : {}),
        texts: new Map(),
      },
    ]),
  );
  ft.competencies.forEach((c, i) => {
    const rank = rankOf.get(c.level);
    const theme = themes.get(c.theme);
    if (rank === undefined) {
      problems.add(
        ["competencies", i, "level"],
        `unknown level id "${c.level}"; the levels are ${levels.map((l) => `"${l.key}"`).join(", ")}`,
      );
    }
    if (!theme) {
      problems.add(
        ["competencies", i, "theme"],
        `unknown theme id "${c.theme}"; the themes are ${[...themes.keys()].map((k) => `"${k}"`).join(", ")}`,
      );
    }
    if (rank === undefined || !theme) return;
    const examples = (c.examples ?? []).map((e) => e.trim()).filter(Boolean);
    const line = cleanText(c.summary) + (examples.length > 0 ? ` (for example: ${examples.join("; ")})` : "");
    theme.texts.set(rank, [...(theme.texts.get(rank) ?? []), line]);
  });
  levels.forEach((level, i) => {
    if (![...themes.values()].some((t) => t.texts.has(level.rank))) {
      problems.add(["levels", i], `level "${level.key}" has no competencies`);
    }
  });
  if (problems.list.length > 0) return { problems: problems.list };
  const title = cleanText(ft.name);
  return {
    file,
    name: path.basename(file),
    format: "ft-yaml",
    frameworkId: frameworkIdFor(title),
    title,
    ...(ft.summary?.trim() ? { summary: cleanText(ft.summary) } : {}),
    family: title,
    legacy,
    levels,
    themes: [...themes.values()].filter((t) => t.texts.size > 0),
    levelTexts: ft.competencies.length,
  };
}

function readMonzo(file: string, source: string): ReadResult {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trim() !== "---") {
    return { problems: [`${file}:1 the file does not start with YAML front matter (a line of ---)`] };
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === "---");
  if (end < 0) return { problems: [`${file}:1 the front matter's closing --- line is missing`] };
  const { data, problems } = parseYaml(file, lines.slice(1, end).join("\n"), 1);
  if (data === undefined) return { problems: problems.list };
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    problems.addAt(2, "the front matter is not a mapping of fields");
    return { problems: problems.list };
  }
  const parsed = monzoSchema.safeParse(data);
  if (!parsed.success) {
    addIssues(problems, parsed.error);
    return { problems: problems.list };
  }
  const fm = parsed.data;
  const title = cleanText(stripDecoration(fm.title).replace(/\s+framework$/i, ""));
  // `levels` counts the levels; their numbers are the ones the topics use (Ops Leadership runs 2 to 6).
  const numbers = [...new Set(fm.topics.flatMap((t) => t.content.map((c) => c.level)))].sort((a, b) => a - b);
  if (numbers.length !== fm.levels) {
    problems.add(
      ["levels"],
      `the front matter says levels: ${fm.levels}, but the topics give criteria for ${plural(numbers.length, "level")} (${numbers.join(", ")})`,
    );
  }
  const levels = numbers
    .filter((n) => n >= 1 && n <= MAX_LEVELS)
    .map((n) => ({ key: String(n), name: `${title} level ${n}`, rank: n }));
  let levelTexts = 0;
  const themes: LadderTheme[] = [];
  const codes = new Set<string>();
  fm.topics.forEach((topic, t) => {
    const name = cleanText(stripDecoration(topic.title ?? "") || capitalise(topic.name));
    const code = slugify(topic.name) || `topic-${t + 1}`;
    if (codes.has(code)) problems.add(["topics", t, "name"], `topic "${topic.name}" is named twice`);
    codes.add(code);
    const theme: LadderTheme = { code, name, texts: new Map() };
    topic.content.forEach((entry, c) => {
      const where = ["topics", t, "content", c];
      if (entry.level < 1 || entry.level > MAX_LEVELS) {
        problems.add(
          [...where, "level"],
          `unknown level ${entry.level}; levels are numbered 1 to ${MAX_LEVELS}`,
        );
        return;
      }
      const criteria = (entry.criteria ?? []).map(cleanText);
      const examples = (entry.exampleCriteria ?? []).map((e) => {
        const shown = (e.examples ?? []).map((x) => x.trim()).filter(Boolean);
        return cleanText(e.criteria) + (shown.length > 0 ? ` (for example: ${shown.join("; ")})` : "");
      });
      const all = [...criteria, ...examples];
      if (all.length === 0) {
        problems.add([...where, "criteria"], `level ${entry.level} of topic "${topic.name}" has no criteria`);
        return;
      }
      if (theme.texts.has(entry.level)) {
        problems.add([...where, "level"], `level ${entry.level} is given twice in topic "${topic.name}"`);
        return;
      }
      levelTexts += all.length;
      theme.texts.set(entry.level, all);
    });
    if (theme.texts.size > 0) themes.push(theme);
  });
  for (const level of levels) {
    if (!themes.some((t) => t.texts.has(level.rank))) {
      problems.add(["levels"], `level ${level.rank} has no criteria in any topic`);
    }
  }
  if (problems.list.length > 0) return { problems: problems.list };
  return {
    file,
    name: path.basename(file),
    format: "monzo-markdown",
    frameworkId: frameworkIdFor(title),
    title,
    ...(fm.sidebarGroup ? { family: capitalise(fm.sidebarGroup) } : {}),
    legacy: false,
    levels,
    themes,
    levelTexts,
  };
}

/** Emoji and other pictographs before a title ("🛠️ Backend Engineering Framework"). */
function stripDecoration(title: string): string {
  return title.replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3/gu, "").trim();
}

function capitalise(word: string): string {
  const trimmed = word.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

function frameworkIdFor(title: string): string {
  const slug = slugify(title);
  return /^[a-z]/.test(slug) ? slug : `ladder-${slug}`;
}

export interface LadderImportOptions {
  version?: string;
}

export function planLadderImport(
  ladders: readonly Ladder[],
  folder: KnowledgeFolder,
  options: LadderImportOptions = {},
): ImportPlan {
  const seen = new Map<string, string>();
  for (const ladder of ladders) {
    const other = seen.get(ladder.frameworkId);
    if (other) {
      throw new ImportError(
        "IMPORT_INPUTS",
        `${ladder.file} and ${other} are both the ladder "${ladder.title}" (framework ${ladder.frameworkId}); import one of them`,
      );
    }
    seen.set(ladder.frameworkId, ladder.file);
  }
  const given = options.version === undefined ? undefined : checkVersion(options.version);
  // A ladder file carries no version; answers cite the one given, or the one the folder already has.
  const unversioned = ladders.filter((l) => given === undefined && !folder.frameworks.has(l.frameworkId));
  if (unversioned.length > 0) {
    throw new ImportError(
      "IMPORT_VERSION_REQUIRED",
      `${unversioned.map((l) => l.file).join(", ")} carr${unversioned.length === 1 ? "ies" : "y"} no version: pass --version with the one answers should cite, e.g. --version 2025-03 (the date of the commit you took it from)`,
    );
  }
  const files: PlannedFile[] = ladders.map((ladder) => {
    const version = given ?? folder.frameworks.get(ladder.frameworkId)?.version ?? "";
    return { path: `ladders/${ladder.frameworkId}.yaml`, entities: ladderEntities(ladder, version) };
  });
  const count = (f: (l: Ladder) => number) => ladders.reduce((n, l) => n + f(l), 0);
  const [only] = ladders;
  return {
    importer: "ladder",
    ...(ladders.length === 1 && only ? { framework: files[0]?.entities.frameworks?.[0] } : {}),
    title:
      ladders.length === 1 && only
        ? `the ${only.title} career ladder`
        : plural(ladders.length, "career ladder"),
    inputs: ladders.map((l) => l.name),
    inputsFor: Object.fromEntries(files.map((f, i) => [f.path, [ladders[i]?.name ?? ""]])),
    attribution: LADDER_ATTRIBUTION,
    files,
    defaults: [],
    counts: [
      ["frameworks", ladders.length],
      ["role levels", count((l) => l.levels.length)],
      ["skills", count((l) => l.themes.length)],
      ["skill levels", count((l) => l.themes.reduce((n, t) => n + t.texts.size, 0))],
      ["level texts", count((l) => l.levelTexts)],
    ],
    skipped: [],
    notes:
      given === undefined
        ? ["the version is the one the folder already had (pass --version to change it)"]
        : [],
  };
}

function ladderEntities(ladder: Ladder, version: string): PlannedFile["entities"] {
  const fw = ladder.frameworkId;
  const sourceId = `${fw}-ladder`;
  const source: SourceInput = {
    id: sourceId,
    title: `${ladder.title} career ladder (${ladder.name})`,
    description: `Imported with rolecall import ladder from ${ladder.format === "ft-yaml" ? "engineering-progression YAML" : "progression-framework Markdown front matter"}.`,
  };
  const framework: FrameworkInput = {
    id: fw,
    name: ladder.title,
    fullName: `${ladder.title} career ladder`,
    version,
    levelTerm: "ladder level",
    sources: [sourceId],
  };
  const skills: SkillInput[] = ladder.themes.map((theme) => ({
    framework: fw,
    code: theme.code,
    name: theme.name,
    category: `${ladder.title} ladder`,
    description: theme.summary ?? `${theme.name} in the ${ladder.title} career ladder.`,
    levels: [...theme.texts]
      .sort(([a], [b]) => a - b)
      .map(([rank, texts]) => ({
        level: rank,
        description: texts.length === 1 ? (texts[0] ?? "") : texts.map((t) => `- ${t}`).join("\n"),
      })),
    sources: [sourceId],
  }));
  const roleLevels: RoleLevelInput[] = ladder.levels.map((level) => ({
    id: `${fw}-${slugify(level.key)}`,
    name: level.name,
    rank: level.rank,
    description: `Level ${level.rank} of the ${ladder.title} career ladder, whose levels run ${ladder.levels[0]?.rank} to ${ladder.levels[ladder.levels.length - 1]?.rank}.`,
    skills: ladder.themes
      .filter((t) => t.texts.has(level.rank))
      // FT's levels have names of their own; Monzo's are only numbers, already in the role level's name.
      .map((t) => ({
        skill: `${fw}:${t.code}`,
        level: level.rank,
        ...(ladder.format === "ft-yaml" ? { levelName: level.name } : {}),
      })),
  }));
  const role: RoleInput = {
    id: fw,
    name: ladder.title,
    framework: fw,
    ...(ladder.family ? { family: ladder.family } : {}),
    summary:
      ladder.summary ??
      `The ${ladder.title} career ladder: ${plural(ladder.levels.length, "level")}, each with what is expected in ${plural(ladder.themes.length, "area")}.`,
    roleLevels,
    sources: [sourceId],
  };
  return { sources: [source], frameworks: [framework], skills, roles: [role] };
}

export const ladderImporter: Importer = {
  name: "ladder",
  usage: "FILE... --out DIR",
  summary: "import career ladders: FT engineering-progression YAML, Monzo progression Markdown",
  read: async (files) => {
    const ladders: Ladder[] = [];
    const problems: string[] = [];
    // Every file is read before failing, so one run names every problem in every file.
    for (const file of files) {
      try {
        ladders.push(await readLadderFile(file));
      } catch (error) {
        if (!(error instanceof ImportError && error.code === "IMPORT_BAD_LADDER")) throw error;
        problems.push(...error.details);
      }
    }
    if (problems.length > 0) {
      throw new ImportError(
        "IMPORT_BAD_LADDER",
        `${plural(problems.length, "problem")} in the career ladders, so nothing was imported:\n${problems.map((p) => `  ${p}`).join("\n")}`,
        {},
        problems,
      );
    }
    return {
      inputs: ladders.map((l) => ({
        file: l.file,
        encoding: "utf-8",
        rows: l.levelTexts,
        unit: "level texts",
      })),
      plan: async ({ folder, version }) =>
        planLadderImport(ladders, folder, version !== undefined ? { version } : {}),
    };
  },
};
