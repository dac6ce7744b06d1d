// The Slack-free question answerer: knowledge in, Answer (plain data) out.

import { followUp, listWords, skillHandle } from "./answer/build.ts";
import { compareGenericAnswer, compareSkillAnswer } from "./answer/compare.ts";
import { compareRolesAnswer } from "./answer/compare-roles.ts";
import { genericLevelAnswer } from "./answer/level.ts";
import { listAnswer } from "./answer/list.ts";
import { MESSAGES } from "./answer/messages.ts";
import {
  compareRoleLevelsAnswer,
  type LadderStep,
  progressionAnswer,
  skillRolesAnswer,
  stepFrom,
  topOfLadderAnswer,
} from "./answer/progression.ts";
import { raciAnswer, raciReverseAnswer } from "./answer/raci.ts";
import { roleAnswer, roleLevelAnswer } from "./answer/role.ts";
import { helpAnswer, notFoundAnswer, searchAnswer, tooLongAnswer } from "./answer/search.ts";
import { skillLevelAnswer, skillOverviewAnswer } from "./answer/skill.ts";
import type { Answer, Subject } from "./answer/types.ts";
import type { KnowledgeBase } from "./knowledge/model.ts";
import type { Query } from "./query/types.ts";
import { type UnderstandOptions, understand } from "./query/understand.ts";
import { buildSearchIndex, linkKey, type SearchIndex } from "./search/build.ts";
import type { WordMemo } from "./search/names.ts";

export interface Rolecall {
  readonly knowledge: KnowledgeBase;
  readonly index: SearchIndex;
  /** Answers any text. Never returns an empty answer; over-long questions get a clear message. */
  ask(question: string): Answer;
  understand(question: string): Query;
}

export interface RolecallOptions {
  /** the framework answered when a name is in two frameworks and the question doesn't say which */
  defaultFramework?: string;
}

export function createRolecall(knowledge: KnowledgeBase, options: RolecallOptions = {}): Rolecall {
  const index = buildSearchIndex(knowledge);
  const understandOptions: UnderstandOptions = options.defaultFramework
    ? { defaultFramework: options.defaultFramework }
    : {};
  return {
    knowledge,
    index,
    understand: (question) => understand(question, index, new Map(), understandOptions),
    ask: (question) => {
      // Understanding and did-you-mean look up the same words' near spellings: once per question.
      const memo: WordMemo = new Map();
      const query = understand(question, index, memo, understandOptions);
      const answer = withAlsoIn(
        knowledge,
        index,
        answerQuery(knowledge, index, query, question, memo),
        query,
      );
      const ranked = withNearSubjects(answer, query.nearSubjects ?? []);
      return withDidYouMean(withSeeAlso(knowledge, index, ranked), query.didYouMean ?? []);
    },
  };
}

/** Names a misspelling may also have meant rank right after the subject answered. */
function withNearSubjects(answer: Answer, near: readonly Subject[]): Answer {
  const [first, ...rest] = answer.subjects;
  if (!first || near.length === 0) return answer;
  const others = near.filter((n) => n.id !== first.id);
  return {
    ...answer,
    subjects: [first, ...others, ...rest.filter((s) => !others.some((o) => o.id === s.id))],
  };
}

