// Career questions from where the person stands, over the combined corpus, checked against the CSV rows
// themselves: the DDaT role-content CSV decides what a role level adds, SFIA's skills CSV a level's text.
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/answer/types.ts";
import { createRolecall, type Rolecall } from "../../../src/core/engine.ts";
import { PROFILE_MESSAGES } from "../../../src/core/profile/messages.ts";
import type { Standing } from "../../../src/core/profile/standing.ts";
import { fill } from "../../../src/core/text/template.ts";
import { toAnswerJson } from "../../../src/render/json.ts";
import { csvSkills, expectedChanges, sfiaSkill } from "../../support/career-csv.ts";
import { combinedKnowledge } from "../../support/combined-corpus.ts";
import { HAS_REAL_DATA, needsRealData } from "../../support/real-data.ts";

const COMMAND = "/role me";
let rolecall: Rolecall;
beforeAll(async () => {
  if (HAS_REAL_DATA) rolecall = createRolecall(await combinedKnowledge());
});

function standing(text: string): Standing {
  const read = rolecall.readStanding(text);
  if (!read.ok) throw new Error(`expected “${text}” to be a profile: ${read.problem}`);
  return read.standing;
}

function ask(question: string, profile?: Standing): Answer {
  return rolecall.ask(question, { ...(profile ? { profile } : {}), profileCommand: COMMAND });
}

function changeNames(answer: Answer, kind: string): string[] {
  return (answer.progression?.changes ?? [])
    .filter((c) => c.change === kind)
    .map((c) => c.skill)
    .sort();
}

function expectChangesFromCsv(answer: Answer, before: ReadonlyMap<string, number>, high: string): void {
  const expected = expectedChanges(before, high);
  expect(changeNames(answer, "rises")).toEqual(expected.rises);
  expect(changeNames(answer, "new")).toEqual(expected.added);
  expect(changeNames(answer, "drops")).toEqual(expected.dropped);
  for (const change of answer.progression?.changes ?? []) {
    if (change.change === "rises" || change.change === "new")
      expect(change.toLevel).toBe(csvSkills(high).get(change.skill));
  }
}

describe.skipIf(needsRealData()).each([
  ["IT service manager", "Senior IT service manager"],
  ["Senior IT service manager", "Head of IT service management"],
  ["Developer", "Senior developer"],
  ["Senior data engineer", "Lead data engineer"],
])("“what do I need for the next level” as a %s", (low, high) => {
  it(`answers the step to the ${high} from the profile, as the CSV rows say`, () => {
    const answer = ask("what do I need for the next level", standing(low));
    const json = toAnswerJson(answer);
    expect(json.intent).toBe("progression");
    expect(json.progression?.from?.name).toBe(low);
    expect(json.progression?.fromProfile).toBe(true);
    expect(json.progression?.to.name).toBe(high);
    expectChangesFromCsv(answer, csvSkills(low), high);
  });
});

describe.skipIf(needsRealData())("“what's my gap to …”", () => {
  it("measures an IT service manager against the head of IT service management, two rungs up", () => {
    const answer = ask("what's my gap to head of IT service management", standing("IT service manager"));
    expect(answer.intent).toBe("progression");
    expect(answer.title).toBe("Your gap to the Head of IT service management");
    expect(answer.progression?.from?.name).toBe("IT service manager");
    expect(answer.progression?.to.name).toBe("Head of IT service management");
    expectChangesFromCsv(answer, csvSkills("IT service manager"), "Head of IT service management");
  });

  it("says so when the person is already there", () => {
    const answer = ask(
      "what's my gap to senior IT service manager",
      standing("Head of IT service management"),
    );
    expect(answer.summary).toBe(
      fill(PROFILE_MESSAGES.alreadyThere, {
        target: "Senior IT service manager",
        ladder: "IT service manager",
      }),
    );
  });

  it("measures “how do I become …” from the profile once there is one", () => {
    const answer = ask("how do I become a lead data engineer", standing("Data engineer"));
    expect(answer.progression?.from?.name).toBe("Data engineer");
    expectChangesFromCsv(answer, csvSkills("Data engineer"), "Lead data engineer");
  });

  it("suggests the role level a misspelt target may be", () => {
    const answer = ask("what's my gap to head of IT servce management", standing("IT service manager"));
    expect(answer.intent).toBe("progression");
    expect(answer.progression?.to.name).toBe("Head of IT service management");
  });

  it("says which target it could not find", () => {
    const answer = ask("what's my gap to frobnicator", standing("IT service manager"));
    expect(answer.intent).toBe("not_found");
    expect(answer.summary).toBe(fill(PROFILE_MESSAGES.targetUnknown, { text: "frobnicator" }));
  });
});

