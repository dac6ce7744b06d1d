// What the feedback records say about an answer: how it ended (answered, not found, or free search with
// weak hits), what it was about, the subject nearest the question, and the knowledge file where a better
// answer would belong.
import path from "node:path";
import type { Answer } from "../core/answer/types.ts";
import type { KnowledgeBase } from "../core/knowledge/model.ts";
import type { SearchIndex } from "../core/search/build.ts";
import type { Subject } from "../core/subjects.ts";
import type { AnswerOutcome } from "../store/types.ts";

export interface AnsweredFrom {
  readonly knowledge: KnowledgeBase;
  readonly index: SearchIndex;
}

export interface AnswerDescription {
  outcome: AnswerOutcome;
  /** "kind:id" of each subject */
  subjects: string[];
  nearestSubject?: string;
  nearestSubjectName?: string;
  knowledgeFile?: string;
}

/** Where a question about a role that the knowledge lacks would be answered, when no role file exists. */
export const DEFAULT_ROLES_FILE = "roles.yaml";
export const DEFAULT_RACI_FILE = "raci.yaml";

const ROLE_WORDS =
  /\b(role|roles|job|jobs|engineer|manager|developer|analyst|architect|scientist|designer|officer|lead|head|director|specialist|consultant|administrator|tester)\b/i;
const RACI_WORDS = /\b(raci|responsible|accountable|consulted|informed|who (does|owns|approves|signs))\b/i;

export function describeAnswer(
  answer: Answer,
  question: string,
  from: AnsweredFrom,
  knowledgeDir?: string,
): AnswerDescription {
  const outcome = outcomeOf(answer, question, from.index);
  // A not-found answer names no subject: its search found only words half the knowledge uses, so a
  // "nearest" subject from them would be noise. Such questions group by their own (hashed) words.
  const nearest = answer.subjects[0];
  const file = (nearest && fileOf(nearest, from)) ?? fileForTopic(question, from.knowledge);
  return {
    outcome,
    subjects: answer.subjects.map(subjectKey),
    ...(nearest ? { nearestSubject: subjectKey(nearest), nearestSubjectName: nearest.name } : {}),
    ...(file ? { knowledgeFile: relativeFile(file, knowledgeDir) } : {}),
  };
}

export function subjectKey(subject: Pick<Subject, "kind" | "id">): string {
  return `${subject.kind}:${subject.id}`;
}

/** Not found, free search where some of the words asked about are not in the knowledge, or answered. */
function outcomeOf(answer: Answer, question: string, index: SearchIndex): AnswerOutcome {
  if (answer.intent === "not_found") return "not_found";
  if (answer.intent !== "search") return "answered";
  return index.passages.search(question).unresolved.length > 0 ? "weak_search" : "answered";
}

function fileOf(subject: Subject, from: AnsweredFrom): string | undefined {
  const kb = from.knowledge;
  switch (subject.kind) {
    case "skill":
      return kb.skills.get(subject.id)?.file;
    case "level":
      return kb.levels.get(subject.id)?.file;
    case "role":
      return kb.roles.get(subject.id)?.file ?? from.index.roleLevels.get(subject.id)?.role.file;
    default:
      return kb.raci.get(subject.id)?.file;
  }
}

/** For a question near no subject: the roles file for a role-ish question, the RACI file for a RACI one. */
function fileForTopic(question: string, kb: KnowledgeBase): string | undefined {
  if (RACI_WORDS.test(question)) return commonestFile(kb.raci.values()) ?? DEFAULT_RACI_FILE;
  if (ROLE_WORDS.test(question)) return commonestFile(kb.roles.values()) ?? DEFAULT_ROLES_FILE;
  return undefined;
}

function commonestFile(entities: Iterable<{ file: string }>): string | undefined {
  const counts = new Map<string, number>();
  for (const { file } of entities) counts.set(file, (counts.get(file) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** A file as an editor finds it in the knowledge folder: "raci.yaml", not an absolute path. */
function relativeFile(file: string, knowledgeDir: string | undefined): string {
  if (!knowledgeDir) return file;
  const relative = path.relative(path.resolve(knowledgeDir), path.resolve(file));
  return relative.startsWith("..") ? file : relative.split(path.sep).join("/");
}
