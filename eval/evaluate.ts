// Asks the evaluation set's questions and checks each Answer against what the question file expects.
// Pure apart from the engine: the runner (eval/run.ts) and the floor test (tests/eval.test.ts) share it.
import type { Answer, Subject } from "../src/core/answer/types.ts";
import type { Rolecall } from "../src/core/engine.ts";
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";
import { RACI_LETTERS } from "../src/core/knowledge/model.ts";
import type { CorpusName } from "./corpora.ts";
import {
  CATEGORIES,
  type Category,
  type EvalQuestion,
  type SubjectPattern,
  type SubjectRef,
} from "./schema.ts";

export interface Outcome {
  question: EvalQuestion;
  corpus: CorpusName;
  pass: boolean;
  /** why it missed, one line per failed check */
  problems: string[];
  /** what came back, in short */
  got: { intent: string; top: string[]; raci?: Answer["raci"]; suggestions: string[] };
}

export interface Score {
  passed: number;
  total: number;
  accuracy: number;
}

export interface CorpusReport {
  corpus: CorpusName;
  overall: Score;
  byCategory: Partial<Record<Category, Score>>;
  misses: Outcome[];
}

export function evaluateCorpus(
  corpus: CorpusName,
  rolecall: Rolecall,
  questions: readonly EvalQuestion[],
): CorpusReport {
  const outcomes = questions
    .filter((q) => q.corpora.includes(corpus))
    .map((question) => checkAnswer(question, corpus, rolecall.ask(question.q), rolecall.knowledge));
  const byCategory: Partial<Record<Category, Score>> = {};
  for (const category of CATEGORIES) {
    const of = outcomes.filter((o) => o.question.category === category);
    if (of.length > 0) byCategory[category] = score(of);
  }
  return { corpus, overall: score(outcomes), byCategory, misses: outcomes.filter((o) => !o.pass) };
}

function score(outcomes: readonly Outcome[]): Score {
  const passed = outcomes.filter((o) => o.pass).length;
  return { passed, total: outcomes.length, accuracy: outcomes.length ? passed / outcomes.length : 0 };
}

export function checkAnswer(
  question: EvalQuestion,
  corpus: CorpusName,
  answer: Answer,
  kb: KnowledgeBase,
): Outcome {
  const expect = question.expect;
  const problems: string[] = [];
  const subjects = answer.subjects;

  if (expect.intent !== undefined) {
    const allowed = Array.isArray(expect.intent) ? expect.intent : [expect.intent];
    if (!allowed.includes(answer.intent)) {
      problems.push(`intent ${answer.intent}, expected ${allowed.join(" or ")}`);
    }
  }
  if (expect.top && !(subjects[0] && matches(subjects[0], expect.top))) {
    problems.push(
      `top subject ${subjects[0] ? describeSubject(subjects[0]) : "none"}, expected ${describe(expect.top)}`,
    );
  }
  if (expect.inTop3 && !subjects.slice(0, 3).some((s) => matches(s, expect.inTop3 as SubjectPattern))) {
    problems.push(`${describe(expect.inTop3)} is not among the first three subjects`);
  }
  if (expect.subjects) {
    const { include = [], exclude = [], count } = expect.subjects;
    const missing = include.filter((ref) => !subjects.some((s) => matches(s, pattern(ref))));
    if (missing.length > 0)
      problems.push(`subjects lack ${missing.map((r) => describe(pattern(r))).join(", ")}`);
    const unwanted = exclude.filter((ref) => subjects.some((s) => matches(s, pattern(ref))));
    if (unwanted.length > 0)
      problems.push(`subjects include ${unwanted.map((r) => describe(pattern(r))).join(", ")}`);
    if (count) {
      const n = count.of
        ? subjects.filter((s) => matches(s, count.of as SubjectPattern)).length
        : subjects.length;
      if (n !== count.n)
        problems.push(
          `${n} subjects${count.of ? ` matching ${describe(count.of)}` : ""}, expected ${count.n}`,
        );
    }
  }
  if (expect.raci) {
    for (const letter of RACI_LETTERS) {
      const ids = expect.raci[letter];
      if (!ids) continue;
      const want = ids.map((id) => kb.roles.get(id)?.name ?? id);
      const got = answer.raci?.[letter] ?? [];
      if (!sameSet(want, got)) {
        problems.push(`${letter} ${got.length ? got.join(", ") : "nobody"}, expected ${want.join(", ")}`);
      }
    }
  }
  const suggestions = suggestionLabels(answer);
  if (expect.suggestions) {
    const allowed = new Set(expect.suggestions.allowed.map(fold));
    const outside = suggestions.filter((label) => !allowed.has(fold(label)));
    if (outside.length > 0) problems.push(`suggests ${outside.map((l) => `“${l}”`).join(", ")}`);
  }
  return {
    question,
    corpus,
    pass: problems.length === 0,
    problems,
    got: {
      intent: answer.intent,
      top: subjects.slice(0, 3).map(describeSubject),
      ...(answer.raci ? { raci: answer.raci } : {}),
      suggestions,
    },
  };
}

