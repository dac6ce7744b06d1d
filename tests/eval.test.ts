// The evaluation set (eval/questions.yaml) asked on the shipped knowledge and on the combined corpus
// (shipped + SFIA 9 + DDaT from ../shared/realdata): every category stays at or above its floor in
// eval/floors.json, and the file itself is valid, large enough and names only ids its corpora hold.
import { beforeAll, describe, expect, it } from "vitest";
import { CORPORA, type CorpusName, SHIPPED_KNOWLEDGE } from "../eval/corpora.ts";
import { type CorpusReport, checkAnswer, evaluateCorpus, unknownReferences } from "../eval/evaluate.ts";
import { type Floors, loadFloors, QUESTIONS_FILE } from "../eval/floors.ts";
import {
  CATEGORIES,
  EvalFileError,
  type EvalQuestion,
  loadQuestions,
  parseQuestions,
} from "../eval/schema.ts";
import type { Answer } from "../src/core/answer/types.ts";
import { createRolecall, type Rolecall } from "../src/core/engine.ts";
import { loadKnowledge } from "../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";
import { combinedKnowledge } from "./support/combined-corpus.ts";
import { HAS_REAL_DATA } from "./support/real-data.ts";

/** every corpus but the combined one, which needs ../shared/realdata, is always there */
const available = (corpus: CorpusName) => corpus !== "combined" || HAS_REAL_DATA;

let questions: EvalQuestion[];
let floors: Floors;
const knowledge = {} as Record<CorpusName, KnowledgeBase>;
const engines = {} as Record<CorpusName, Rolecall>;
const reports = {} as Record<CorpusName, CorpusReport>;

beforeAll(async () => {
  questions = await loadQuestions(QUESTIONS_FILE);
  floors = await loadFloors();
  knowledge.shipped = await loadKnowledge(SHIPPED_KNOWLEDGE);
  // The combined corpus imports ../shared/realdata; without it only the shipped corpus is asked.
  if (HAS_REAL_DATA) knowledge.combined = await combinedKnowledge();
  for (const corpus of CORPORA.filter(available)) {
    engines[corpus] = createRolecall(knowledge[corpus]);
    reports[corpus] = evaluateCorpus(corpus, engines[corpus], questions);
  }
});

describe("the evaluation set", () => {
  it("has at least 200 questions", () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
  });

  it.each(CATEGORIES)("asks at least 15 %s questions", (category) => {
    expect(questions.filter((q) => q.category === category).length).toBeGreaterThanOrEqual(15);
  });

  it.each(CORPORA.filter(available))("names only ids the %s corpus holds", (corpus) => {
    const unknown = questions
      .filter((q) => q.corpora.includes(corpus))
      .flatMap((q) => unknownReferences(q, knowledge[corpus]).map((id) => `${q.q}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it("has a floor for every category on every corpus", () => {
    for (const corpus of CORPORA) expect(Object.keys(floors[corpus]).sort()).toEqual([...CATEGORIES].sort());
  });
});

describe.each(CORPORA.filter(available))("on the %s corpus", (corpus) => {
  it.each(CATEGORIES)("answers %s questions at or above the floor", (category) => {
    const score = reports[corpus].byCategory[category];
    const misses = reports[corpus].misses
      .filter((m) => m.question.category === category)
      .map((m) => `${m.question.q}: ${m.problems.join("; ")}`);
    // The message lists the misses, so a failure says which questions fell below.
    expect(score?.accuracy ?? 0, misses.join("\n")).toBeGreaterThanOrEqual(floors[corpus][category] ?? 0);
  });
});

describe("a malformed evaluation file", () => {
  it("is an error naming the question and the field", () => {
    const text = `questions:\n  - q: ITMG 5\n    category: levels\n    corpora: [shipped]\n    expect: {intent: level}\n`;
    expect(() => parseQuestions("bad.yaml", text)).toThrow(
      expect.objectContaining({
        name: "EvalFileError",
        message: expect.stringContaining('questions.0.category ("ITMG 5")'),
      }),
    );
  });

  it("refuses an expectation with no checks", () => {
    const text = `questions:\n  - q: ITMG 5\n    category: level\n    corpora: [shipped]\n    expect: {}\n`;
    expect(() => parseQuestions("bad.yaml", text)).toThrow(EvalFileError);
  });

  it("refuses the same question twice on one corpus", () => {
    const one = `  - q: ITMG 5\n    category: level\n    corpora: [shipped]\n    expect: {intent: level}\n`;
    expect(() => parseQuestions("bad.yaml", `questions:\n${one}${one}`)).toThrow(/asked on shipped already/);
  });
});

describe("checking an answer", () => {
  const question = (expect: EvalQuestion["expect"]): EvalQuestion => ({
    q: "plorf",
    category: "nonsense",
    corpora: ["shipped"],
    expect,
  });
  const notFound: Answer = {
    intent: "not_found",
    title: "",
    notices: [],
    sections: [],
    facts: [],
    subjects: [],
    sources: [],
    followUps: [
      { kind: "did_you_mean", label: "Problem manager", question: "Problem manager" },
      { kind: "example", label: "ITMG 5", question: "ITMG 5" },
    ],
  };

  it("misses a not-found answer that suggests something outside the allowed set", () => {
    const outcome = checkAnswer(
      question({ intent: "not_found", suggestions: { allowed: [] } }),
      "shipped",
      notFound,
      knowledge.shipped,
    );
    expect(outcome.problems).toEqual(["suggests “Problem manager”"]);
  });

  it("does not count example questions as suggestions", () => {
    const outcome = checkAnswer(
      question({ intent: "not_found", suggestions: { allowed: ["problem manager"] } }),
      "shipped",
      notFound,
      knowledge.shipped,
    );
    expect(outcome.pass).toBe(true);
  });

  it("compares RACI role ids with the answer's role names", () => {
    const answer = engines.shipped.ask("who is accountable for change management");
    const outcome = checkAnswer(
      question({ raci: { accountable: ["it-service-manager"] } }),
      "shipped",
      answer,
      knowledge.shipped,
    );
    expect(outcome.pass).toBe(true);
  });

  it("tells a skill overview (level null) from one of its levels", () => {
    const answer = engines.shipped.ask("ITMG 5");
    const outcome = checkAnswer(
      question({ top: { id: "sfia:ITMG", level: null } }),
      "shipped",
      answer,
      knowledge.shipped,
    );
    expect(outcome.problems).toEqual([
      "top subject skill sfia:ITMG level 5, expected sfia:ITMG without a level",
    ]);
  });
});