/** Longer names the question may have meant come first among the follow-ups, and as a notice. */
function withDidYouMean(answer: Answer, names: readonly string[]): Answer {
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
function withSeeAlso(kb: KnowledgeBase, index: SearchIndex, answer: Answer): Answer {
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
function withAlsoIn(kb: KnowledgeBase, index: SearchIndex, answer: Answer, query: Query): Answer {
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

/** A role level, or a role as the level of its ladder that bears its name (else its first level). */
function ladderStep(kb: KnowledgeBase, index: SearchIndex, id: string): LadderStep | undefined {
  return index.roleLevels.get(id) ?? entryLevel(kb, id);
}

/** A role asked about beside a role level stands for the first level of its ladder. */
function entryLevel(kb: KnowledgeBase, roleId: string): LadderStep | undefined {
  const role = kb.roles.get(roleId);
  const ladder = [...(role?.roleLevels ?? [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const roleLevel = ladder.find((l) => l.name.toLowerCase() === role?.name.toLowerCase()) ?? ladder[0];
  return role && roleLevel ? { role, roleLevel } : undefined;
}

function answerQuery(
  kb: KnowledgeBase,
  index: SearchIndex,
  query: Query,
  question: string,
  memo: WordMemo,
): Answer {
  switch (query.type) {
    case "help":
      return helpAnswer(kb);
    case "too_long":
      return tooLongAnswer(query.length);
    case "skill": {
      const skill = kb.skills.get(query.skillId);
      if (!skill) return notFoundAnswer(index, question);
      return query.level === undefined
        ? skillOverviewAnswer(kb, skill, query.recognition)
        : skillLevelAnswer(kb, skill, query.level, query.recognition);
    }
    case "generic_level":
      return genericLevelAnswer(kb, query.framework, query.level, query.step);
    case "compare_skill": {
      const skill = kb.skills.get(query.skillId);
      if (!skill) return notFoundAnswer(index, question);
      return compareSkillAnswer(kb, skill, query.from, query.to, query.recognition);
    }
    case "compare_generic":
      return compareGenericAnswer(kb, query.framework, query.from, query.to);
    case "raci": {
      const row = kb.raci.get(query.rowId);
      if (!row) return notFoundAnswer(index, question);
      return raciAnswer(kb, row, query.letter, query.roleId);
    }
    case "raci_reverse": {
      const role = kb.roles.get(query.roleId) ?? index.roleLevels.get(query.roleId)?.role;
      if (!role) return notFoundAnswer(index, question);
      return raciReverseAnswer(kb, role, query.letter);
    }
    case "role": {
      const role = kb.roles.get(query.roleId);
      if (role) return roleAnswer(kb, role, query.aspect);
      const entry = index.roleLevels.get(query.roleId);
      return entry ? roleLevelAnswer(kb, entry.role, entry.roleLevel) : notFoundAnswer(index, question);
    }
    case "compare_roles": {
      const [firstId = "", secondId = ""] = query.roleIds;
      const firstLevel = index.roleLevels.get(firstId);
      const secondLevel = index.roleLevels.get(secondId);
      // Two role levels (or a role level and a role, as its entry level) compare their skills.
      if (firstLevel || secondLevel) {
        const first = firstLevel ?? entryLevel(kb, firstId);
        const second = secondLevel ?? entryLevel(kb, secondId);
        if (first && second) return compareRoleLevelsAnswer(kb, first, second);
      }
      const [first, second] = query.roleIds.map((id) => kb.roles.get(id) ?? index.roleLevels.get(id)?.role);
      return first && second ? compareRolesAnswer(kb, first, second) : notFoundAnswer(index, question);
    }
    case "progression": {
      const target = ladderStep(kb, index, query.roleId);
      if (!target) return notFoundAnswer(index, question);
      if (query.direction === "next") {
        const next = stepFrom(target, "next");
        return next ? progressionAnswer(kb, target, next) : topOfLadderAnswer(kb, target);
      }
      const from = query.fromRoleId ? ladderStep(kb, index, query.fromRoleId) : stepFrom(target, "previous");
      if (
        from &&
        from.role.id === target.role.id &&
        (from.roleLevel.rank ?? 0) > (target.roleLevel.rank ?? 0)
      ) {
        return progressionAnswer(kb, target, from);
      }
      return progressionAnswer(kb, from, target);
    }
    case "skill_roles":
      return skillRolesAnswer(kb, query.skillId, query.level);
    case "list":
      return listAnswer(kb, query.kind, query.framework, {
        ...(query.group ? { group: query.group } : {}),
        ...(query.level !== undefined ? { level: query.level } : {}),
      });
    case "search":
      return searchAnswer(kb, index, query.text, memo);
  }
}
