// What is offered beside an answer: the other subjects of the same name ("Also in DDaT: …"), the names a
// misspelling may also have meant, and the subjects the knowledge links with it ("See also …").
import type { KnowledgeBase } from "../knowledge/model.ts";
import type { Query } from "../query/types.ts";
import type { SearchIndex } from "../search/build.ts";
import { linkKey } from "../search/build.ts";
import { followUp, listWords, skillHandle } from "./build.ts";
import { MESSAGES } from "./messages.ts";
import type { Answer, Subject } from "./types.ts";

/** Names a misspelling may also have meant rank right after the subject answered. */
export function withNearSubjects(answer: Answer, near: readonly Subject[]): Answer {
  return near.length === 0 ? answer : { ...answer, subjects: rankAfterFirst(answer.subjects, near) };
}

/** The subject answered, then these, then the rest: each once. */
function rankAfterFirst(subjects: readonly Subject[], next: readonly Subject[]): Subject[] {
  const [first, ...rest] = subjects;
  if (!first) return [...subjects];
  const others = next.filter((n) => n.id !== first.id);
  return [first, ...others, ...rest.filter((s) => !others.some((o) => o.id === s.id))];
}

/** Longer names the question may have meant come first among the follow-ups, and as a notice. */
export function withDidYouMean(answer: Answer, names: readonly string[]): Answer {
  if (names.length === 0) return answer;
  return {
    ...answer,
    notices: [...answer.notices, `${MESSAGES.didYouMean} ${names.join(" or ")}?`],
    followUps: [...names.map((name) => followUp("did_you_mean", name, name)), ...answer.followUps],
  };
}

/**
 * "See also DDaT Service transition manager and SFIA CHMG": the subjects the knowledge links with the
 * one answered, as a notice and as buttons.
 */
export function withSeeAlso(kb: KnowledgeBase, index: SearchIndex, answer: Answer): Answer {
  const [first] = answer.subjects;
  const linked = first ? (index.seeAlso.get(linkKey(first)) ?? []) : [];
  if (linked.length === 0) return answer;
  const named = linked.map((subject) => seeAlsoName(kb, index, subject));
  return {
    ...answer,
    notices: [...answer.notices, `See also ${listWords(named.map((n) => n.label))}.`],
    followUps: [
      ...answer.followUps,
      ...named.map((n) => followUp("related", `See also: ${n.label}`, n.question)),
    ],
  };
}

/**
 * How to point at a subject elsewhere: the framework it belongs to (none for the organisation's own
 * roles, those its RACI assigns, nor for RACI rows) and the question that asks for it.
 */
function pointer(
  kb: KnowledgeBase,
  index: SearchIndex,
  subject: Subject,
  level?: number,
): { framework?: string; name: string; question: string } {
  if (subject.kind === "skill") {
    const skill = kb.skills.get(subject.id);
    const framework = skill ? (kb.frameworks.get(skill.framework)?.name ?? skill.framework) : "";
    const handle = skill ? skillHandle(skill) : subject.name;
    const defined = level !== undefined && skill?.levels.some((l) => l.level === level);
    return {
      framework,
      name: handle,
      question: `${framework} ${handle}${defined ? ` level ${level}` : ""}`.trim(),
    };
  }
  if (subject.kind === "role") {
    const role = kb.roles.get(subject.id) ?? index.roleLevels.get(subject.id)?.role;
    const own = index.rolesInRaci.has(subject.id);
    const framework = role?.framework && !own ? kb.frameworks.get(role.framework)?.name : undefined;
    return {
      ...(framework ? { framework } : {}),
      name: subject.name,
      question: framework ? `${framework} ${subject.name}` : subject.name,
    };
  }
  return { name: subject.name, question: `raci ${subject.name}` };
}

function seeAlsoName(
  kb: KnowledgeBase,
  index: SearchIndex,
  subject: Subject,
): { label: string; question: string } {
  const at = pointer(kb, index, subject);
  if (subject.kind === "skill" || subject.kind === "role") {
    const label = at.framework ? `${at.framework} ${at.name}`.trim() : at.name;
    return { label, question: at.question };
  }
  return { label: `the ${subject.name} RACI`, question: at.question };
}

/** "Also in DDaT: Problem management": the same name in another framework or in the RACI, as buttons. */
export function withAlsoIn(kb: KnowledgeBase, index: SearchIndex, answer: Answer, query: Query): Answer {
  const others = "alsoIn" in query ? (query.alsoIn ?? []) : [];
  if (others.length === 0) return answer;
  const level =
    query.type === "skill" ? query.level : query.type === "compare_skill" ? query.from : undefined;
  const buttons = others.map((other) => {
    const at = pointer(kb, index, other, level);
    const label =
      other.kind === "skill" || other.kind === "role"
        ? at.framework
          ? `Also in ${at.framework}: ${other.name}`
          : `Also: ${other.name}`
        : `RACI: ${other.name}`;
    return followUp("also_in", label, at.question);
  });
  return {
    ...answer,
    subjects: rankAfterFirst(answer.subjects, others),
    followUps: [...buttons, ...answer.followUps],
  };
}
