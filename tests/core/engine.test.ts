import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/core/answer/messages.ts";
import type { Answer, Intent, SubjectKind } from "../../src/core/answer/types.ts";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { renderText } from "../../src/render/text.ts";

const KNOWLEDGE = path.resolve(import.meta.dirname, "../../knowledge");
let rolecall: Rolecall;

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(KNOWLEDGE));
});

interface Case {
  question: string;
  intent: Intent;
  subject?: { kind: SubjectKind; id: string; level?: number };
  /** text that must appear in the plain-text answer */
  says?: string[];
  check?: (answer: Answer) => void;
}

const ITMG5 =
  "Investigates and manages the adoption of appropriate tools, techniques and processes (including automation)";
const ITMG6 = "Takes full responsibility for budgeting, estimating, planning and objective setting.";
const ITMG7 = "Responsible for IT governance.";

const levelQuestions: Case[] = [
  {
    question: "ITMG 5",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 5 },
    says: [ITMG5],
  },
  {
    question: "itmg 5",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 5 },
    says: [ITMG5],
  },
  {
    question: "ITMG level 7",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 7 },
    says: [ITMG7],
  },
  {
    question: "IT management level 6",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 6 },
    says: [ITMG6],
  },
  {
    question: "it managment lvl 6",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 6 },
    says: [ITMG6],
  },
  {
    question: "IT mangement L6",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 6 },
    says: [ITMG6],
  },
  {
    question: "what does IT management require at level 5?",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 5 },
  },
  {
    question: "Technology service management L7",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 7 },
    says: [ITMG7, "renamed Technology service management in SFIA 8"],
  },
  {
    question: "technology service mgmt level 5",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG", level: 5 },
    says: ["renamed Technology service management"],
  },
  {
    question: "ITMG 3",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG" },
    says: ["not defined at level 3", "defined at levels 5, 6 and 7", "not typically observed"],
  },
  {
    question: "IT management level 1",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG" },
    says: ["defined at levels 5, 6 and 7"],
  },
  {
    question: "ITMG",
    intent: "level",
    subject: { kind: "skill", id: "sfia:ITMG" },
    says: ["Service management", "Service strategy", "Moving to SFIA 8", "guidance notes have been added"],
  },
  {
    question: "what does level 5 mean",
    intent: "level",
    subject: { kind: "level", id: "sfia:5", level: 5 },
    says: ["Ensure/advise"],
  },
  {
    question: "what does levle 6 mean?",
    intent: "level",
    subject: { kind: "level", id: "sfia:6", level: 6 },
    says: ["Initiate/influence"],
  },
  {
    question: "level 1",
    intent: "level",
    subject: { kind: "level", id: "sfia:1", level: 1 },
    says: ["Follow"],
  },
  {
    question: "what does Working mean",
    intent: "level",
    subject: { kind: "level", id: "ddat:2", level: 2 },
    says: ["Working"],
  },
  {
    question: "what does practitioner mean?",
    intent: "level",
    subject: { kind: "level", id: "ddat:3", level: 3 },
  },
  {
    question: "Set strategy, inspire, mobilise",
    intent: "level",
    subject: { kind: "level", id: "sfia:7", level: 7 },
  },
  {
    question: "what does Ensure/advise mean",
    intent: "level",
    subject: { kind: "level", id: "sfia:5", level: 5 },
  },
  { question: "SFIA level 9", intent: "level", says: ["no level 9", "1, 2, 3, 4, 5, 6 and 7"] },
];

