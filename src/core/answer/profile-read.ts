// Reading what a person says about where they stand ("senior IT service manager", "ITMG 5, PROG 3")
// into a Standing, through the engine's own understanding of names. Anything it cannot place exactly is a
// problem with a suggestion where the engine has one, and nothing is stored.

import type { KnowledgeBase } from "../knowledge/model.ts";
import { PROFILE_MESSAGES } from "../profile/messages.ts";
import { PROFILE_LIMITS, type SkillAtLevel, type Standing } from "../profile/standing.ts";
import type { Query } from "../query/types.ts";
import type { SearchIndex } from "../search/build.ts";
import { listWords } from "../text/list-words.ts";
import { fold } from "../text/normalize.ts";
import { fill } from "../text/template.ts";
import { skillHandle, skillLabel } from "./build.ts";
import { type LadderStep, roleLevelNamed, stepFor } from "./steps.ts";

export type ReadStanding =
  | { ok: true; standing: Standing }
  | { ok: false; problem: string; didYouMean: string[] };

export interface NameResolver {
  knowledge: KnowledgeBase;
  index: SearchIndex;
  understand(text: string): Query;
}

type NotRead = Extract<ReadStanding, { ok: false }>;

const problem = (text: string, didYouMean: readonly string[] = []): NotRead => ({
  ok: false,
  problem: text,
  didYouMean: [...new Set(didYouMean)],
});

export function readStanding(engine: NameResolver, input: string): ReadStanding {
  const text = input.trim().replace(/\s+/g, " ");
  const length = [...text].length;
  if (length > PROFILE_LIMITS.maxTextLength) {
    return problem(fill(PROFILE_MESSAGES.tooLong, { limit: PROFILE_LIMITS.maxTextLength, length }));
  }
  const parts = text.split(/\s*[,;]\s*/).filter(Boolean);
  if (parts.length > 1) return readSkills(engine, parts);
  const named = roleLevelNamed(engine.index, text);
  if (named) return { ok: true, standing: roleLevelStanding(named) };
  const query = engine.understand(text);
  if (query.type === "role") {
    if (query.recognition.fuzzy !== undefined) {
      return problem(fill(PROFILE_MESSAGES.fuzzy, { text }), [
        query.recognition.matched,
        ...(query.didYouMean ?? []),
      ]);
    }
    const step = stepFor(engine.knowledge, engine.index, query.roleId);
    if (step) return { ok: true, standing: roleLevelStanding(step) };
    const role = engine.knowledge.roles.get(query.roleId);
    return problem(
      fill(PROFILE_MESSAGES.notARoleLevel, {
        role: role?.name ?? query.recognition.matched,
        examples: exampleLevels(engine.index),
      }),
      query.didYouMean ?? [],
    );
  }
  return readSkills(engine, parts);
}

function roleLevelStanding(step: LadderStep): Standing {
  return {
    kind: "role_level",
    roleId: step.role.id,
    roleLevelId: step.roleLevel.id,
    name: step.roleLevel.name,
  };
}

function exampleLevels(index: SearchIndex): string {
  const names = [...index.roleLevels.values()].slice(0, 2).map((e) => `“${e.roleLevel.name}”`);
  return names.length > 0 ? listWords(names) : "“Senior IT service manager”";
}

function readSkills(engine: NameResolver, parts: readonly string[]): ReadStanding {
  if (parts.length > PROFILE_LIMITS.maxSkills) {
    return problem(fill(PROFILE_MESSAGES.tooMany, { limit: PROFILE_LIMITS.maxSkills, count: parts.length }));
  }
  const skills: SkillAtLevel[] = [];
  for (const part of parts) {
    const read = readSkill(engine, part);
    if (!read.ok) return read;
    if (skills.some((s) => s.skillId === read.skill.skillId)) {
      return problem(fill(PROFILE_MESSAGES.duplicateSkill, { skill: read.skill.name }));
    }
    skills.push(read.skill);
  }
  return { ok: true, standing: { kind: "skills", skills } };
}

function readSkill(engine: NameResolver, part: string): { ok: true; skill: SkillAtLevel } | NotRead {
  const query = engine.understand(part);
  if (query.type !== "skill" && query.type !== "compare_skill") {
    const suggestions = query.didYouMean ?? [];
    return problem(fill(PROFILE_MESSAGES.unknown, { text: part }), suggestions);
  }
  const skill = engine.knowledge.skills.get(query.skillId);
  if (!skill) return problem(fill(PROFILE_MESSAGES.unknown, { text: part }));
  const name = skillLabel(skill);
  if (query.recognition.fuzzy !== undefined || !containsName(part, query.recognition.matched)) {
    return problem(fill(PROFILE_MESSAGES.fuzzy, { text: part }), [
      `${skillHandle(skill)} ${query.type === "skill" ? (query.level ?? "") : query.from}`.trim(),
    ]);
  }
  const levels = skill.levels.map((l) => l.level).sort((a, b) => a - b);
  const level = query.type === "skill" ? query.level : undefined;
  if (level === undefined) {
    return problem(
      fill(PROFILE_MESSAGES.noLevelGiven, { skill: name, handle: skillHandle(skill), level: levels[0] ?? 1 }),
    );
  }
  if (!levels.includes(level)) {
    return problem(fill(PROFILE_MESSAGES.noSuchLevel, { skill: name, level, levels: listWords(levels) }));
  }
  return { ok: true, skill: { skillId: skill.id, level, name } };
}

/** The name the engine matched is in what was typed: "ITMG 5" names ITMG; "ITMH 5" only resembles it. */
function containsName(typed: string, matched: string): boolean {
  return ` ${fold(typed)} `.includes(` ${fold(matched)} `);
}
