// Answers are plain data. Renderers (terminal text, JSON, Block Kit) turn them into output.

export const INTENTS = [
  "level",
  "raci",
  "raci_matrix",
  "role",
  "compare",
  "progression",
  "search",
  "help",
  "not_found",
] as const;
export type Intent = (typeof INTENTS)[number];

export type { Passage, SourceRef, Subject, SubjectKind } from "../subjects.ts";

import type { RaciMatrixFilter } from "../knowledge/raci-matrix.ts";
import type { Passage, SourceRef, Subject } from "../subjects.ts";
import type { ReviewDue } from "./freshness.ts";

export type { RaciMatrixFilter } from "../knowledge/raci-matrix.ts";

export interface Fact {
  label: string;
  value: string;
}

export interface Section {
  title: string;
  /** what the marks in this section's passages show: words matching the question, or words a level adds */
  marks?: "matched" | "added";
  text?: string;
  items?: string[];
  facts?: Fact[];
  passages?: Passage[];
}

export type FollowUpKind =
  | "previous_level"
  | "next_level"
  | "compare_next"
  | "role_raci"
  | "role_skills"
  | "did_you_mean"
  | "also_in"
  | "related"
  | "example";

/** A question the person may want to ask next; adapters show these as buttons. */
export interface FollowUp {
  kind: FollowUpKind;
  label: string;
  question: string;
}

export interface RaciSummary {
  responsible: string[];
  accountable: string[];
  consulted: string[];
  informed: string[];
}

/** A person who holds a role: a Slack user id, a name, or both. */
export interface Holder {
  user?: string;
  name?: string;
}

/**
 * Who holds one role named in an answer. A user group is only a handle here: the Slack adapter looks its
 * members up, other adapters show the handle.
 */
export interface RoleHolders {
  roleId: string;
  /** the role's name as the answer's RACI lists write it */
  role: string;
  userGroup?: string;
  people: Holder[];
}

/** How one skill differs between two role levels. */
export interface SkillChange {
  skill: string;
  skillId: string;
  /** absent when the skill is new at the higher level */
  fromLevel?: number;
  /** absent when the skill drops away */
  toLevel?: number;
  change: "rises" | "new" | "lower" | "drops" | "same";
  /** the skill's text at the new level, where the knowledge has one */
  toText?: string;
}

/** The step from one role level to another: what a career answer is made of. */
export interface Progression {
  from?: { id: string; name: string };
  to: { id: string; name: string };
  changes: SkillChange[];
  /** duties the higher level states that the lower does not */
  newResponsibilities: string[];
  /** the lower rung is the person's own profile (their role level, or their skills as one) */
  fromProfile?: boolean;
}

/** Rows and columns that renderers draw as a table (Slack's table block, an aligned text table). */
export interface Table {
  columns: string[];
  rows: string[][];
}

/** What a RACI matrix answer shows, so an adapter can page it and ask for it again. */
export interface RaciMatrixView {
  filter: RaciMatrixFilter;
  /** a question that asks for this matrix again, e.g. "RACI matrix for tools" */
  question: string;
  /** the table's rows, by RACI row id */
  rowIds: string[];
  /** the table's role columns (every column after the first), by role id */
  roleIds: string[];
}

export interface Answer {
  intent: Intent;
  title: string;
  /** one or two sentences that answer the question on their own */
  summary?: string;
  /** important remarks shown before the sections, e.g. a rename in a later framework version */
  notices: string[];
  sections: Section[];
  facts: Fact[];
  subjects: Subject[];
  sources: SourceRef[];
  followUps: FollowUp[];
  raci?: RaciSummary;
  /** the people behind the roles the answer names, for roles whose holders the knowledge records */
  holders?: RoleHolders[];
  progression?: Progression;
  table?: Table;
  /** a RACI matrix answer: table holds the matrix, one row per RACI row, a column per role after the first */
  matrix?: RaciMatrixView;
  /** YYYY-MM-DD the answered subject's knowledge last changed, from the publish history */
  updatedAt?: string;
  /** set when the subject's review interval has run out since its last change or review */
  reviewDue?: ReviewDue;
}