const raciQuestions: Case[] = [
  {
    question: "who is accountable for change management",
    intent: "raci",
    subject: { kind: "process", id: "change-management" },
    check: (a) => expect(a.raci?.accountable).toHaveLength(1),
  },
  {
    question: "who is acountable for chnage managment",
    intent: "raci",
    subject: { kind: "process", id: "change-management" },
  },
  { question: "raci incident mgmt", intent: "raci", subject: { kind: "process", id: "incident-management" } },
  {
    question: "RACI for incident managment",
    intent: "raci",
    subject: { kind: "process", id: "incident-management" },
  },
  {
    question: "who owns problem management?",
    intent: "raci",
    subject: { kind: "process", id: "problem-management" },
  },
  {
    question: "who owns the service catalogue",
    intent: "raci",
    subject: { kind: "process", id: "service-catalogue-management" },
  },
  {
    question: "who is consulted on release management",
    intent: "raci",
    subject: { kind: "process", id: "release-management" },
  },
  {
    question: "who is informed about supplier management",
    intent: "raci",
    subject: { kind: "process", id: "supplier-management" },
  },
  { question: "who is responsible for the CMDB", intent: "raci", subject: { kind: "tool", id: "cmdb" } },
  { question: "who is accountable for DevOps", intent: "raci", subject: { kind: "practice", id: "devops" } },
  {
    question: "what is the IT service manager accountable for",
    intent: "raci",
    subject: { kind: "role", id: "it-service-manager" },
    says: ["Service level management", "Continual service improvement"],
  },
  {
    question: "what is the it servce manager acountable for?",
    intent: "raci",
    subject: { kind: "role", id: "it-service-manager" },
  },
  {
    question: "what does the IT manager do",
    intent: "raci",
    subject: { kind: "role", id: "it-manager" },
    says: ["IT financial and budget management"],
  },
  {
    question: "what is the change manager responsible for",
    intent: "raci",
    subject: { kind: "role", id: "change-manager" },
  },
  {
    question: "is the change manager accountable for change management?",
    intent: "raci",
    subject: { kind: "process", id: "change-management" },
    check: (a) => expect(a.summary).toMatch(/^(Yes|No):/),
  },
];

const roleQuestions: Case[] = [
  {
    question: "IT service manager",
    intent: "role",
    subject: { kind: "role", id: "it-service-manager" },
    // The whole profile is over 20,000 characters: the answer is a brief with a button for each part.
    says: ["service catalogue", "Service focus: level 3 – Practitioner"],
    check: (a) =>
      expect(a.followUps.map((f) => f.question)).toEqual(
        expect.arrayContaining([
          "IT service manager knowledge",
          "IT service manager qualifications",
          "IT service manager training",
          "IT service manager development",
        ]),
      ),
  },
  {
    question: "IT service manager knowledge",
    intent: "role",
    says: ["service level agreements (SLAs)", "Numeracy"],
  },
  { question: "IT service manager qualifications", intent: "role", says: ["ITIL Practitioner", "AXELOS"] },
  { question: "IT service manager development", intent: "role", says: ["Deputising"] },
  { question: "IT service manager training", intent: "role", says: ["Coaching"] },
  {
    question: "IT service manager qualifications",
    intent: "role",
    subject: { kind: "role", id: "it-service-manager" },
    says: ["FEDIP Senior Practitioner (awarded by FEDIP)"],
  },
  {
    question: "what skills does an IT service manager need",
    intent: "role",
    subject: { kind: "role", id: "it-service-manager" },
    says: ["level 3 – Practitioner", "level 2 – Working"],
  },
  {
    question: "IT service manager knowledge",
    intent: "role",
    subject: { kind: "role", id: "it-service-manager" },
    says: ["Budgets (Aware of)", "Service Level Agreements (Proficient in)"],
  },
  { question: "IT service manager training", intent: "role", says: ["Data Protection and GDPR"] },
  {
    question: "IT manager",
    intent: "role",
    subject: { kind: "role", id: "it-manager" },
    says: ["IT Governance", "IT Budget Management", "Team and Project Management", "sociability"],
  },
  { question: "it manger responsibilities", intent: "role", subject: { kind: "role", id: "it-manager" } },
  { question: "who is the change manager", intent: "role", subject: { kind: "role", id: "change-manager" } },
];

const compareQuestions: Case[] = [
  {
    question: "compare ITMG 5 and 6",
    intent: "compare",
    subject: { kind: "skill", id: "sfia:ITMG", level: 5 },
    check: (a) => {
      const newAtSix = a.sections.find((s) => s.title === "New at level 6");
      expect(newAtSix?.items).toContain(ITMG6);
      expect(a.subjects[1]).toMatchObject({ id: "sfia:ITMG", level: 6 });
    },
  },
  {
    question: "what changes from level 6 to 7 in IT management",
    intent: "compare",
    subject: { kind: "skill", id: "sfia:ITMG", level: 6 },
    check: (a) => expect(a.sections.find((s) => s.title === "New at level 7")?.items).toContain(ITMG7),
  },
  {
    question: "comapre it managment 6 and 7",
    intent: "compare",
    subject: { kind: "skill", id: "sfia:ITMG", level: 6 },
  },
  {
    question: "difference between ITMG 7 and ITMG 5",
    intent: "compare",
    subject: { kind: "skill", id: "sfia:ITMG", level: 5 },
  },
  { question: "compare ITMG 4 and 5", intent: "compare", says: ["not defined at level 4"] },
  {
    question: "what changes from level 5 to 6",
    intent: "compare",
    subject: { kind: "level", id: "sfia:5", level: 5 },
  },
];

