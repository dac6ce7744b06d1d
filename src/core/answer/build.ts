// Small helpers every answer builder shares.
import type { Answer, FollowUp, Intent, SourceRef } from "./types.ts";

export function makeAnswer(
  intent: Intent,
  title: string,
  parts: Partial<Omit<Answer, "intent" | "title">> = {},
): Answer {
  const answer: Answer = {
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
  return { ...answer, sources: uniqueSources(answer.sources) };
}

/** Each source once, however many parts of the answer cite it. */
function uniqueSources(sources: readonly SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = JSON.stringify([s.title, s.framework, s.version, s.code, s.level, s.url]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function followUp(kind: FollowUp["kind"], label: string, question: string): FollowUp {
  return { kind, label, question };
}

export { listWords } from "../text/list-words.ts";

export { capitalise } from "../text/template.ts";

/** How to name a skill in a follow-up question: its code where it has a short one (ITMG), else its name. */
export function skillHandle(skill: { code: string; name: string }): string {
  return /^[A-Z0-9]{2,8}$/.test(skill.code) ? skill.code : skill.name;
}

/** A skill as named in answer text: "Problem management (PBMG)", or only the name where the code is an id. */
export function skillLabel(skill: { code: string; name: string }): string {
  return skillHandle(skill) === skill.code ? `${skill.name} (${skill.code})` : skill.name;
}
