import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../../../src/core/knowledge/import/index.ts";
import { loadKnowledge } from "../../../../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../../../../src/core/knowledge/model.ts";
import { needsRealData } from "../../../support/real-data.ts";
import { importRealData, snapshot } from "./real-data.ts";
import { removeTempDirs, tempDir } from "./synthetic.ts";

afterAll(removeTempDirs);

// A folder as a team might have written it for SFIA 7: the framework beside another framework, the skill
// ITMG beside a skill SFIA 9 no longer has, a level with aliases, and a role that points at sfia:ITMG.
const FRAMEWORKS = `# Frameworks we use.
frameworks:
  - id: sfia
    name: SFIA
    version: "7"
    tagline: Our skills framework
    url: https://sfia-online.org/
    sources: [team-notes]

  # Our own ladder.
  - id: org
    name: Our organisation
    version: "1"
`;

const SKILLS = `# SFIA 7 skills we care about.
skills:
  - framework: sfia
    code: ITMG
    name: IT management
    aliases: [Technology service management, IT mgmt]
    description: Old wording of the skill.
    levels:
      - level: 5
        description: Old level five.
      - level: 6
        description: Old level six.
      - level: 7
        description: Old level seven.
    undefinedLevelsNote: Not at levels 1-4 in SFIA 7.
    changes:
      - version: "8"
        renamedTo: Technology service management
        notes: [Renamed in SFIA 8.]
    sources: [team-notes]

  # Dropped after SFIA 7; stays as it was.
  - framework: sfia
    code: OLDX
    name: Retired skill
    description: A skill that SFIA 9 does not have.
    levels:
      - level: 3
        description: Retired level three.
`;

const LEVELS = `# Our summaries of the levels.
levels:
  - framework: sfia
    level: 5
    name: Ensure/advise
    aliases: [Ensure, Advise]
    description: Our summary of level five.
    sources: [team-notes]
`;

const ROLES = `# Roles, hand-written.
sources:
  - id: team-notes
    title: Team notes
roles:
  - id: it-manager
    name: IT manager
    framework: org
    summary: Runs IT.
    skills:
      - skill: sfia:ITMG
        level: 6
      - skill: sfia:OLDX
        level: 3
`;

