// What a question was understood to ask. Produced by understand(), consumed by the answer builders.

import type { RaciLetter } from "../knowledge/model.ts";
import type { RaciMatrixFilter } from "../knowledge/raci-matrix.ts";
import type { NameVia } from "../search/names.ts";
import type { SubjectKind } from "../subjects.ts";

export const ROLE_ASPECTS = [
  "responsibilities",
  "skills",
  "knowledge",
  "qualifications",
  "training",
  "development",
  "background",
  "activities",
  "qualities",
] as const;
export type RoleAspect = (typeof ROLE_ASPECTS)[number];

export type ListKind = "process" | "practice" | "tool" | "role" | "skill" | "level";

/** How an entity was recognised: exactly (by one of its names) or fuzzily (with a score, 0 = perfect). */
export interface Recognition {
  via: NameVia;
  /** the name as written in the knowledge that matched */
  matched: string;
  fuzzy?: number;
}

/** Another subject of the same name, offered beside the answer ("Also in DDaT: Problem management"). */
export interface AlsoIn {
  kind: SubjectKind;
  id: string;
  name: string;
}

/** "What comes after Practitioner": the level asked about was reached by a step from another. */
export interface LevelStep {
  direction: "next" | "previous";
  from: number;
  /** the named level is already the last one in that direction */
  atEnd: boolean;
}

/** What a question asks, plus longer names it may have meant ("Junuor digital evaluator"). */
export type Query = QueryBody & {
  didYouMean?: string[];
  /** the subjects a misspelling may also have meant, ranked after the one answered */
  nearSubjects?: AlsoIn[];
};

export type QueryBody =
  | { type: "help" }
  | { type: "too_long"; length: number }
  | {
      type: "skill";
      skillId: string;
      level?: number;
      recognition: Recognition;
      alsoIn?: AlsoIn[];
      /** the role level whose level of this skill was asked for: "what does a Senior Engineer 1 need for …" */
      roleLevelId?: string;
    }
  | { type: "generic_level"; framework: string; level: number; recognition?: Recognition; step?: LevelStep }
  | {
      type: "compare_skill";
      skillId: string;
      from: number;
      to?: number;
      recognition: Recognition;
      alsoIn?: AlsoIn[];
    }
  | { type: "compare_generic"; framework: string; from: number; to: number }
  | {
      type: "raci";
      rowId: string;
      letter?: RaciLetter;
      roleId?: string;
      recognition: Recognition;
      alsoIn?: AlsoIn[];
    }
  | {
      type: "raci_reverse";
      roleId: string;
      letter?: RaciLetter;
      recognition: Recognition;
      alsoIn?: AlsoIn[];
    }
  | { type: "raci_matrix"; filter: RaciMatrixFilter }
  | { type: "role"; roleId: string; aspect?: RoleAspect; recognition: Recognition; alsoIn?: AlsoIn[] }
  | { type: "compare_roles"; roleIds: [string, string] }
  | {
      type: "progression";
      /** the role level asked about: the one to reach, or with direction next, the one to step up from */
      roleId: string;
      direction: "to" | "next";
      /** where the path starts, when the question says ("from IT service manager to …") */
      fromRoleId?: string;
      recognition: Recognition;
    }
  | { type: "skill_roles"; skillId: string; level?: number; recognition: Recognition }
  | {
      type: "list";
      kind: ListKind;
      framework?: string;
      /** a DDaT role family or a SFIA category or subcategory */
      group?: { kind: "family" | "category" | "subcategory"; name: string };
      /** skills defined at this level */
      level?: number;
    }
  | { type: "search"; text: string };
