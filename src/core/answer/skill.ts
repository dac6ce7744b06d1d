// Answers about a skill: one of its levels, or the skill as a whole.

import type { KnowledgeBase, Skill } from "../knowledge/model.ts";
import { levelId } from "../knowledge/model.ts";
import type { Recognition } from "../query/types.ts";
import { skillSource, skillSubject } from "../subjects.ts";
import { capitalise, followUp, listWords, makeAnswer, skillHandle, skillLabel } from "./build.ts";
import { frameworkLevels } from "./level.ts";
import type { Answer, Fact, FollowUp, Section, SourceRef, Subject } from "./types.ts";

/** "ITMG level 5: IT management" where the skill has a real code; "Data analysis level 2" where not. */
function skillTitle(skill: Skill, level?: number): string {
  const at = level === undefined ? "" : ` level ${level}`;
  return skillHandle(skill) === skill.code ? `${skill.code}${at}: ${skill.name}` : `${skill.name}${at}`;
}

export function definedLevels(skill: Skill): number[] {
  return skill.levels.map((l) => l.level).sort((a, b) => a - b);
}

function frameworkLabel(kb: KnowledgeBase, skill: Skill): string {
  const framework = kb.frameworks.get(skill.framework);
  const version = skill.version ?? framework?.version;
  return `${framework?.name ?? skill.framework.toUpperCase()}${version ? ` ${version}` : ""}`;
}

/** What the reader should know about the skill's names: asked by a later or former name, or renamed since. */
export function nameNotices(kb: KnowledgeBase, skill: Skill, recognition?: Recognition): string[] {
  const notices: string[] = [];
  const framework = kb.frameworks.get(skill.framework)?.name ?? skill.framework.toUpperCase();
  const code = skillHandle(skill) === skill.code ? ` (${skill.code})` : "";
  for (const change of skill.changes ?? []) {
    if (!change.renamedTo) continue;
    const renamedTo = change.renamedTo;
    const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();
    // Once the knowledge carries the new name (SFIA 9 over SFIA 7), the old name comes from history.
    const renamedAlready = same(skill.name, change.renamedTo);
    const oldName = renamedAlready
      ? (skill.formerNames?.find((n) => !same(n, renamedTo)) ??
        skill.revisions?.find((r) => r.name && !same(r.name, renamedTo))?.name)
      : skill.name;
    if (!oldName) continue;
    const askedByThatName = same(recognition?.matched, change.renamedTo);
    notices.push(
      askedByThatName && !renamedAlready
        ? `“${change.renamedTo}” is the ${framework} ${change.version} name of ${skill.name}${code}: the skill was renamed ${change.renamedTo} in ${framework} ${change.version}. This answer uses the ${frameworkLabel(kb, skill)} wording.`
        : `In ${framework} ${change.version}, ${oldName}${code} was renamed ${change.renamedTo}.`,
    );
  }
  if (recognition?.via === "former_name" && recognition.matched.toLowerCase() !== skill.name.toLowerCase()) {
    notices.push(`${recognition.matched} is a former name of ${skill.name}${code}.`);
  }
  return notices;
}

function skillFacts(kb: KnowledgeBase, skill: Skill): Fact[] {
  const facts: Fact[] = [
    { label: "Skill", value: skillLabel(skill) },
    { label: "Framework", value: frameworkLabel(kb, skill) },
  ];
  if (skill.category) facts.push({ label: "Category", value: skill.category });
  if (skill.subcategory) facts.push({ label: "Subcategory", value: skill.subcategory });
  facts.push({ label: "Defined at levels", value: listWords(definedLevels(skill)) });
  return facts;
}

function sourcesFor(kb: KnowledgeBase, skill: Skill, level?: number): SourceRef[] {
  const refs: SourceRef[] = [skillSource(kb, skill, level)];
  for (const id of skill.sources?.slice(1) ?? []) {
    const source = kb.sources.get(id);
    if (source) refs.push({ id, title: source.title, ...(source.url ? { url: source.url } : {}) });
  }
  return refs;
}

export function levelFollowUps(skill: Skill, level: number): FollowUp[] {
  const levels = definedLevels(skill);
  const previous = levels.filter((l) => l < level).pop();
  const next = levels.find((l) => l > level);
  const ups: FollowUp[] = [];
  if (previous !== undefined)
    ups.push(followUp("previous_level", `Level ${previous}`, `${skillHandle(skill)} level ${previous}`));
  if (next !== undefined) {
    ups.push(followUp("next_level", `Level ${next}`, `${skillHandle(skill)} level ${next}`));
    ups.push(
      followUp(
        "compare_next",
        `Compare with level ${next}`,
        `compare ${skillHandle(skill)} levels ${level} and ${next}`,
      ),
    );
  }
  return ups;
}