/** Did-you-mean and related follow-ups: what the answer offers as "you may mean this". */
function suggestionLabels(answer: Answer): string[] {
  return answer.followUps
    .filter((f) => f.kind === "did_you_mean" || f.kind === "related")
    .map((f) => f.label);
}

function pattern(ref: SubjectRef): SubjectPattern {
  return typeof ref === "string" ? { id: ref } : ref;
}

export function matches(subject: Subject, p: SubjectPattern): boolean {
  if (p.kind !== undefined && subject.kind !== p.kind) return false;
  if (p.id !== undefined && subject.id !== p.id) return false;
  if (p.framework !== undefined && subject.framework !== p.framework) return false;
  if (p.level === null && subject.level !== undefined) return false;
  if (typeof p.level === "number" && subject.level !== p.level) return false;
  return true;
}

function sameSet(want: readonly string[], got: readonly string[]): boolean {
  const a = new Set(want.map(fold));
  const b = new Set(got.map(fold));
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}

export function describeSubject(s: Subject): string {
  return `${s.kind} ${s.id}${s.level !== undefined ? ` level ${s.level}` : ""}`;
}

function describe(p: SubjectPattern): string {
  const parts = [p.kind, p.id, p.framework ? `(${p.framework})` : undefined];
  if (p.level === null) parts.push("without a level");
  else if (p.level !== undefined) parts.push(`level ${p.level}`);
  return parts.filter(Boolean).join(" ");
}

/**
 * Ids the question names that the corpus does not hold: a mistake in the question file, not in the
 * engine. Subject ids are skills (sfia:ITMG), generic levels (sfia:5), roles and role levels, RACI rows.
 */
export function unknownReferences(question: EvalQuestion, kb: KnowledgeBase): string[] {
  const known = knownIds(kb);
  const ids: string[] = [];
  const e = question.expect;
  for (const p of [e.top, e.inTop3, e.subjects?.count?.of]) if (p?.id) ids.push(p.id);
  // Excluded ids may be ones the corpus lacks on purpose ("DDaT level 5").
  for (const ref of e.subjects?.include ?? []) {
    const id = pattern(ref).id;
    if (id) ids.push(id);
  }
  const roles = RACI_LETTERS.flatMap((l) => e.raci?.[l] ?? []);
  return [
    ...ids.filter((id) => !known.has(id)),
    ...roles.filter((id) => !kb.roles.has(id)).map((id) => `role ${id}`),
  ];
}

const knownCache = new WeakMap<KnowledgeBase, Set<string>>();

function knownIds(kb: KnowledgeBase): Set<string> {
  let known = knownCache.get(kb);
  if (!known) {
    known = new Set([...kb.skills.keys(), ...kb.levels.keys(), ...kb.raci.keys()]);
    for (const role of kb.roles.values()) {
      known.add(role.id);
      for (const level of role.roleLevels ?? []) known.add(level.id);
    }
    knownCache.set(kb, known);
  }
  return known;
}
