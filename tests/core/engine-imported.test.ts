// The engine on the full frameworks: SFIA 9 and DDaT imported from ../shared/realdata (never copied here).
import { cp } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { needsRealData } from "../support/real-data.ts";
import { importRealData, readSourceCsv, SFIA9 } from "./knowledge/import/real-data.ts";
import { removeTempDirs, tempDir } from "./knowledge/import/synthetic.ts";

const SHIPPED = path.resolve(import.meta.dirname, "../../knowledge");

/** The source cell for a skill's level text, read independently of the importer. */
function sfiaLevelText(code: string, level: number): string {
  const [header, ...rows] = readSourceCsv(SFIA9.skills, "windows-1252");
  const codeColumn = header?.indexOf("Code") ?? -1;
  const levelColumn = header?.indexOf(`Level ${level} description`) ?? -1;
  const row = rows.find((r) => r[codeColumn] === code);
  return (row?.[levelColumn] ?? "").trim();
}

describe.skipIf(needsRealData())("on SFIA 9 and DDaT imported into an empty folder", () => {
  let rolecall: Rolecall;

  beforeAll(async () => {
    const out = await tempDir("rolecall-engine-full-");
    await importRealData("sfia", { out });
    await importRealData("ddat", { out, version: "2024" });
    rolecall = createRolecall(await loadKnowledge(out));
  });

  afterAll(removeTempDirs);

  it("answers ITMG 5 with SFIA 9's text under its SFIA 9 name", () => {
    const answer = rolecall.ask("ITMG 5");
    expect(answer.subjects[0]).toMatchObject({
      kind: "skill",
      id: "sfia:ITMG",
      name: "Technology service management",
      level: 5,
    });
    expect(answer.summary).toBe(sfiaLevelText("ITMG", 5));
    expect(answer.sources[0]).toMatchObject({ framework: "SFIA", version: "9", code: "ITMG", level: 5 });
  });

  it("answers PROG 3", () => {
    const answer = rolecall.ask("PROG 3");
    expect(answer.subjects[0]).toMatchObject({ id: "sfia:PROG", level: 3 });
    expect(answer.summary).toBe(sfiaLevelText("PROG", 3));
  });

  it("finds a skill by one half of a slash-separated name, misspelt", () => {
    expect(rolecall.ask("programing level 4").subjects[0]).toMatchObject({ id: "sfia:PROG", level: 4 });
  });

  it("answers a DDaT role level with its skills", () => {
    const answer = rolecall.ask("Senior IT service manager");
    expect(answer.intent).toBe("role");
    expect(answer.subjects[0]).toMatchObject({ kind: "role", id: "ddat-senior-it-service-manager" });
    expect(
      answer.sections.find((s) => s.title === "Skills at this role level")?.items?.length,
    ).toBeGreaterThan(3);
  });

  it("answers 'who is a <role level>' with that role level, not its role's RACI", () => {
    const answer = rolecall.ask("who is a Lead user researcher");
    expect(answer.intent).toBe("role");
    expect(answer.subjects[0]).toMatchObject({ id: "ddat-lead-user-researcher" });
  });

  it("recognises a DDaT skill by its name inside a question", () => {
    const answer = rolecall.ask("what does Data governance (data architect) require at level 2");
    expect(answer.subjects[0]).toMatchObject({ id: "ddat:data-governance-data-architect", level: 2 });
    expect(answer.title).toBe("Data governance (data architect) level 2 (DDaT 2024)");
  });

  it("answers the longer name a misspelt word beside an exact name belongs to, and suggests the exact one", () => {
    const answer = rolecall.ask("Junuor digital evaluator");
    expect(answer.subjects[0]).toMatchObject({ id: "ddat-junior-digital-evaluator" });
    expect(answer.followUps[0]).toEqual({
      kind: "did_you_mean",
      label: "Digital evaluator",
      question: "Digital evaluator",
    });
    expect(answer.notices).toContain("Did you mean Digital evaluator?");
  });

  it("keeps the exact name when a word beside it is not part of a longer name", () => {
    const answer = rolecall.ask("Digital evaluator skills");
    expect(answer.subjects[0]).toMatchObject({ id: "ddat-digital-evaluator" });
  });

  it("explains a generic level with its SFIA 9 attributes", () => {
    const answer = rolecall.ask("what does level 5 mean");
    expect(answer.title).toBe("SFIA level of responsibility 5: Ensure, advise");
    expect(
      answer.sections.find((s) => s.title === "Generic attributes")?.facts?.map((f) => f.label),
    ).toContain("Autonomy");
  });

  it("does not swap a whole word to find a skill that isn't there", () => {
    // SFIA 9 has no "IT management"; "Cost management" differs by a whole word, so this is a search.
    const answer = rolecall.ask("IT management level 6");
    expect(answer.intent).toBe("search");
    expect(answer.subjects[0]?.id).not.toBe("sfia:COMG");
  });
});

describe.skipIf(needsRealData())("after importing SFIA 9 over the shipped knowledge", () => {
  let rolecall: Rolecall;

  beforeAll(async () => {
    const out = await tempDir("rolecall-engine-over-");
    await cp(SHIPPED, out, { recursive: true });
    await importRealData("sfia", { out });
    rolecall = createRolecall(await loadKnowledge(out));
  });

  afterAll(removeTempDirs);

  it("finds ITMG by its former name and says so", () => {
    const answer = rolecall.ask("IT management level 6");
    expect(answer.subjects[0]).toMatchObject({
      id: "sfia:ITMG",
      name: "Technology service management",
      level: 6,
    });
    expect(answer.notices.join(" ")).toContain(
      "IT management is a former name of Technology service management (ITMG)",
    );
    expect(answer.summary).toBe(sfiaLevelText("ITMG", 6));
  });

  it("keeps the SFIA 7 wording as an earlier revision", () => {
    const answer = rolecall.ask("ITMG 5");
    expect(answer.sections.map((s) => s.title)).toContain("SFIA 7");
  });

  it("still answers the shipped RACI and roles", () => {
    expect(rolecall.ask("who is accountable for change management").raci?.accountable).toEqual([
      "IT service manager",
    ]);
    expect(rolecall.ask("IT manager skills").sections[0]?.items?.join(" ")).toContain(
      "Technology service management",
    );
  });
});
