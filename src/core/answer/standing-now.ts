// A stored standing read against the knowledge served now: the role level or skills it names as they are
// today, and what it names that the knowledge no longer has (shown as such, never dropped silently).

import type { KnowledgeBase, Role } from "../knowledge/model.ts";
import type { RoleLevelInput } from "../knowledge/schema.ts";
import type { SkillAtLevel, Standing } from "../profile/standing.ts";
import type { SearchIndex } from "../search/build.ts";
import type { LadderStep } from "./steps.ts";

export interface StandingNow {
  standing: Standing;
  /** the role level, as it is in the knowledge now; undefined for skills, or when it is gone */
  step?: LadderStep;
  /** the skills held that the knowledge still has at that level */
  skills: SkillAtLevel[];
  /** names in the profile the knowledge no longer has: "Senior IT service manager", "ITMG 5" */
  gone: string[];
}

export function standingNow(kb: KnowledgeBase, index: SearchIndex, standing: Standing): StandingNow {
  if (standing.kind === "role_level") {
    const step = index.roleLevels.get(standing.roleLevelId);
    return step ? { standing, step, skills: [], gone: [] } : { standing, skills: [], gone: [standing.name] };
  }
  const skills: SkillAtLevel[] = [];
  const gone: string[] = [];
  for (const held of standing.skills) {
    const skill = kb.skills.get(held.skillId);
    if (skill?.levels.some((l) => l.level === held.level)) skills.push(held);
    else gone.push(`${held.name} ${held.level}`);
  }
  return { standing, skills, gone };
}

export const PROFILE_STEP_ID = "profile";

/**
 * Skills at levels as a rung of its own, so the ladder comparisons measure a person exactly as they
 * measure one role level against another.
 */
export function skillsStep(skills: readonly SkillAtLevel[], name: string): LadderStep {
  const roleLevel: RoleLevelInput = {
    id: PROFILE_STEP_ID,
    name,
    description: "",
    skills: skills.map((s) => ({ skill: s.skillId, level: s.level })),
  };
  const role: Role = { id: PROFILE_STEP_ID, name, summary: name, roleLevels: [roleLevel], file: "" };
  return { role, roleLevel };
}
