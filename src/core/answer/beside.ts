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
  const [first, ...rest] = answer.subjects;
  if (!first || near.length === 0) return answer;
  const others = near.filter((n) => n.id !== first.id);
  return {
    ...answer,
    subjects: [first, ...others, ...rest.filter((s) => !others.some((o) => o.id === s.id))],
  };
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

function seeAlsoName(
  kb: KnowledgeBase,
  index: SearchIndex,
  subject: Subject,
): { label: string; question: string } {
  if (subject.kind === "skill") {
    const skill = kb.skills.get(subject.id);
    const framework = skill ? (kb.frameworks.get(skill.framework)?.name ?? skill.framework) : "";
    const handle = skill ? skillHandle(skill) : subject.name;
    return { label: `${framework} ${handle}`.trim(), question: `${framework} ${handle}`.trim() };
  }
  if (subject.kind === "role") {
    const framework = subject.framework ? kb.frameworks.get(subject.framework) : undefined;
    // The organisation's own roles (those its RACI assigns) need no framework name; others are named with it.
    const own = index.rolesInRaci.has(subject.id);
    const label = framework && !own ? `${framework.name} ${subject.name}` : subject.name;
    return { label, question: label };
  }
  return { label: `the ${subject.name} RACI`, question: `raci ${subject.name}` };
}

/** "Also in DDaT: Problem management": the same name in another framework or in the RACI, as buttons. */
export function withAlsoIn(kb: KnowledgeBase, index: SearchIndex, answer: Answer, query: Query): Answer {
  const others = "alsoIn" in query ? (query.alsoIn ?? []) : [];
  if (others.length === 0) return answer;
  const level =
    query.type === "skill" ? query.level : query.type === "compare_skill" ? query.from : undefined;
  const buttons = others.map((other) => {
    if (other.kind === "skill") {
      const skill = kb.skills.get(other.id);
      const framework = skill ? (kb.frameworks.get(skill.framework)?.name ?? skill.framework) : "";
      const handle = skill ? skillHandle(skill) : other.name;
      const defined = level !== undefined && skill?.levels.some((l) => l.level === level);
      const question = `${framework} ${handle}${defined ? ` level ${level}` : ""}`.trim();
      return followUp("also_in", `Also in ${framework}: ${other.name}`, question);
    }
    if (other.kind === "role") {
      const role = kb.roles.get(other.id) ?? index.roleLevels.get(other.id)?.role;
      const framework = role?.framework ? kb.frameworks.get(role.framework)?.name : undefined;
      return framework
        ? followUp("also_in", `Also in ${framework}: ${other.name}`, `${framework} ${other.name}`)
        : followUp("also_in", `Also: ${other.name}`, other.name);
    }
    return followUp("also_in", `RACI: ${other.name}`, `raci ${other.name}`);
  });
  // The other subjects of the name rank right after the one answered.
  const [first, ...rest] = answer.subjects;
  const alternatives = others.map((o) => ({ kind: o.kind, id: o.id, name: o.name }));
  const subjects = first
    ? [first, ...alternatives, ...rest.filter((s) => !others.some((o) => o.id === s.id))]
    : answer.subjects;
  return { ...answer, subjects, followUps: [...buttons, ...answer.followUps] };
}
