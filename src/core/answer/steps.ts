// A role level as a step on its ladder, found by id or by its exact name.

import type { KnowledgeBase } from "../knowledge/model.ts";
import type { SearchIndex } from "../search/build.ts";
import { fold } from "../text/normalize.ts";
import { type LadderStep, ladderOf } from "./progression.ts";

export type { LadderStep };

/** A role level, or a role as the level of its ladder that bears its name (else its first level). */
export function stepFor(kb: KnowledgeBase, index: SearchIndex, id: string): LadderStep | undefined {
  const level = index.roleLevels.get(id);
  if (level) return level;
  const role = kb.roles.get(id);
  const ladder = role ? ladderOf(role) : [];
  const roleLevel = ladder.find((l) => l.name.toLowerCase() === role?.name.toLowerCase()) ?? ladder[0];
  return role && roleLevel ? { role, roleLevel } : undefined;
}

/** The one role level with exactly this name, ignoring case and punctuation. */
export function roleLevelNamed(index: SearchIndex, name: string): LadderStep | undefined {
  const wanted = fold(name.replace(/^(?:an?|the)\s+/i, ""));
  const found = [...index.roleLevels.values()].filter((e) => fold(e.roleLevel.name) === wanted);
  return found.length === 1 ? found[0] : undefined;
}
