// The question families of issue 9, over the shipped knowledge and over the combined corpus (the shipped
// knowledge with SFIA 9 and DDaT imported from ../shared/realdata). Expected answers come from the data:
// knowledge/raci.yaml, the SFIA 9 skills CSV (PBMG levels 2-5, COPL 2-6, FMIT 4-6) and the DDaT
// role-content CSV (Service focus 1-4, IT Operations family).
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answer/types.ts";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { SHIPPED_KNOWLEDGE } from "../support/app-process.ts";
import { combinedKnowledge } from "../support/combined-corpus.ts";
import { needsRealData } from "../support/real-data.ts";

interface Family {
  question: string;
  intent: Answer["intent"];
  top?: { kind: string; id: string; level?: number };
  check?: (answer: Answer) => void;
}

const alsoOffered = (label: string) => (a: Answer) =>
  expect(a.followUps.filter((f) => f.kind === "also_in").map((f) => f.label)).toContain(label);

const combined: Family[] = [
  // a name in two frameworks, or in a framework and the RACI
  {
    question: "problem management level 4",
    intent: "level",
    top: { kind: "skill", id: "sfia:PBMG", level: 4 },
  },
  {
    question: "change management level 4",
    intent: "level",
    top: { kind: "skill", id: "ddat:change-management", level: 4 },
  },
  {
    question: "continuity management level 5",
    intent: "level",
    top: { kind: "skill", id: "sfia:COPL", level: 5 },
  },
  {
    question: "financial management level 6",
    intent: "level",
    top: { kind: "skill", id: "sfia:FMIT", level: 6 },
  },
  {
    question: "DDaT problem management",
    intent: "level",
    top: { kind: "skill", id: "ddat:problem-management" },
  },
  {
    question: "problem management",
    intent: "raci",
    top: { kind: "process", id: "problem-management" },
    check: alsoOffered("Also in SFIA: Problem management"),
  },
  // DDaT level names as a skill's level
  {
    question: "service focus at Expert",
    intent: "level",
    top: { kind: "skill", id: "ddat:service-focus", level: 4 },
  },
  {
    question: "asset and configuration management at working level",
    intent: "level",
    top: { kind: "skill", id: "ddat:asset-and-configuration-management", level: 2 },
  },
  // lists and reverse lookups
  {
    question: "roles in the IT operations family",
    intent: "search",
    check: (a) => expect(a.subjects.map((s) => s.id)).toContain("it-service-manager"),
  },
  {
    question: "SFIA skills in delivery and operation",
    intent: "search",
    check: (a) =>
      expect(a.subjects.map((s) => s.id)).toEqual(expect.arrayContaining(["sfia:ITMG", "sfia:PBMG"])),
  },
  {
    question: "skills defined at level 7",
    intent: "search",
    check: (a) => expect(a.subjects.every((s) => s.kind === "skill" && s.framework === "sfia")).toBe(true),
  },
  { question: "SDM", intent: "role", top: { kind: "role", id: "service-desk-manager" } },
  {
    question: "how do I test a release",
    intent: "search",
    check: (a) => expect(a.subjects[0]?.id).not.toBe("sfia:TEST"),
  },
  // typos and free text
  {
    question: "Sznior user researcher",
    intent: "role",
    top: { kind: "role", id: "ddat-senior-user-researcher" },
  }, // a cue word ("development") inside a misspelt name, and a shorter exact name inside a longer one
  {
    question: "Organizational cppability development",
    intent: "level",
    top: { kind: "skill", id: "sfia:OCDV" },
  },
  {
    question: "Programmicg and bulid (data engineering)",
    intent: "level",
    top: { kind: "skill", id: "ddat:programming-and-build-data-engineering" },
  },

  {
    question: "compare IT service manager and senior IT service manager",
    intent: "compare",
    top: { kind: "role", id: "ddat-it-service-manager-level" },
    check: (a) => expect(a.summary).toMatch(/skills? rise/),
  },
];

const both: Family[] = [
  // word numbers and level names
  { question: "level five", intent: "level", top: { kind: "level", id: "sfia:5" } },
  { question: "fifth level", intent: "level", top: { kind: "level", id: "sfia:5" } },
  { question: "level VI", intent: "level", top: { kind: "level", id: "sfia:6" } },
  { question: "what is level 3 called", intent: "level", top: { kind: "level", id: "sfia:3" } },
  { question: "what comes after Practitioner", intent: "level", top: { kind: "level", id: "ddat:4" } },
  {
    question: "the next level after Working",
    intent: "level",
    top: { kind: "level", id: "ddat:3" },
    check: (a) => expect(a.notices.join(" ")).toContain("After Working (level 2) comes Practitioner"),
  },
  {
    question: "what comes after Expert",
    intent: "level",
    check: (a) => expect(a.notices.join(" ")).toMatch(/Expert is the highest DDaT level/),
  },
  { question: "ITMG 9", intent: "level", check: (a) => expect(a.summary).toContain("SFIA has 7 levels") },
  // casual RACI
  {
    question: "who looks after incidents",
    intent: "raci",
    top: { kind: "process", id: "incident-management" },
  },
  {
    question: "who do I ask about changes",
    intent: "raci",
    top: { kind: "process", id: "change-management" },
  },
  {
    question: "who signs off a release",
    intent: "raci",
    top: { kind: "process", id: "release-management" },
    check: (a) => expect(a.summary).toMatch(/accountable/i),
  },
  {
    question: "who handles security",
    intent: "raci",
    top: { kind: "process", id: "information-security-management" },
  },
  // nonsense
  {
    question: "plorf",
    intent: "not_found",
    check: (a) => expect(a.followUps.map((f) => f.label)).not.toContain("explore"),
  },
  {
    question: "asdfghjkl qwerty",
    intent: "not_found",
    check: (a) => expect(a.followUps.filter((f) => f.kind === "did_you_mean")).toEqual([]),
  },
  { question: "banana management", intent: "not_found" },
];

function expectFamily(rolecall: () => Rolecall, family: Family): void {
  const answer = rolecall().ask(family.question);
  expect(answer.intent).toBe(family.intent);
  if (family.top) expect(answer.subjects[0]).toMatchObject(family.top);
  family.check?.(answer);
}

describe.skipIf(needsRealData())("over the combined corpus", () => {
  let rolecall: Rolecall;
  beforeAll(async () => {
    rolecall = createRolecall(await combinedKnowledge());
  });
  it.each([...combined, ...both])("$question", (family) => expectFamily(() => rolecall, family));

  it("answers the default framework's skill when a name is in two and nothing else decides", async () => {
    const preferDdat = createRolecall(await combinedKnowledge(), { defaultFramework: "ddat" });
    expect(preferDdat.ask("problem management level 4").subjects[0]).toMatchObject({
      id: "ddat:problem-management",
      level: 4,
    });
    expect(rolecall.ask("problem management level 4").subjects[0]).toMatchObject({ id: "sfia:PBMG" });
  });

  it("keeps the rename history readable after importing SFIA 9 over SFIA 7", () => {
    expect(rolecall.ask("ITMG 5").notices).toContain(
      "In SFIA 8, IT management (ITMG) was renamed Technology service management.",
    );
  });
});

describe("over the shipped knowledge", () => {
  let rolecall: Rolecall;
  beforeAll(async () => {
    rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE));
  });
  it.each(both)("$question", (family) => expectFamily(() => rolecall, family));
});
