// `rolecall import ladder` on the real FT and Monzo ladders in ../shared/realdata (read there, never copied
// into the repository): counts taken from the files here, independently of the importer, must match what
// it imported, and the engine answers a level and a progression from them. Bad input names file and line.
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createRolecall, type Rolecall } from "../../../../src/core/engine.ts";
import { ImportError, type ImportSummary, runImport } from "../../../../src/core/knowledge/import/index.ts";
import { loadKnowledge } from "../../../../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../../../../src/core/knowledge/model.ts";
import { renderText } from "../../../../src/render/text.ts";
import { needsRealData } from "../../../support/real-data.ts";
import { REALDATA } from "./real-data.ts";
import { removeTempDirs, tempDir, writeTemp } from "./synthetic.ts";

afterAll(removeTempDirs);

const SHIPPED = path.resolve(import.meta.dirname, "../../../../knowledge");
const FT = path.join(REALDATA, "ft-engineering-progression/data/job-families");
const FT_FILES = ["engineering.yml", "engineering-v1.yml", "operations.yml"].map((f) => path.join(FT, f));
const MONZO = path.join(REALDATA, "monzo-progression/frameworks");
const MONZO_FILES = [
  "engineering/backend.md",
  "engineering/data.md",
  "engineering/mobile.md",
  "engineering/web.md",
  "engineering/qualityanalyst.md",
  "product.md",
  "generic.md",
  "marketing.md",
  "people.md",
  "techops.md",
  "customer-operations.md",
  "executive-support.md",
  "operations/ops-individual-contributor.md",
  "operations/ops-leadership.md",
].map((f) => path.join(MONZO, f));

interface FtFile {
  name: string;
  isLegacy?: boolean;
  levels: Array<{ id: string; name: string }>;
  themes: Array<{ id: string; name: string }>;
  competencies: Array<{ level: string; theme: string; summary: string }>;
}

interface MonzoFile {
  title: string;
  levels: number;
  topics: Array<{
    name: string;
    content: Array<{ level: number; criteria?: string[]; exampleCriteria?: Array<{ criteria: string }> }>;
  }>;
}

const ftOf = (file: string) => parse(readFileSync(file, "utf8")) as FtFile;
const monzoOf = (file: string) => parse(readFileSync(file, "utf8").split(/^---$/m)[1] ?? "") as MonzoFile;

async function importLadders(files: readonly string[], out: string): Promise<ImportSummary> {
  return runImport({ importer: "ladder", files, out, startFrom: SHIPPED, version: "2025-03" });
}

async function problemsOf(files: readonly string[]): Promise<readonly string[]> {
  try {
    await importLadders(files, path.join(await tempDir(), "k"));
  } catch (error) {
    if (error instanceof ImportError) return error.details;
    throw error;
  }
  throw new Error("the import succeeded");
}

function skillsOf(kb: KnowledgeBase, framework: string) {
  return [...kb.skills.values()].filter((s) => s.framework === framework);
}

describe.skipIf(needsRealData())("the real FT and Monzo ladders", () => {
  let kb: KnowledgeBase;
  let rolecall: Rolecall;
  let summary: ImportSummary;

  beforeAll(async () => {
    const out = path.join(await tempDir("rolecall-ladder-"), "k");
    summary = await importLadders([...FT_FILES, ...MONZO_FILES], out);
    kb = await loadKnowledge(out);
    rolecall = createRolecall(kb);
  });

  describe("the FT engineering-progression ladders", () => {
    it.each(FT_FILES)("imports %s with every level, theme and competency", (file) => {
      const source = ftOf(file);
      const framework = [...kb.frameworks.values()].find((f) => f.name === source.name);
      expect(framework).toBeDefined();
      const id = framework?.id ?? "";
      const role = kb.roles.get(id);
      expect(role?.roleLevels?.map((l) => l.name)).toEqual(
        source.levels.map((l) => (source.isLegacy ? `${l.name} (legacy)` : l.name)),
      );
      const themesUsed = new Set(source.competencies.map((c) => c.theme));
      expect(skillsOf(kb, id)).toHaveLength(themesUsed.size);
      const pairs = new Set(source.competencies.map((c) => `${c.theme}|${c.level}`));
      expect(skillsOf(kb, id).reduce((n, s) => n + s.levels.length, 0)).toBe(pairs.size);
      expect(summary.inputs.find((i) => i.file === file)?.rows).toBe(source.competencies.length);
      // Every competency is in its theme's text at its level's rank.
      for (const c of source.competencies) {
        const rank = source.levels.findIndex((l) => l.id === c.level) + 1;
        const skill = kb.skills.get(`${id}:${c.theme}`);
        const text = skill?.levels.find((l) => l.level === rank)?.description ?? "";
        expect(text).toContain(c.summary.trim().split("\n")[0]?.trim());
      }
    });
  });

  describe("the Monzo progression frameworks", () => {
    it.each(MONZO_FILES)("imports %s with every topic, level and criterion", (file) => {
      const source = monzoOf(file);
      const name = source.title.replace(/^[^A-Za-z]+/, "").replace(/\s+Framework$/, "");
      const role = [...kb.roles.values()].find((r) => r.name === name && r.roleLevels);
      expect(role?.roleLevels).toHaveLength(source.levels);
      const id = role?.framework ?? "";
      const criteria = source.topics.flatMap((t) =>
        t.content.flatMap((c) => [
          ...(c.criteria ?? []),
          ...(c.exampleCriteria ?? []).map((e) => e.criteria),
        ]),
      );
      expect(skillsOf(kb, id)).toHaveLength(source.topics.length);
      expect(summary.inputs.find((i) => i.file === file)?.rows).toBe(criteria.length);
      const texts = skillsOf(kb, id).flatMap((s) => s.levels.map((l) => l.description));
      expect(texts).toHaveLength(source.topics.reduce((n, t) => n + t.content.length, 0));
      for (const criterion of criteria) expect(texts.some((t) => t.includes(criterion.trim()))).toBe(true);
    });

    it("refuses the design frameworks, whose criteria are not in the front matter, naming file and line", async () => {
      const file = path.join(MONZO, "design/product-design.md");
      expect(await problemsOf([file])).toEqual([
        `${file}:7 levels: must be the number of levels, e.g. levels: 6`,
        `${file}:2 topics: the front matter needs topics: each with a name and criteria per level`,
      ]);
    });
  });

  describe("questions answered from the imported ladders", () => {
    it("answers what a Senior Engineer 1 needs for planning and organising from that level's competency", () => {
      const source = ftOf(FT_FILES[0] ?? "");
      const competency = source.competencies.find(
        (c) => c.level === "senior-1" && c.theme === "planning-organising",
      );
      const answer = rolecall.ask("what does a Senior Engineer 1 need for planning and organising");
      expect(answer.subjects[0]).toMatchObject({
        kind: "skill",
        id: "engineering:planning-organising",
        level: 3,
      });
      expect(answer.notices).toContain("The Senior Engineer 1 needs Planning and Organising at level 3.");
      expect(renderText(answer)).toContain(competency?.summary.trim());
    });

    it("answers what changes from level 3 to 4 in backend engineering with level 4's criteria", () => {
      const source = monzoOf(MONZO_FILES[0] ?? "");
      const mastery4 = source.topics.find((t) => t.name === "mastery")?.content.find((c) => c.level === 4)
        ?.criteria?.[0];
      const answer = rolecall.ask("what changes from level 3 to 4 in backend engineering");
      expect(answer.intent).toBe("compare");
      expect(answer.title).toBe(
        "Backend Engineering level 3 and Backend Engineering level 4: how they differ",
      );
      expect(answer.summary).toBe(
        "From the Backend Engineering level 3 to the Backend Engineering level 4: 5 skills rise.",
      );
      expect(renderText(answer)).toContain(mastery4);
    });

    it("answers a ladder level by number", () => {
      const answer = rolecall.ask("backend engineering level 3");
      expect(answer.subjects[0]).toMatchObject({ kind: "role", id: "backend-engineering-3" });
    });
  });
});

