// The Slack-free question answerer: knowledge in, Answer (plain data) out.

import { withAlsoIn, withDidYouMean, withNearSubjects, withSeeAlso } from "./answer/beside.ts";
import { compareGenericAnswer, compareSkillAnswer } from "./answer/compare.ts";
import { compareRolesAnswer } from "./answer/compare-roles.ts";
import { freshnessOf, type KnowledgeHistory } from "./answer/freshness.ts";
import { genericLevelAnswer } from "./answer/level.ts";
import { listAnswer } from "./answer/list.ts";
import type { ProfileOverview } from "./answer/personal.ts";
import { type ReadStanding, readStanding } from "./answer/profile-read.ts";
import {
  compareRoleLevelsAnswer,
  progressionAnswer,
  skillRolesAnswer,
  stepFrom,
  topOfLadderAnswer,
} from "./answer/progression.ts";
import { raciAnswer, raciReverseAnswer } from "./answer/raci.ts";
import { raciMatrixAnswer } from "./answer/raci-matrix.ts";
import { roleAnswer, roleLevelAnswer } from "./answer/role.ts";
import { helpAnswer, notFoundAnswer, searchAnswer, tooLongAnswer } from "./answer/search.ts";
import { skillLevelAnswer, skillOverviewAnswer } from "./answer/skill.ts";
import { stepFor } from "./answer/steps.ts";
import type { Answer } from "./answer/types.ts";
import type { KnowledgeBase } from "./knowledge/model.ts";
import { type AskContext, answerPersonal, describeProfile, needsProfile } from "./personal.ts";
import type { Standing } from "./profile/standing.ts";
import type { Query } from "./query/types.ts";
import { type UnderstandOptions, understand } from "./query/understand.ts";
import {
  buildSearchIndex,
  buildSearchIndexInTurns,
  type InTurnsOptions,
  type SearchIndex,
} from "./search/build.ts";
import type { WordMemo } from "./search/names.ts";

export interface Rolecall {
  readonly knowledge: KnowledgeBase;
  readonly index: SearchIndex;
  /**
   * Answers any text. Never returns an empty answer; over-long questions get a clear message. Questions
   * about the asker ("what do I need for the next level") are answered from context.profile.
   */
  ask(question: string, context?: AskContext): Answer;
  understand(question: string): Query;
  /** whether ask() would use the asker's profile for this question */
  needsProfile(question: string): boolean;
  /** "senior IT service manager", "ITMG 5, PROG 3" as a profile, or why it cannot be one */
  readStanding(text: string): ReadStanding;
  /** the profile against the knowledge now: next level, top gaps, what is gone; and as an answer */
  describeProfile(
    standing: Standing,
    context?: Pick<AskContext, "profileCommand">,
  ): {
    overview: ProfileOverview;
    answer: Answer;
  };
}

export interface RolecallOptions {
  /** the framework answered when a name is in two frameworks and the question doesn't say which */
  defaultFramework?: string;
  /** the publish history answers date themselves from; without it answers carry no updatedAt */
  freshness?: FreshnessSource;
}

/** createRolecall for a running bot: its index is built in turns, so answering goes on meanwhile. */
export async function createRolecallInTurns(
  knowledge: KnowledgeBase,
  options: RolecallOptions = {},
  turns: InTurnsOptions = {},
): Promise<Rolecall> {
  return createRolecall(knowledge, options, await buildSearchIndexInTurns(knowledge, turns));
}

/** Read on every answer, so a publish or a review shows at once. */
export interface FreshnessSource {
  history(): KnowledgeHistory | undefined;
  now(): Date;
}

export function createRolecall(
  knowledge: KnowledgeBase,
  options: RolecallOptions = {},
  index: SearchIndex = buildSearchIndex(knowledge),
): Rolecall {
  const understandOptions: UnderstandOptions = options.defaultFramework
    ? { defaultFramework: options.defaultFramework }
    : {};
  const engine = {
    knowledge,
    index,
    understand: (question: string) => understand(question, index, new Map(), understandOptions),
  };
  return {
    ...engine,
    needsProfile: (question) => needsProfile(engine, question),
    readStanding: (text) => readStanding(engine, text),
    describeProfile: (standing, context) => describeProfile(engine, standing, context),
    ask: (question, context = {}) => {
      const personal = answerPersonal(engine, question, context);
      if (personal) return withSeeAlso(knowledge, index, personal);
      // Understanding and did-you-mean look up the same words' near spellings: once per question.
      const memo: WordMemo = new Map();
      const query = understand(question, index, memo, understandOptions);
      // A matrix is many subjects at once: nothing about one of them is offered beside it.
      if (query.type === "raci_matrix") return raciMatrixAnswer(knowledge, query.filter);
      const answer = withAlsoIn(
        knowledge,
        index,
        answerQuery(knowledge, index, query, question, memo),
        query,
      );
      const ranked = withNearSubjects(answer, query.nearSubjects ?? []);
      const full = withDidYouMean(withSeeAlso(knowledge, index, ranked), query.didYouMean ?? []);
      return withFreshness(knowledge, full, options.freshness);
    },
  };
}

function withFreshness(kb: KnowledgeBase, answer: Answer, source: FreshnessSource | undefined): Answer {
  const history = source?.history();
  if (!source || !history || answer.intent === "not_found" || answer.intent === "help") return answer;
  const freshness = freshnessOf(kb, answer.subjects, history, source.now());
  if (!freshness) return answer;
  return {
    ...answer,
    updatedAt: freshness.updatedAt,
    ...(freshness.reviewDue ? { reviewDue: freshness.reviewDue } : {}),
  };
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
      if (query.level === undefined) return skillOverviewAnswer(kb, skill, query.recognition);
      const answer = skillLevelAnswer(kb, skill, query.level, query.recognition);
      const asked = query.roleLevelId ? index.roleLevels.get(query.roleLevelId) : undefined;
      return asked
        ? {
            ...answer,
            notices: [
              `The ${asked.roleLevel.name} needs ${skill.name} at level ${query.level}.`,
              ...answer.notices,
            ],
          }
        : answer;
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
    case "raci_matrix":
      return raciMatrixAnswer(kb, query.filter);
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
        // A role asked about beside a role level stands for its entry level.
        const first = stepFor(kb, index, firstId);
        const second = stepFor(kb, index, secondId);
        if (first && second) return compareRoleLevelsAnswer(kb, first, second);
      }
      const [first, second] = query.roleIds.map((id) => kb.roles.get(id) ?? index.roleLevels.get(id)?.role);
      return first && second ? compareRolesAnswer(kb, first, second) : notFoundAnswer(index, question);
    }
    case "progression": {
      const target = stepFor(kb, index, query.roleId);
      if (!target) return notFoundAnswer(index, question);
      if (query.direction === "next") {
        const next = stepFrom(target, "next");
        return next ? progressionAnswer(kb, target, next) : topOfLadderAnswer(kb, target);
      }
      const from = query.fromRoleId ? stepFor(kb, index, query.fromRoleId) : stepFrom(target, "previous");
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