function genericLevelSection(kb: KnowledgeBase, skill: Skill, level: number): Section | undefined {
  const generic = kb.levels.get(levelId(skill.framework, level));
  if (!generic) return undefined;
  const term = kb.frameworks.get(skill.framework)?.levelTerm ?? "level";
  return { title: `${capitalise(term)} ${level}: ${generic.name}`, text: generic.description };
}

export function skillLevelAnswer(
  kb: KnowledgeBase,
  skill: Skill,
  level: number,
  recognition?: Recognition,
): Answer {
  const entry = skill.levels.find((l) => l.level === level);
  const levels = definedLevels(skill);
  const genericSubject = genericLevelSubject(kb, skill, level);
  if (!entry) {
    const why = skill.undefinedLevelsNote ? ` ${skill.undefinedLevelsNote}` : "";
    const scale = frameworkLevels(kb, skill.framework);
    const fwName = kb.frameworks.get(skill.framework)?.name ?? skill.framework.toUpperCase();
    const outside =
      scale.length > 0 && !scale.includes(level)
        ? ` ${fwName} has ${scale.length} levels (${scale[0]} to ${scale[scale.length - 1]}).`
        : "";
    return makeAnswer("level", `${skillHandle(skill)} is not defined at level ${level}`, {
      summary: `${skillLabel(skill)} is not defined at level ${level}.${outside} It is defined at level${levels.length === 1 ? "" : "s"} ${listWords(levels)}.${why}`,
      notices: nameNotices(kb, skill, recognition),
      facts: skillFacts(kb, skill),
      subjects: [skillSubject(skill), ...(genericSubject ? [genericSubject] : [])],
      sources: sourcesFor(kb, skill),
      followUps: levels.map((l) => followUp("related", `Level ${l}`, `${skillHandle(skill)} level ${l}`)),
    });
  }
  const sections: Section[] = [];
  const generic = genericLevelSection(kb, skill, level);
  if (generic) sections.push(generic);
  for (const revision of skill.revisions ?? []) {
    const earlier = revision.levels.find((l) => l.level === level);
    if (earlier && earlier.description !== entry.description) {
      sections.push({ title: revision.label, text: earlier.description });
    }
  }
  return makeAnswer("level", `${skillTitle(skill, level)} (${frameworkLabel(kb, skill)})`, {
    summary: entry.description,
    notices: nameNotices(kb, skill, recognition),
    sections,
    facts: skillFacts(kb, skill),
    subjects: [skillSubject(skill, level), ...(genericSubject ? [genericSubject] : [])],
    sources: sourcesFor(kb, skill, level),
    followUps: [
      ...levelFollowUps(skill, level),
      followUp("related", `All ${skillHandle(skill)} levels`, skillHandle(skill)),
    ],
  });
}

function genericLevelSubject(kb: KnowledgeBase, skill: Skill, level: number): Subject | undefined {
  const generic = kb.levels.get(levelId(skill.framework, level));
  return generic
    ? { kind: "level", id: generic.id, name: generic.name, level, framework: generic.framework }
    : undefined;
}

export function skillOverviewAnswer(kb: KnowledgeBase, skill: Skill, recognition?: Recognition): Answer {
  const sections: Section[] = [
    {
      title: "Levels",
      items: skill.levels
        .slice()
        .sort((a, b) => a.level - b.level)
        .map((l) => {
          const name = kb.levels.get(levelId(skill.framework, l.level))?.name;
          return `Level ${l.level}${name ? ` (${name})` : ""}: ${l.description}`;
        }),
    },
  ];
  if (skill.undefinedLevelsNote) sections.push({ title: "Other levels", text: skill.undefinedLevelsNote });
  if (skill.guidanceNotes) sections.push({ title: "Guidance notes", text: skill.guidanceNotes });
  for (const change of skill.changes ?? []) {
    sections.push({ title: change.title ?? `Changes in version ${change.version}`, items: change.notes });
  }
  for (const revision of skill.revisions ?? []) {
    sections.push({
      title: revision.label,
      items: revision.levels.map((l) => `Level ${l.level}: ${l.description}`),
    });
  }
  const first = definedLevels(skill)[0];
  return makeAnswer("level", `${skillTitle(skill)} (${frameworkLabel(kb, skill)})`, {
    summary: skill.description,
    notices: nameNotices(kb, skill, recognition),
    sections,
    facts: skillFacts(kb, skill),
    subjects: [skillSubject(skill)],
    sources: sourcesFor(kb, skill),
    followUps: [
      ...definedLevels(skill).map((l) =>
        followUp("related", `Level ${l}`, `${skillHandle(skill)} level ${l}`),
      ),
      ...(first !== undefined && definedLevels(skill).length > 1
        ? [
            followUp(
              "compare_next",
              `Compare levels ${first} and ${definedLevels(skill)[1]}`,
              `compare ${skillHandle(skill)} levels ${first} and ${definedLevels(skill)[1]}`,
            ),
          ]
        : []),
    ],
  });
}
