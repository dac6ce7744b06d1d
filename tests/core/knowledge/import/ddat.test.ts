import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DDAT_ATTRIBUTION,
  ImportError,
  type ImportSummary,
} from "../../../../src/core/knowledge/import/index.ts";
import { loadKnowledge } from "../../../../src/core/knowledge/load.ts";
import type { KnowledgeBase, Role } from "../../../../src/core/knowledge/model.ts";
import { KNOWLEDGE_LIMITS } from "../../../../src/core/knowledge/parse.ts";
import { needsRealData } from "../../../support/real-data.ts";
import {
  DDAT,
  importRealData,
  importRealDataOnce,
  readSourceCsv,
  rowsAsObjects,
  snapshot,
} from "./real-data.ts";
import { removeTempDirs, tempDir } from "./synthetic.ts";

afterAll(removeTempDirs);

const LEVEL_NUMBERS: Record<string, number> = { Awareness: 1, Working: 2, Practitioner: 3, Expert: 4 };
const notInUse = (text: string | undefined) => text === "NOT IN USE";

/** What the source CSVs hold, counted here straight from the files, not through the importer. */
function sourceCounts() {
  const rows = rowsAsObjects(readSourceCsv(DDAT.roles, "utf-8"));
  const described = rowsAsObjects(readSourceCsv(DDAT.skills, "utf-8"));
  const inUse = rows.filter((r) => !notInUse(r["Role Level"]) && !notInUse(r["Skill Level"]));
  const levelText = new Set([
    ...described
      .filter((s) => ["Awareness", "Working", "Practitioner", "Expert"].some((l) => s[l]))
      .map((s) => s["Skill Name"]),
    ...inUse.filter((r) => r["Skill Level Description"]).map((r) => r["Skill Name"]),
  ]);
  return {
    rows,
    families: new Set(rows.map((r) => r["Role Family"])).size,
    roles: new Set(rows.map((r) => r.Role)).size,
    roleLevels: new Set(inUse.map((r) => `${r.Role}|${r["Role Level"]}`)).size,
    roleLevelSkills: new Set(inUse.map((r) => `${r.Role}|${r["Role Level"]}|${r["Skill Name"]}`)).size,
    notInUseRows: rows.length - inUse.length,
    allSkills: new Set([...described.map((s) => s["Skill Name"]), ...rows.map((r) => r["Skill Name"])]).size,
    skillsWithLevels: levelText.size,
  };
}

function allRoleLevels(kb: KnowledgeBase) {
  return ddatRoles(kb).flatMap((role) => (role.roleLevels ?? []).map((level) => ({ role, level })));
}

function ddatRoles(kb: KnowledgeBase): Role[] {
  return [...kb.roles.values()].filter((r) => r.framework === "ddat");
}

