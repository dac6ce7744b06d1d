// Answers about a framework's generic level: "what does level 5 mean", "what does Working mean".

import type { KnowledgeBase } from "../knowledge/model.ts";
import { levelId } from "../knowledge/model.ts";
import type { LevelStep } from "../query/types.ts";
import { levelSource } from "../subjects.ts";
import { followUp, listWords, makeAnswer, skillLabel } from "./build.ts";
import type { Answer, FollowUp, Section } from "./types.ts";

export function frameworkLevels(kb: KnowledgeBase, framework: string): number[] {
  return [...kb.levels.values()]
    .filter((l) => l.framework === framework)
    .map((l) => l.level)
    .sort((a, b) => a - b);
}

export function genericLevelAnswer(
  kb: KnowledgeBase,
  framework: string,
  level: number,
  step?: LevelStep,
): Answer {
  const generic = kb.levels.get(levelId(framework, level));
  const fw = kb.frameworks.get(framework);
  const fwName = fw?.name ?? framework.toUpperCase();
  const term = fw?.levelTerm ?? "level";
  const levels = frameworkLevels(kb, framework);
  if (!generic) {
    return makeAnswer("level", `${fwName} has no level ${level}`, {
      summary:
        levels.length > 0
          ? `${fwName} defines levels ${listWords(levels)}; there is no level ${level}.`
          : `The knowledge base has no ${fwName} levels.`,
      followUps: levels.map((l) => followUp("related", `Level ${l}`, `what does ${fwName} level ${l} mean`)),
    });
  }
  const sections: Section[] = [];
  if (generic.attributes?.length) {
    sections.push({
      title: "Generic attributes",
      facts: generic.attributes.map((a) => ({ label: a.name, value: a.text })),
    });
  }
  const skillsHere = [...kb.skills.values()].filter(
    (s) => s.framework === framework && s.levels.some((l) => l.level === level),
  );
  if (skillsHere.length > 0) {
    const shown = skillsHere.slice(0, 12).map((s) => skillLabel(s));
    const more = skillsHere.length > shown.length ? ` and ${skillsHere.length - shown.length} more` : "";
    sections.push({ title: `Skills defined at level ${level}`, text: `${listWords(shown)}${more}.` });
  }
  const ups: FollowUp[] = [];
  const previous = levels.filter((l) => l < level).pop();
  const next = levels.find((l) => l > level);
  if (previous !== undefined)
    ups.push(followUp("previous_level", `Level ${previous}`, `what does ${fwName} level ${previous} mean`));
  if (next !== undefined) {
    ups.push(followUp("next_level", `Level ${next}`, `what does ${fwName} level ${next} mean`));
    ups.push(
      followUp("compare_next", `Compare with level ${next}`, `compare ${fwName} levels ${level} and ${next}`),
    );
  }
  const stepNotice = step ? stepSentence(kb, framework, fwName, level, step) : undefined;
  return makeAnswer("level", `${fwName} ${term} ${level}: ${generic.name}`, {
    summary: generic.description,
    notices: stepNotice ? [stepNotice] : [],
    sections,
    facts: [
      { label: "Framework", value: `${fwName}${fw?.version ? ` ${fw.version}` : ""}` },
      { label: "Level", value: `${level} of ${levels.length}` },
      { label: "Name", value: generic.name },
    ],
    subjects: [{ kind: "level", id: generic.id, name: generic.name, level, framework }],
    sources: [levelSource(kb, generic)],
    followUps: ups,
  });
}

/** "After Practitioner comes Expert (DDaT level 4)." or "Expert is the highest DDaT level." */
function stepSentence(kb: KnowledgeBase, framework: string, fwName: string, level: number, step: LevelStep) {
  const name = (n: number) => kb.levels.get(levelId(framework, n))?.name ?? `level ${n}`;
  if (step.atEnd) {
    return `${name(step.from)} is the ${step.direction === "next" ? "highest" : "lowest"} ${fwName} level (level ${step.from}).`;
  }
  const word = step.direction === "next" ? "After" : "Before";
  return `${word} ${name(step.from)} (level ${step.from}) comes ${name(level)} (${fwName} level ${level}).`;
}
