// What changed between two knowledge snapshots, as plain data a notifier can render anywhere.

/** Subject kinds, in the order changes are listed: frameworks first. */
export const CHANGE_KINDS = ["framework", "level", "skill", "role", "raci", "source"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Change types, in the order they are listed within one subject. */
export const CHANGE_TYPES = [
  "framework_added",
  "framework_removed",
  "framework_version_changed",
  "framework_changed",
  "level_added",
  "level_removed",
  "level_renamed",
  "level_text_changed",
  "level_changed",
  "skill_added",
  "skill_removed",
  "skill_renamed",
  "skill_moved",
  "skill_description_changed",
  "skill_changed",
  "role_added",
  "role_removed",
  "role_renamed",
  "role_changed",
  "role_level_added",
  "role_level_removed",
  "role_level_changed",
  "raci_row_added",
  "raci_row_removed",
  "raci_row_renamed",
  "raci_changed",
  "raci_row_changed",
  "source_added",
  "source_removed",
  "source_changed",
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export type ChangeValue = string | number | string[];

export interface Change {
  type: ChangeType;
  /** What the change is about; level changes of a skill have kind "skill", a framework's own levels "level". */
  kind: ChangeKind;
  /** Stable id of the subject: sfia, sfia:5, sfia:ITMG, it-service-manager, change-management, a source id. */
  id: string;
  /** The subject's name after the change (before it, for removals). */
  name: string;
  framework?: string;
  /** The level number, for level_* changes. */
  level?: number;
  /** The role level's id, for role_level_* changes. */
  roleLevel?: string;
  /** Which field changed, for *_changed types: e.g. responsibilities, guidanceNotes, or a RACI letter. */
  field?: string;
  /** Names for renames, versions, RACI role ids; short values only, never whole texts. */
  before?: ChangeValue;
  after?: ChangeValue;
  /** Every role id the change concerns, so role subscriptions can match it. */
  roles?: string[];
  /** One human line. */
  summary: string;
  /** A bounded word-level view of a text change: [-removed-]{+added+} with a few words of context. */
  excerpt?: string;
}
