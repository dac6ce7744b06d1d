// Small helpers every answer builder shares.
import type { Answer, FollowUp, Intent } from "./types.ts";

export function makeAnswer(
  intent: Intent,
  title: string,
  parts: Partial<Omit<Answer, "intent" | "title">> = {},
): Answer {
  return {
    intent,
    title,
    notices: [],
    sections: [],
    facts: [],
    subjects: [],
    sources: [],
    followUps: [],
    ...parts,
  };
}

export function followUp(kind: FollowUp["kind"], label: string, question: string): FollowUp {
  return { kind, label, question };
}

/** "5, 6 and 7" */
export function listWords(items: readonly (string | number)[]): string {
  const texts = items.map(String);
  if (texts.length <= 1) return texts.join("");
  return `${texts.slice(0, -1).join(", ")} and ${texts[texts.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How to name a skill in a follow-up question: its code where it has a short one (ITMG), else its name. */
export function skillHandle(skill: { code: string; name: string }): string {
  return /^[A-Z0-9]{2,8}$/.test(skill.code) ? skill.code : skill.name;
}