describe.skipIf(needsRealData())("importing the DDaT capability framework CSVs into an empty folder", () => {
  let out: string;
  let kb: KnowledgeBase;
  let summary: ImportSummary;
  // read in beforeAll, not while the tests are collected: without the real data they are skipped
  let source: ReturnType<typeof sourceCounts>;

  beforeAll(async () => {
    source = sourceCounts();
    ({ out, summary } = await importRealDataOnce("ddat", "2024"));
    kb = await loadKnowledge(out);
  });

  it("imports every role family, role, role level and role-level skill of the source", () => {
    const roles = ddatRoles(kb);
    expect(new Set(roles.map((r) => r.family)).size).toBe(source.families);
    expect(roles).toHaveLength(source.roles);
    expect(allRoleLevels(kb)).toHaveLength(source.roleLevels);
    expect(allRoleLevels(kb).reduce((n, { level }) => n + (level.skills?.length ?? 0), 0)).toBe(
      source.roleLevelSkills,
    );
    expect(summary.counts).toMatchObject({
      "role families": source.families,
      roles: source.roles,
      "role levels": source.roleLevels,
      "role-level skills": source.roleLevelSkills,
    });
  });

  it("imports every skill that has level text, and says which skills it skipped", () => {
    const skills = [...kb.skills.values()].filter((s) => s.framework === "ddat");
    expect(skills).toHaveLength(source.skillsWithLevels);
    const skippedSkills = source.allSkills - source.skillsWithLevels;
    expect(summary.skipped.join(" ")).toContain(
      `${skippedSkills} skills with no level description in any file`,
    );
  });

  it("says how many NOT IN USE rows it skipped, and keeps those roles with their description", () => {
    expect(summary.skipped.join(" ")).toContain(`${source.notInUseRows} rows marked NOT IN USE`);
    const chief = kb.roles.get("ddat-chief-data-officer");
    const description = source.rows.find((r) => r.Role === "Chief data officer")?.["Role Description"];
    expect(chief?.summary).toBe(description);
    expect(chief?.roleLevels).toBeUndefined();
  });

  it("serves the Senior IT service manager level with the skills and levels the source gives it", () => {
    const found = allRoleLevels(kb).find(({ level }) => level.name === "Senior IT service manager");
    expect(found?.role.id).toBe("ddat-it-service-manager");
    expect(found?.role.family).toBe("IT operations");
    expect(found?.level.id).toBe("ddat-senior-it-service-manager");
    const expected = source.rows
      .filter((r) => r["Role Level"] === "Senior IT service manager")
      .map((r) => [r["Skill Name"], LEVEL_NUMBERS[r["Skill Level"] ?? ""], r["Skill Level"]]);
    const imported = (found?.level.skills ?? []).map((ref) => {
      const skill = kb.skills.get(ref.skill);
      return [skill?.name, ref.level, ref.levelName];
    });
    expect(imported.length).toBeGreaterThan(0);
    expect(imported).toEqual(expected);
  });

  it("gives each skill its per-level text from the skill descriptions file", () => {
    const described = rowsAsObjects(readSourceCsv(DDAT.skills, "utf-8"));
    const row = described.find((s) => s["Skill Name"] === "IT service reporting");
    const skill = kb.skills.get("ddat:it-service-reporting");
    expect(skill?.levels.map((l) => [l.level, l.description])).toEqual([
      [1, row?.Awareness],
      [2, row?.Working],
      [3, row?.Practitioner],
      [4, row?.Expert],
    ]);
    expect(skill?.description).toBe(row?.["Skill Description"]);
  });

  it("orders each ladder from junior to senior", () => {
    const ladder = (id: string) =>
      [...(kb.roles.get(id)?.roleLevels ?? [])]
        .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
        .map((l) => l.name);
    expect(ladder("ddat-it-service-manager")).toEqual([
      "IT service analyst",
      "IT service manager",
      "Senior IT service manager",
      "Head of IT service management",
    ]);
    expect(ladder("ddat-software-developer").slice(0, 4)).toEqual([
      "Apprentice developer",
      "Junior developer",
      "Developer",
      "Senior developer",
    ]);
  });

  it("gives a level named like its role an id of its own, as role and level ids share one namespace", () => {
    const level = kb.roles
      .get("ddat-it-service-manager")
      ?.roleLevels?.find((l) => l.name === "IT service manager");
    expect(level?.id).toBe("ddat-it-service-manager-level");
  });

  it("adds the four skill levels, in its own words, because the folder had none", () => {
    expect([1, 2, 3, 4].map((n) => kb.levels.get(`ddat:${n}`)?.name)).toEqual([
      "Awareness",
      "Working",
      "Practitioner",
      "Expert",
    ]);
  });

  it("records the framework with the version it was given and credits the download", () => {
    expect(kb.frameworks.get("ddat")).toMatchObject({
      name: "DDaT",
      fullName: "Government Digital and Data Profession Capability Framework",
      version: "2024",
    });
    expect(kb.sources.get("ddat-2024-export")?.licence).toBe(DDAT_ATTRIBUTION);
    expect(ddatRoles(kb).every((r) => r.sources?.includes("ddat-2024-export"))).toBe(true);
  });

  it("writes one file per role family, each well under the loader's size limit, with the OGL attribution", async () => {
    const files = await readdir(path.join(out, "ddat"));
    expect(files.filter((f) => f.startsWith("roles-"))).toHaveLength(source.families);
    for (const file of files) {
      const absolute = path.join(out, "ddat", file);
      expect((await stat(absolute)).size).toBeLessThan(KNOWLEDGE_LIMITS.maxFileBytes / 4);
      expect((await readFile(absolute, "utf8")).split("\n")[1]).toBe(`# ${DDAT_ATTRIBUTION}`);
    }
  });
});

describe.skipIf(needsRealData())("choosing the DDaT version", () => {
  it("keeps the version of the ddat framework already in the folder when none is given", async () => {
    const out = await tempDir("rolecall-ddat-version-");
    await writeFile(
      path.join(out, "frameworks.yaml"),
      'frameworks:\n  - id: ddat\n    name: DDaT\n    version: "2023"\n',
    );
    const { summary } = await importRealData("ddat", { out });
    expect(summary.framework?.version).toBe("2023");
    expect(summary.notes.join(" ")).toContain("kept from the ddat framework already in the folder");
  });

  it("asks for --version rather than citing the file's modification date as one", async () => {
    const out = await tempDir("rolecall-ddat-no-version-");
    const error = await importRealData("ddat", { out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({
      code: "IMPORT_VERSION_REQUIRED",
      message: expect.stringMatching(/pass --version/),
    });
    expect(await readdir(out)).toEqual([]);
  });
});

describe.skipIf(needsRealData())(
  "importing DDaT into a folder with a hand-written profile of one of its roles",
  () => {
    it("updates that role (same framework and name) rather than adding a second one", async () => {
      const out = await tempDir("rolecall-ddat-profile-");
      await writeFile(
        path.join(out, "roles.yaml"),
        `frameworks:
  - id: ddat
    name: DDaT
    version: "2024"
roles:
  - id: it-service-manager
    name: IT service manager
    framework: ddat
    aliases: [ITSM manager]
    summary: Hand-written summary.
    responsibilities: [keep services running]
`,
      );
      const { summary } = await importRealData("ddat", { out });
      const kb = await loadKnowledge(out);
      const named = ddatRoles(kb).filter((r) => r.name === "IT service manager");
      expect(named.map((r) => r.id)).toEqual(["it-service-manager"]);
      expect(named[0]?.responsibilities).toEqual(["keep services running"]);
      expect(named[0]?.aliases).toEqual(["ITSM manager"]);
      expect(named[0]?.roleLevels?.map((l) => l.name)).toContain("Senior IT service manager");
      expect(summary.notes.join(" ")).toContain("updates the existing role it-service-manager");
    });
  },
);

describe.skipIf(needsRealData())("re-running the DDaT import", () => {
  it("changes no byte", async () => {
    const { out } = await importRealData("ddat", { version: "2024" });
    const before = await snapshot(out);
    const { summary } = await importRealData("ddat", { out, version: "2024" });
    expect(await snapshot(out)).toEqual(before);
    expect(summary.written).toEqual([]);
    expect(summary.keptExisting).toEqual({ levels: 4 });
  });
});