describe.skipIf(needsRealData())("importing SFIA 9 over a folder that holds SFIA 7", () => {
  let dir: string;
  let kb: KnowledgeBase;
  let summary: ImportSummary;
  let before: Record<string, string>;

  beforeAll(async () => {
    dir = await tempDir("rolecall-sfia7-");
    await writeFile(path.join(dir, "frameworks.yaml"), FRAMEWORKS);
    await writeFile(path.join(dir, "skills.yaml"), SKILLS);
    await writeFile(path.join(dir, "levels.yaml"), LEVELS);
    await writeFile(path.join(dir, "roles.yaml"), ROLES);
    await loadKnowledge(dir);
    before = await snapshot(dir);
    ({ summary } = await importRealData("sfia", { out: dir }));
    kb = await loadKnowledge(dir);
  });

  it("renames ITMG to Technology service management and keeps IT management as a former name", () => {
    const itmg = kb.skills.get("sfia:ITMG");
    expect(itmg?.name).toBe("Technology service management");
    expect(itmg?.formerNames).toContain("IT management");
    expect(itmg?.version).toBe("9");
  });

  it("keeps the SFIA 7 wording as a revision labelled SFIA 7, with its levels and sources", () => {
    const revision = kb.skills.get("sfia:ITMG")?.revisions?.[0];
    expect(revision).toMatchObject({
      label: "SFIA 7",
      version: "7",
      name: "IT management",
      description: "Old wording of the skill.",
      sources: ["team-notes"],
    });
    expect(revision?.levels.map((l) => [l.level, l.description])).toEqual([
      [5, "Old level five."],
      [6, "Old level six."],
      [7, "Old level seven."],
    ]);
  });

  it("keeps what the team added around the skill, and drops what belonged to the old wording", () => {
    const itmg = kb.skills.get("sfia:ITMG");
    expect(itmg?.aliases).toEqual(["IT mgmt"]);
    expect(itmg?.changes?.[0]?.renamedTo).toBe("Technology service management");
    expect(itmg?.undefinedLevelsNote).toBeUndefined();
    expect(itmg?.sources).toEqual(["sfia-9-export", "team-notes"]);
  });

  it("moves the framework to version 9 and keeps its tagline", () => {
    expect(kb.frameworks.get("sfia")).toMatchObject({ version: "9", tagline: "Our skills framework" });
    expect(kb.frameworks.get("sfia")?.file).toContain(path.join("sfia", "framework.yaml"));
  });

  it("updates the level and keeps its old name as an alias", () => {
    const level = kb.levels.get("sfia:5");
    expect(level?.name).toBe("Ensure, advise");
    expect(level?.aliases).toEqual(["Ensure", "Advise", "Ensure/advise"]);
  });

  it("removes the updated records from their old files and leaves the rest of those files intact", async () => {
    const frameworks = await readFile(path.join(dir, "frameworks.yaml"), "utf8");
    expect(frameworks).toBe(`# Frameworks we use.
frameworks:
  # Our own ladder.
  - id: org
    name: Our organisation
    version: "1"
`);
    const skills = await readFile(path.join(dir, "skills.yaml"), "utf8");
    expect(skills).not.toContain("code: ITMG");
    expect(skills).toContain("# SFIA 7 skills we care about.");
    expect(skills).toContain("# Dropped after SFIA 7; stays as it was.");
    expect(kb.skills.get("sfia:OLDX")?.file).toContain("skills.yaml");
  });

  it("marks the skill SFIA 9 no longer has as SFIA 7 wording", () => {
    expect(kb.skills.get("sfia:OLDX")?.version).toBe("7");
  });

  it("keeps the role's reference to sfia:ITMG valid and its file byte for byte", async () => {
    expect(await readFile(path.join(dir, "roles.yaml"), "utf8")).toBe(before["roles.yaml"]);
    expect(kb.roles.get("it-manager")?.skills?.map((s) => s.skill)).toEqual(["sfia:ITMG", "sfia:OLDX"]);
  });

  it("leaves a file whose only records moved with just its comments", async () => {
    expect(await readFile(path.join(dir, "levels.yaml"), "utf8")).toBe("# Our summaries of the levels.\n");
  });

  it("says which records it updated and which files it edited", () => {
    expect(summary.updated).toMatchObject({ frameworks: 1, levels: 1, skills: 1 });
    expect(summary.edited.sort()).toEqual(["frameworks.yaml", "levels.yaml", "skills.yaml"]);
  });

  it("changes nothing when run again", async () => {
    const after = await snapshot(dir);
    const again = await importRealData("sfia", { out: dir });
    expect(await snapshot(dir)).toEqual(after);
    expect(again.summary.written).toEqual([]);
    expect(again.summary.edited).toEqual([]);
    expect(kb.skills.get("sfia:ITMG")?.revisions?.filter((r) => r.label === "SFIA 7")).toHaveLength(1);
  });
});

describe.skipIf(needsRealData())(
  "importing SFIA 9 and DDaT into a copy of the shipped knowledge folder",
  () => {
    it("loads, with ITMG renamed, its SFIA 7 wording kept and every role reference still valid", async () => {
      const dir = await tempDir("rolecall-shipped-");
      await cp(path.resolve(import.meta.dirname, "../../../../knowledge"), dir, { recursive: true });
      await importRealData("sfia", { out: dir });
      await importRealData("ddat", { out: dir });
      const kb = await loadKnowledge(dir);
      const itmg = kb.skills.get("sfia:ITMG");
      expect(itmg?.name).toBe("Technology service management");
      expect(itmg?.formerNames).toContain("IT management");
      expect(itmg?.revisions?.map((r) => r.label)).toContain("SFIA 7");
      expect(kb.frameworks.get("sfia")?.version).toBe("9");
      const referencesItmg = [...kb.roles.values()].filter((r) =>
        r.skills?.some((s) => s.skill === "sfia:ITMG"),
      );
      expect(referencesItmg.length).toBeGreaterThan(0);
      expect((await readFile(path.join(dir, "sfia/framework.yaml"), "utf8")).split("\n")[0]).toBe(
        "# yaml-language-server: $schema=../rolecall.schema.json",
      );
    });
  },
);
