import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SFIA_ATTRIBUTION } from "../../../../src/core/knowledge/import/index.ts";
import { loadKnowledge } from "../../../../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../../../../src/core/knowledge/model.ts";
import { KNOWLEDGE_LIMITS } from "../../../../src/core/knowledge/parse.ts";
import { needsRealData } from "../../../support/real-data.ts";
import { importRealData, importRealDataOnce, readSourceCsv, SFIA9, snapshot, squash } from "./real-data.ts";
import { removeTempDirs, tempDir } from "./synthetic.ts";

afterAll(removeTempDirs);

/** What the source export holds, counted here straight from the CSV, not through the importer. */
function sourceSkills() {
  const [header = [], ...rows] = readSourceCsv(SFIA9.skills, "windows-1252");
  const column = (name: string) => header.findIndex((h) => h.trim() === name);
  const levelColumns = [1, 2, 3, 4, 5, 6, 7].map((n) => column(`Level ${n} description`));
  const cell = (code: string, name: string) => rows.find((r) => r[column("Code")] === code)?.[column(name)];
  return {
    skills: rows.length,
    skillLevels: rows.reduce((n, r) => n + levelColumns.filter((i) => (r[i] ?? "").trim() !== "").length, 0),
    categories: new Set(rows.map((r) => r[column("Category")])).size,
    subcategories: new Set(rows.map((r) => `${r[column("Category")]}/${r[column("Subcategory")]}`)).size,
    cell,
  };
}

describe.skipIf(needsRealData())("importing the SFIA 9 export into an empty folder", () => {
  let out: string;
  let kb: KnowledgeBase;
  // read in beforeAll, not while the tests are collected: without the real data they are skipped
  let source: ReturnType<typeof sourceSkills>;

  beforeAll(async () => {
    source = sourceSkills();
    ({ out } = await importRealDataOnce("sfia"));
    kb = await loadKnowledge(out);
  });

  it("imports every skill and every non-empty skill level of the source", () => {
    const skills = [...kb.skills.values()].filter((s) => s.framework === "sfia");
    expect(skills).toHaveLength(source.skills);
    expect(skills.reduce((n, s) => n + s.levels.length, 0)).toBe(source.skillLevels);
    expect(new Set(skills.map((s) => s.category)).size).toBe(source.categories);
    expect(new Set(skills.map((s) => `${s.category}/${s.subcategory}`)).size).toBe(source.subcategories);
  });

  it("serves ITMG at level 5 with the export's text", () => {
    const itmg = kb.skills.get("sfia:ITMG");
    const level5 = itmg?.levels.find((l) => l.level === 5)?.description;
    expect(squash(level5)).not.toBe("");
    expect(squash(level5)).toBe(squash(source.cell("ITMG", "Level 5 description")));
    expect(itmg?.name).toBe(source.cell("ITMG", "Skill"));
  });

  it("serves PROG at level 3 with the export's text", () => {
    const level3 = kb.skills.get("sfia:PROG")?.levels.find((l) => l.level === 3)?.description;
    expect(squash(level3)).not.toBe("");
    expect(squash(level3)).toBe(squash(source.cell("PROG", "Level 3 description")));
  });

  it("decodes the Windows-1252 export's curly apostrophes, not C1 control characters", () => {
    const texts = [...kb.skills.values()].flatMap((s) => [
      s.description,
      ...s.levels.map((l) => l.description),
    ]);
    expect(texts.some((t) => t.includes("\u2019"))).toBe(true);
    expect(texts.some((t) => /[\u0080-\u009f\ufffd]/.test(t))).toBe(false);
  });

  it("keeps each skill's category, subcategory, guidance notes, URL and version", () => {
    const prog = kb.skills.get("sfia:PROG");
    expect(prog?.category).toBe(source.cell("PROG", "Category"));
    expect(prog?.subcategory).toBe(source.cell("PROG", "Subcategory"));
    expect(squash(prog?.guidanceNotes)).toBe(squash(source.cell("PROG", "Guidance notes")));
    expect(prog?.url).toBe(source.cell("PROG", "URL"));
    expect(prog?.version).toBe("9");
  });

  it("records the framework as SFIA 9, read from the URL column", () => {
    expect(kb.frameworks.get("sfia")).toMatchObject({
      name: "SFIA",
      fullName: "Skills Framework for the Information Age",
      version: "9",
      url: "https://sfia-online.org/",
      levelTerm: "level of responsibility",
    });
  });

  it("imports the seven levels with their guiding phrase, essence and generic attributes", () => {
    const [levelHeader, phrases = [], essences = []] = readSourceCsv(SFIA9.levels, "utf-8");
    const attributeRows = readSourceCsv(SFIA9.attributes, "windows-1252").length - 1;
    expect(levelHeader?.slice(1)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    for (let level = 1; level <= 7; level++) {
      const imported = kb.levels.get(`sfia:${level}`);
      expect(imported?.name).toBe(phrases[level]);
      expect(imported?.description).toBe((essences[level] ?? "").replace(/^Essence of the level: /, ""));
      expect(imported?.attributes).toHaveLength(attributeRows);
    }
  });

  it("credits the export as the source of every record", () => {
    const source = kb.sources.get("sfia-9-export");
    expect(source?.licence).toBe(SFIA_ATTRIBUTION);
    const credited = [...kb.skills.values(), ...kb.levels.values(), ...kb.frameworks.values()];
    expect(credited.every((r) => r.sources?.includes("sfia-9-export"))).toBe(true);
  });

  it("dates the export from its file name (…_250129 is 29 January 2025), so answers can say so", () => {
    expect(kb.sources.get("sfia-9-export")?.updated).toBe("2025-01-29");
  });

  it("writes one file per category plus the framework file, each well under the loader's size limit", async () => {
    const files = (await readdir(path.join(out, "sfia"))).sort();
    expect(files).toHaveLength(source.categories + 1);
    expect(files).toContain("framework.yaml");
    for (const file of files) {
      expect((await stat(path.join(out, "sfia", file))).size).toBeLessThan(KNOWLEDGE_LIMITS.maxFileBytes / 4);
    }
  });

  it("heads each file with the generator, the inputs and the SFIA attribution, and no schema line without a schema", async () => {
    const text = await readFile(path.join(out, "sfia/framework.yaml"), "utf8");
    const [first, second] = text.split("\n");
    expect(first).toContain("Generated by `rolecall import sfia` from sfia-9_skills_en_US_250129.cp1252.csv");
    expect(second).toBe(`# ${SFIA_ATTRIBUTION}`);
    expect(text).not.toContain("yaml-language-server");
  });
});

describe.skipIf(needsRealData())("importing into a folder that has the editor schema", () => {
  it("points each file's yaml-language-server line at it", async () => {
    const out = await tempDir("rolecall-schema-");
    await writeFile(path.join(out, "rolecall.schema.json"), "{}");
    await importRealData("sfia", { out });
    const text = await readFile(path.join(out, "sfia/skills-delivery-and-operation.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../rolecall.schema.json");
  });
});

describe.skipIf(needsRealData())("re-running the SFIA import", () => {
  it("changes no byte and says everything was already up to date", async () => {
    const { out } = await importRealData("sfia");
    const before = await snapshot(out);
    const { summary } = await importRealData("sfia", { out });
    expect(await snapshot(out)).toEqual(before);
    expect(summary.written).toEqual([]);
    expect(summary.added).toEqual({});
    expect(summary.updated).toEqual({});
    expect(summary.upToDate.skills).toBe(sourceSkills().skills);
  });
});