/** The answer's passages mark the word, as the renderers show it (bold in Slack and a terminal). */
function marks(word: string): (answer: Answer) => void {
  return (answer) => {
    const marked = answer.sections.flatMap((section) =>
      (section.passages ?? []).flatMap((p) => p.marks.map(([start, end]) => p.text.slice(start, end))),
    );
    expect(marked.map((m) => m.toLowerCase())).toContain(word.toLowerCase());
  };
}

const searchQuestions: Case[] = [
  { question: "budgeting", intent: "search", check: marks("budgeting") },
  { question: "SLA", intent: "search", check: marks("SLA") },
  { question: "ITIL", intent: "search", check: marks("ITIL") },
  {
    question: "Sarbanes-Oxley",
    intent: "search",
    subject: { kind: "role", id: "it-manager" },
    check: marks("Sarbanes"),
  },
  { question: "Caldicott Principles", intent: "search", subject: { kind: "role", id: "it-service-manager" } },
  { question: "search governance", intent: "search", check: marks("governance") },
];

const listQuestions: Case[] = [
  {
    question: "list all processes",
    intent: "search",
    check: (a) => expect(a.subjects.every((s) => s.kind === "process")).toBe(true),
    says: ["Processes in the RACI (21)", "Change management: accountable IT service manager"],
  },
  {
    question: "which practices are there?",
    intent: "search",
    says: ["Practices in the RACI (8)", "maturity"],
  },
  {
    question: "tools",
    intent: "search",
    says: ["Tools in the RACI (8)"],
    check: (a) => expect(a.subjects.map((s) => s.kind)).toEqual(Array(8).fill("tool")),
  },
  {
    question: "DDaT levels",
    intent: "search",
    says: ["1 Awareness", "4 Expert"],
    check: (a) => expect(a.subjects).toHaveLength(4),
  },
  { question: "list roles", intent: "search", says: ["IT service manager", "Change manager"] },
  { question: "SFIA skills", intent: "search", says: ["IT management (ITMG): levels 5, 6 and 7"] },
];

const otherQuestions: Case[] = [
  { question: "help", intent: "help", says: ["SFIA", "DDaT"] },
  { question: "", intent: "help" },
  { question: "what can you do?", intent: "help" },
  { question: "xyzzy plugh", intent: "not_found", says: [MESSAGES.notFoundTitle] },
  {
    question: "blorp frobnicate",
    intent: "not_found",
    check: (a) => expect(a.followUps.length).toBeGreaterThan(0),
  },
  { question: "incidnet", intent: "search", check: marks("incident") },
  {
    // Gibberish beside a misspelt word is not a search; the misspelt word's names are still offered.
    question: "xqzv chnge",
    intent: "not_found",
    check: (a) =>
      expect(a.followUps.filter((f) => f.kind === "did_you_mean").map((f) => f.label)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Change manage(r|ment)$/)]),
      ),
  },
  {
    question: "incidnet reporting",
    intent: "search",
    check: (a) =>
      expect(a.followUps.filter((f) => f.kind === "did_you_mean").map((f) => f.label)).toContain(
        "Incident manager",
      ),
  },
  {
    // Both words are searched as written, so no name is offered as what they meant.
    question: "service budgets",
    intent: "search",
    check: (a) => expect(a.followUps.filter((f) => f.kind === "did_you_mean")).toEqual([]),
  },
  {
    question: "x".repeat(501),
    intent: "not_found",
    says: [MESSAGES.tooLongTitle, "up to 500 characters; yours has 501"],
  },
];