describe.skipIf(needsRealData())("“compare me with …”", () => {
  it("compares a senior developer with the lead developer as the CSV rows say", () => {
    const answer = ask("compare me with lead developer", standing("Senior developer"));
    expect(answer.intent).toBe("progression");
    expect(answer.progression?.fromProfile).toBe(true);
    expect(answer.progression?.from?.name).toBe("Senior developer");
    expectChangesFromCsv(answer, csvSkills("Senior developer"), "Lead developer");
  });

  it("compares SFIA skills at levels with a DDaT role level: its skills are new, the SFIA ones drop away", () => {
    const itmg = sfiaSkill("ITMG");
    const prog = sfiaSkill("PROG");
    const answer = ask("compare me with lead developer", standing("ITMG 5, PROG 3"));
    expect(answer.progression?.from).toEqual({
      id: "profile",
      name: `${itmg.name} (ITMG) 5, ${prog.name} (PROG) 3`,
    });
    expect(changeNames(answer, "new")).toEqual([...csvSkills("Lead developer").keys()].sort());
    expect(changeNames(answer, "drops")).toEqual([`${prog.name} (PROG)`, `${itmg.name} (ITMG)`].sort());
    expect(answer.table?.columns).toEqual(["Skill", "You", "Lead developer", "Change"]);
  });
});

describe.skipIf(needsRealData())("a profile of SFIA skills", () => {
  it("answers the next level of each skill with the level text from the SFIA CSV", () => {
    const itmg = sfiaSkill("ITMG");
    const prog = sfiaSkill("PROG");
    const answer = ask("what do I need for the next level", standing("ITMG 5, PROG 3"));
    expect(answer.intent).toBe("progression");
    expect(answer.summary).toBe(PROFILE_MESSAGES.skillsHaveNoLadder);
    expect(
      answer.progression?.changes.map((c) => [c.skillId, c.fromLevel, c.toLevel, c.toText?.slice(0, 60)]),
    ).toEqual([
      ["sfia:ITMG", 5, 6, itmg.levels.get(6)?.slice(0, 60)],
      ["sfia:PROG", 3, 4, prog.levels.get(4)?.slice(0, 60)],
    ]);
  });

  it("says when every skill is at its highest level", () => {
    const top = Math.max(...sfiaSkill("ITMG").levels.keys());
    const answer = ask("what's my next level", standing(`ITMG ${top}`));
    expect(answer.summary).toBe(PROFILE_MESSAGES.atTopOfSkills);
  });
});

describe.skipIf(needsRealData())("without a profile", () => {
  it.each([
    "what do I need for the next level",
    "what's my gap to head of IT service management",
    "compare me with lead developer",
  ])("“%s” says how to set one", (question) => {
    const answer = ask(question);
    expect(answer.title).toBe(PROFILE_MESSAGES.noProfileTitle);
    expect(answer.summary).toContain(fill(PROFILE_MESSAGES.howToSet, { command: COMMAND }));
  });

  it("answers “how do I become …” from the rung below, as before", () => {
    const answer = ask("how do I become head of IT service management");
    expect(answer.progression?.from?.name).toBe("Senior IT service manager");
    expect(answer.progression?.fromProfile).toBeUndefined();
  });
});

