// The typed, merged knowledge base the rest of the core reads. Built only by the loader, after validation.
import type {
  FrameworkInput,
  GenericLevelInput,
  RaciKind,
  RaciRowInput,
  ReviewInput,
  RoleInput,
  RosterPersonInput,
  SkillInput,
  SourceInput,
} from "./schema.ts";

/** Where an entity was defined, for error messages and change reports. */
export interface Origin {
  file: string;
}

export type Source = SourceInput & Origin;
export type Framework = FrameworkInput & Origin;

export type GenericLevel = GenericLevelInput &
  Origin & {
    /** framework:level, e.g. sfia:5 */
    id: string;
  };

export type Skill = SkillInput &
  Origin & {
    /** framework:CODE, e.g. sfia:ITMG. Stable across framework versions. */
    id: string;
  };

export type Role = RoleInput & Origin;

export type RaciRow = Omit<RaciRowInput, "responsible" | "accountable" | "consulted" | "informed"> &
  Origin & {
    responsible: string[];
    accountable: string;
    consulted: string[];
    informed: string[];
  };

export const RACI_LETTERS = ["responsible", "accountable", "consulted", "informed"] as const;
export type RaciLetter = (typeof RACI_LETTERS)[number];
export type { RaciKind };

export interface KnowledgeBase {
  sources: ReadonlyMap<string, Source>;
  frameworks: ReadonlyMap<string, Framework>;
  /** keyed by framework:level */
  levels: ReadonlyMap<string, GenericLevel>;
  /** keyed by framework:CODE */
  skills: ReadonlyMap<string, Skill>;
  roles: ReadonlyMap<string, Role>;
  raci: ReadonlyMap<string, RaciRow>;
  /** role id -> the people the roster files say hold it, in file order, each person once */
  roster: ReadonlyMap<string, readonly RosterPerson[]>;
  /** file -> the review its header names (`review: {owner, every}`); files without one are absent */
  fileReviews?: ReadonlyMap<string, ReviewInput>;
}

export type RosterPerson = RosterPersonInput;

export function skillId(framework: string, code: string): string {
  return `${framework}:${code}`;
}

export function levelId(framework: string, level: number): string {
  return `${framework}:${level}`;
}

/** The framework and level a level id names: "ddat:3" is DDaT level 3. */
export function parseLevelId(id: string): { framework: string; level: number } {
  const at = id.lastIndexOf(":");
  return { framework: id.slice(0, at), level: Number(id.slice(at + 1)) };
}

/** The framework a skill id belongs to: "sfia:ITMG" is SFIA's. */
export function frameworkOfSkill(id: string): string {
  return id.slice(0, id.indexOf(":"));
}
