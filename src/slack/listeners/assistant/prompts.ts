// The suggested prompts an assistant thread opens with, built from the knowledge being served: a real
// skill at a level it defines, a real RACI row and a real role, so every prompt has an answer; and, for a
// person who has told Rolecall where they stand (/role me), their next level first.
import type { KnowledgeBase, Skill } from "../../../core/knowledge/model.ts";
import { PROFILE_MESSAGES } from "../../../core/profile/messages.ts";

export interface SuggestedPrompt {
  title: string;
  message: string;
}

/** Slack shows at most four suggested prompts. */
export const MAX_SUGGESTED_PROMPTS = 4;

/** The first prompt for someone with a profile: the career question it lets Rolecall answer for them. */
export const NEXT_LEVEL_PROMPT: SuggestedPrompt = Object.freeze({
  title: "What do I need for my next level?",
  message: PROFILE_MESSAGES.nextLevelQuestion,
});

export function suggestedPrompts(kb: KnowledgeBase, asker: { hasProfile?: boolean } = {}): SuggestedPrompt[] {
  const prompts: SuggestedPrompt[] = asker.hasProfile ? [NEXT_LEVEL_PROMPT] : [];
  // The skill with the most levels, so a comparison of two of its levels can be offered too.
  const skill = [...kb.skills.values()].reduce<Skill | undefined>(
    (best, s) => (!best || s.levels.length > best.levels.length ? s : best),
    undefined,
  );
  const level = skill?.levels.at(-1)?.level;
  if (skill && level !== undefined) {
    prompts.push({ title: `${skill.name} at level ${level}`, message: `${skill.code} ${level}` });
  }
  const process = [...kb.raci.values()].find((r) => r.kind === "process") ?? kb.raci.values().next().value;
  if (process) {
    prompts.push({
      title: `Who is accountable for ${process.name.toLowerCase()}?`,
      message: `who is accountable for ${process.name.toLowerCase()}`,
    });
  }
  const role =
    [...kb.roles.values()].find((r) => (r.responsibilities?.length ?? 0) > 0) ??
    kb.roles.values().next().value;
  if (role) prompts.push({ title: `What does a ${role.name} do?`, message: role.name });
  if (skill && level !== undefined && level > 1 && skill.levels.some((l) => l.level === level - 1)) {
    prompts.push({
      title: `${skill.code} ${level - 1} to ${level}`,
      message: `compare ${skill.code} ${level - 1} and ${level}`,
    });
  }
  return prompts.slice(0, MAX_SUGGESTED_PROMPTS);
}
