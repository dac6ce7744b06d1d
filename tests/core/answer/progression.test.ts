// Career answers over the combined corpus, checked against the DDaT role-content CSV itself: for each
// pair of role levels, the skills and levels the CSV lists decide what must rise, be new or drop away.
import { beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../../src/core/engine.ts";
import { toAnswerJson } from "../../../src/render/json.ts";
import { renderText } from "../../../src/render/text.ts";
import { csvSkills, expectedChanges, ddatRows as rows } from "../../support/career-csv.ts";
import { combinedKnowledge } from "../../support/combined-corpus.ts";
import { HAS_REAL_DATA, needsRealData } from "../../support/real-data.ts";

let rolecall: Rolecall;
beforeAll(async () => {
  if (HAS_REAL_DATA) rolecall = createRolecall(await combinedKnowledge());
});

describe.skipIf(needsRealData()).each([
  [
    "how do I get from IT service manager to senior IT service manager",
    "IT service manager",
    "Senior IT service manager",
  ],
  [
    "what do I need for head of IT service management",
    "Senior IT service manager",
    "Head of IT service management",
  ],
  ["how do I get from senior developer to lead developer", "Senior developer", "Lead developer"],
  ["what's above senior data engineer", "Senior data engineer", "Lead data engineer"],
])("asked “%s”", (question, low, high) => {
  it(`lists what changes from ${low} to ${high} as the CSV rows say`, () => {
    const json = toAnswerJson(rolecall.ask(question));
    expect(json.intent).toBe("progression");
    expect(json.progression?.from?.name).toBe(low);
    expect(json.progression?.to.name).toBe(high);
    const changes = json.progression?.changes ?? [];
    const names = (kind: string) =>
      changes
        .filter((c) => c.change === kind)
        .map((c) => c.skill)
        .sort();
    const expected = expectedChanges(csvSkills(low), high);
    expect(names("rises")).toEqual(expected.rises);
    expect(names("new")).toEqual(expected.added);
    expect(names("drops")).toEqual(expected.dropped);
    for (const change of changes.filter((c) => c.change === "rises")) {
      expect(change.toLevel).toBe(csvSkills(high).get(change.skill));
      expect(change.fromLevel).toBe(csvSkills(low).get(change.skill));
    }
  });
});

describe.skipIf(needsRealData())("the ends of a ladder and a skill asked by role", () => {
  it("says when a role level is the top of its ladder", () => {
    const answer = rolecall.ask("what's above head of IT service management");
    expect(answer.intent).toBe("progression");
    expect(answer.summary).toContain("highest level of the IT service manager ladder");
  });

  it("names the role levels that need a skill at a level, from the CSV", () => {
    const wanted = rows
      .filter((r) => r["Skill Name"].trim() === "Service focus" && r["Skill Level"].trim() === "Expert")
      .map((r) => r["Role Level"].trim());
    const answer = rolecall.ask("which roles need service focus at Expert");
    expect(answer.subjects.map((s) => s.name).sort()).toEqual([...new Set(wanted)].sort());
  });

  it("answers the next SFIA level of a skill with what the higher level adds", () => {
    const answer = rolecall.ask("what's next after ITMG 5");
    expect(answer.intent).toBe("compare");
    expect(answer.subjects.map((s) => s.level)).toEqual([5, 6]);
  });

  it("prints the comparison as an aligned table in plain text", () => {
    const text = renderText(rolecall.ask("how do I become a senior IT service manager"));
    const header = text.split("\n").find((line) => line.includes("Change"));
    const row = text.split("\n").find((line) => line.includes("Strategic thinking"));
    expect(header?.indexOf("Change")).toBe(row?.indexOf("rises"));
  });
});