describe.skipIf(needsRealData())("reading a profile", () => {
  it("reads a role level by its name", () => {
    expect(standing("senior IT service manager")).toMatchObject({
      kind: "role_level",
      roleLevelId: "ddat-senior-it-service-manager",
      name: "Senior IT service manager",
    });
  });

  it("reads skills at levels, SFIA and DDaT, with the names the knowledge gives them", () => {
    expect(standing("ITMG 5, service focus 3")).toEqual({
      kind: "skills",
      skills: [
        { skillId: "sfia:ITMG", level: 5, name: `${sfiaSkill("ITMG").name} (ITMG)` },
        { skillId: "ddat:service-focus", level: 3, name: "Service focus" },
      ],
    });
  });

  it("refuses a misspelt role level and suggests the one it resembles", () => {
    const read = rolecall.readStanding("senoir IT service manager");
    expect(read).toMatchObject({
      ok: false,
      problem: fill(PROFILE_MESSAGES.fuzzy, { text: "senoir IT service manager" }),
    });
    expect(read.ok ? [] : read.didYouMean).toContain("Senior IT service manager");
  });

  it("refuses a level a SFIA skill does not have, naming the levels the CSV defines", () => {
    const levels = [...sfiaSkill("ITMG").levels.keys()];
    const read = rolecall.readStanding("ITMG 2");
    expect(read.ok ? "" : read.problem).toBe(
      `${sfiaSkill("ITMG").name} (ITMG) has no level 2; its levels are ${levels.slice(0, -1).join(", ")} and ${levels.at(-1)}.`,
    );
  });

  it("refuses a skill it does not know", () => {
    const read = rolecall.readStanding("XYZQ 3, PROG 3");
    expect(read.ok ? "" : read.problem).toBe(fill(PROFILE_MESSAGES.unknown, { text: "XYZQ 3" }));
  });

  it("refuses a role that has no levels", () => {
    const read = rolecall.readStanding("change manager");
    expect(read.ok ? "" : read.problem).toMatch(/^The Change manager is a role, not a level on a ladder\./);
  });
});

describe.skipIf(needsRealData())("a profile naming what the knowledge no longer has", () => {
  const goneLevel: Standing = {
    kind: "role_level",
    roleId: "it-service-manager",
    roleLevelId: "ddat-retired-level",
    name: "Chief widget wrangler",
  };

  it("says the role level is no longer in the knowledge instead of answering", () => {
    const answer = ask("what do I need for the next level", goneLevel);
    expect(answer.title).toBe(PROFILE_MESSAGES.goneTitle);
    expect(answer.summary).toContain(
      fill(PROFILE_MESSAGES.goneNotice, { names: "“Chief widget wrangler”", verb: "is" }),
    );
  });

  it("answers from the skills still there and names the one that is gone", () => {
    const profile: Standing = {
      kind: "skills",
      skills: [
        { skillId: "sfia:ITMG", level: 5, name: "ITMG" },
        { skillId: "sfia:GONE", level: 3, name: "Retired skill (GONE)" },
      ],
    };
    const answer = ask("what do I need for the next level", profile);
    expect(answer.notices).toContain(
      fill(PROFILE_MESSAGES.goneNotice, { names: "“Retired skill (GONE) 3”", verb: "is" }),
    );
    expect(answer.progression?.changes.map((c) => c.skillId)).toEqual(["sfia:ITMG"]);
    expect(rolecall.describeProfile(profile).overview.gone).toEqual(["Retired skill (GONE) 3"]);
  });
});

describe.skipIf(needsRealData())("the profile overview (App Home, /role me)", () => {
  it("names the next level and the top gaps to it from the CSV, each asking for its level text", () => {
    const { overview } = rolecall.describeProfile(standing("Senior IT service manager"));
    expect(overview.next?.name).toBe("Head of IT service management");
    const expected = expectedChanges(csvSkills("Senior IT service manager"), "Head of IT service management");
    const gapSkills = [...expected.rises, ...expected.added].sort().slice(0, 5);
    expect(overview.gaps.map((g) => g.label.replace(/ \d( → \d)?$/, "")).sort()).toEqual(gapSkills);
    for (const gap of overview.gaps) {
      const level = Number(gap.label.at(-1));
      const answer = rolecall.ask(gap.question);
      expect(answer.subjects[0]).toMatchObject({ kind: "skill", level });
    }
  });

  it("says a role level at the top of its ladder is the top", () => {
    const { overview } = rolecall.describeProfile(standing("Head of IT service management"));
    expect(overview).toMatchObject({ topOf: "IT service manager", gaps: [] });
  });
});