describe("bad ladders", () => {
  it("asks for --version, as a ladder file carries none, and writes nothing", async () => {
    const dir = await tempDir();
    const file = await writeTemp(
      dir,
      "ladder.yml",
      "name: Platform\nlevels: [{id: one, name: One}]\nthemes: [{id: craft, name: Craft}]\ncompetencies: [{level: one, theme: craft, summary: Does it.}]\n",
    );
    const out = path.join(dir, "k");
    await expect(
      runImport({ importer: "ladder", files: [file], out, startFrom: SHIPPED }),
    ).rejects.toMatchObject({
      code: "IMPORT_VERSION_REQUIRED",
      message: expect.stringContaining("pass --version"),
    });
    await expect(readdir(out)).rejects.toMatchObject({ code: "ENOENT" });
    const summary = await runImport({
      importer: "ladder",
      files: [file],
      out,
      startFrom: SHIPPED,
      version: "3",
    });
    expect(summary.framework).toEqual({ id: "platform", name: "Platform", version: "3" });
    const again = await runImport({ importer: "ladder", files: [file], out });
    expect(again).toMatchObject({ written: [], framework: { version: "3" } });
  });

  it("names the file, line and field of an unknown level id and a level without competencies", async () => {
    const dir = await tempDir();
    const file = await writeTemp(
      dir,
      "ladder.yml",
      [
        "name: Platform",
        "levels:",
        "  - id: one",
        "    name: One",
        "  - id: two",
        "    name: Two",
        "themes:",
        "  - id: craft",
        "    name: Craft",
        "competencies:",
        "  - level: one",
        "    theme: craft",
        "    summary: Does the thing.",
        "  - level: three",
        "    theme: craft",
        "    summary: Does more.",
      ].join("\n"),
    );
    expect(await problemsOf([file])).toEqual([
      `${file}:14 competencies[1].level: unknown level id "three"; the levels are "one", "two"`,
      `${file}:5 levels[1]: level "two" has no competencies`,
    ]);
  });

  it("names a level missing its criteria and front matter that is not YAML, in every file at once", async () => {
    const dir = await tempDir();
    const missing = await writeTemp(
      dir,
      "missing.md",
      [
        "---",
        'title: "Data Framework"',
        "levels: 2",
        "topics:",
        '  - name: "craft"',
        "    content:",
        "      - level: 1",
        '        criteria: ["Writes queries"]',
        "      - level: 2",
        "---",
        "Body.",
      ].join("\n"),
    );
    const broken = await writeTemp(
      dir,
      "broken.md",
      ["---", "title: [unclosed", "levels: 2", "---"].join("\n"),
    );
    const problems = await problemsOf([missing, broken]);
    expect(problems[0]).toBe(
      `${missing}:9 topics[0].content[1].criteria: level 2 of topic "craft" has no criteria`,
    );
    expect(problems[1]).toBe(`${missing}:3 levels: level 2 has no criteria in any topic`);
    expect(problems[2]).toMatch(
      new RegExp(`^${escapeRegExp(broken)}:\\d+ the front matter is not valid YAML: `),
    );
    expect(problems).toHaveLength(3);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