function runCases(title: string, cases: Case[]) {
  describe(title, () => {
    it.each(
      cases.map(
        (c) =>
          [
            c.question.length > 60 ? `${c.question.slice(0, 20)}… (${c.question.length} chars)` : c.question,
            c,
          ] as const,
      ),
    )("when asked %j", (_label, c) => {
      const answer = rolecall.ask(c.question);
      expect(answer.intent).toBe(c.intent);
      if (c.subject) expect(answer.subjects[0]).toMatchObject(c.subject);
      const text = renderText(answer);
      for (const phrase of c.says ?? []) expect(text).toContain(phrase);
      expect(text.trim().length).toBeGreaterThan(0);
      c.check?.(answer);
    });
  });
}

runCases("level questions", levelQuestions);
runCases("RACI questions", raciQuestions);
runCases("role questions", roleQuestions);
runCases("comparisons", compareQuestions);
runCases("free search", searchQuestions);
runCases("lists", listQuestions);
runCases("help, nonsense and limits", otherQuestions);

describe("exact matches outrank fuzzy ones", () => {
  it("resolves an exact process name even when a longer fuzzy name is close", () => {
    expect(rolecall.understand("raci problem management")).toMatchObject({
      type: "raci",
      rowId: "problem-management",
    });
  });

  it("records that a misspelt name was matched fuzzily and an exact one was not", () => {
    const fuzzy = rolecall.understand("it managment lvl 6");
    const exact = rolecall.understand("IT management level 6");
    expect(fuzzy).toMatchObject({ type: "skill", recognition: { via: "name" } });
    expect((fuzzy as { recognition: { fuzzy?: number } }).recognition.fuzzy).toBeGreaterThan(0);
    expect((exact as { recognition: { fuzzy?: number } }).recognition.fuzzy).toBeUndefined();
  });
});

describe("answers carry their sources", () => {
  it("cites framework, version, code and level for a skill level", () => {
    const answer = rolecall.ask("ITMG 6");
    expect(answer.sources[0]).toMatchObject({ framework: "SFIA", version: "7", code: "ITMG", level: 6 });
  });

  it("names the source of every free-search passage", () => {
    const passages = rolecall.ask("ITIL").sections.flatMap((s) => s.passages ?? []);
    expect(passages.length).toBeGreaterThan(0);
    for (const passage of passages) expect(passage.source?.title).toBeTruthy();
  });

  it("marks the matched words inside each passage", () => {
    const passage = rolecall.ask("budgeting").sections[0]?.passages?.[0];
    expect(passage).toBeDefined();
    const marked = passage?.marks.map(([s, e]) => passage.text.slice(s, e).toLowerCase()) ?? [];
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(word).toMatch(/^budget/);
  });
});

describe("level answers offer the neighbouring levels", () => {
  it("offers previous, next and compare from level 6", () => {
    const kinds = rolecall.ask("ITMG 6").followUps.map((f) => [f.kind, f.question]);
    expect(kinds).toContainEqual(["previous_level", "ITMG level 5"]);
    expect(kinds).toContainEqual(["next_level", "ITMG level 7"]);
    expect(kinds).toContainEqual(["compare_next", "compare ITMG levels 6 and 7"]);
  });

  it("every follow-up question is itself answerable", () => {
    for (const question of [
      "ITMG 6",
      "IT service manager",
      "who is accountable for change management",
      "help",
    ]) {
      for (const followUp of rolecall.ask(question).followUps) {
        expect(rolecall.ask(followUp.question).intent, followUp.question).not.toBe("not_found");
      }
    }
  });
});

describe("hostile and odd input never breaks an answer", () => {
  const inputs = [
    "constructor",
    "__proto__",
    "toString level 5",
    "hasOwnProperty valueOf",
    "who is accountable for constructor",
    "'; DROP TABLE roles; --",
    "<!channel> <@U123|bob> <https://evil.example|click>",
    "\u202eLEVEL 5\u200b\u200b",
    "🚀🚀🚀",
    "9999999999999999999999",
    "level -1",
    "a".repeat(500),
    "ITMG ".repeat(100),
    "\n\t  \r",
    "lvl lvl lvl lvl",
    "compare compare compare",
  ];

  it.each(inputs.map((input) => [JSON.stringify(input).slice(0, 40), input] as const))(
    "answers %s",
    (_label, input) => {
      const answer = rolecall.ask(input);
      expect(answer.title.length).toBeGreaterThan(0);
      expect(renderText(answer).trim().length).toBeGreaterThan(0);
    },
  );
});
