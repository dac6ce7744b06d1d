// "What changes from level 5 to 6": pairs up the statements of two levels and reports what the higher
// level adds, what it strengthens (with the added words marked) and what it no longer states.
import { diffWords } from "diff";
import type { KnowledgeBase, Skill } from "../knowledge/model.ts";
import { levelId } from "../knowledge/model.ts";
import type { Recognition } from "../query/types.ts";
import { levelSource, skillSource, skillSubject } from "../subjects.ts";
import { STOPWORDS, stem, words } from "../text/normalize.ts";
import { capitalise, followUp, listWords, makeAnswer, skillHandle, skillLabel } from "./build.ts";
import { frameworkLevels } from "./level.ts";
import { definedLevels, levelFollowUps, nameNotices } from "./skill.ts";
import type { Answer, Passage, Section, Subject } from "./types.ts";

const SAME = 0.9;
const RELATED = 0.3;

export interface LevelDelta {
  added: string[];
  strengthened: Passage[];
  dropped: string[];
  unchanged: number;
}

export function splitStatements(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function terms(statement: string): Set<string> {
  return new Set(
    words(statement)
      .filter((w) => !STOPWORDS.has(w))
      .map(stem),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Greedy best-first pairing of statements by shared vocabulary. */
export function compareTexts(lower: string, higher: string): LevelDelta {
  const lowerStatements = splitStatements(lower);
  const higherStatements = splitStatements(higher);
  const lowerTerms = lowerStatements.map(terms);
  const higherTerms = higherStatements.map(terms);
  const pairs: Array<{ i: number; j: number; score: number }> = [];
  lowerTerms.forEach((a, i) => {
    higherTerms.forEach((b, j) => {
      const score = similarity(a, b);
      if (score >= RELATED) pairs.push({ i, j, score });
    });
  });
  pairs.sort((x, y) => y.score - x.score);
  const usedLower = new Set<number>();
  const usedHigher = new Set<number>();
  const matched: Array<{ i: number; j: number; score: number }> = [];
  for (const pair of pairs) {
    if (usedLower.has(pair.i) || usedHigher.has(pair.j)) continue;
    usedLower.add(pair.i);
    usedHigher.add(pair.j);
    matched.push(pair);
  }
  const strengthened: Passage[] = [];
  let unchanged = 0;
  for (const { i, j, score } of matched.sort((x, y) => x.j - y.j)) {
    const before = lowerStatements[i] ?? "";
    const after = higherStatements[j] ?? "";
    if (score >= SAME && before === after) {
      unchanged++;
      continue;
    }
    const marks = addedRanges(before, after);
    if (marks.length === 0) {
      unchanged++;
      continue;
    }
    strengthened.push({ text: after, marks, location: `was: ${before}` });
  }
  return {
    added: higherStatements.filter((_, j) => !usedHigher.has(j)),
    strengthened,
    dropped: lowerStatements.filter((_, i) => !usedLower.has(i)),
    unchanged,
  };
}

/** Ranges of `after` that are new relative to `before`, word by word. */
function addedRanges(before: string, after: string): Array<[number, number]> {
  const marks: Array<[number, number]> = [];
  let position = 0;
  for (const part of diffWords(before, after)) {
    if (part.removed) continue;
    if (part.added && /[\p{L}\p{N}]/u.test(part.value)) {
      const start = position + (part.value.length - part.value.trimStart().length);
      const end = position + part.value.trimEnd().length;
      if (end > start) marks.push([start, end]);
    }
    position += part.value.length;
  }
  return marks;
}

function deltaSections(delta: LevelDelta, from: number, to: number): Section[] {
  const sections: Section[] = [];
  if (delta.added.length) sections.push({ title: `New at level ${to}`, items: delta.added });
  if (delta.strengthened.length) {
    sections.push({
      title: `Broadened or strengthened at level ${to}`,
      marks: "added",
      passages: delta.strengthened,
    });
  }
  if (delta.dropped.length)
    sections.push({ title: `Stated at level ${from} but not at level ${to}`, items: delta.dropped });
  return sections;
}

function deltaSummary(
  delta: LevelDelta,
  from: number,
  to: number,
  names: { from?: string; to?: string },
): string {
  const step = names.from && names.to ? ` (${names.from} → ${names.to})` : "";
  const parts: string[] = [];
  if (delta.added.length)
    parts.push(`adds ${delta.added.length} new responsibilit${delta.added.length === 1 ? "y" : "ies"}`);
  if (delta.strengthened.length) parts.push(`broadens or raises ${delta.strengthened.length}`);
  if (delta.dropped.length) parts.push(`no longer states ${delta.dropped.length} from level ${from}`);
  if (delta.unchanged) parts.push(`keeps ${delta.unchanged} unchanged`);
  return `Going from level ${from} to ${to}${step}, level ${to} ${parts.length ? listWords(parts) : "reads the same"}.`;
}

export function compareSkillAnswer(
  kb: KnowledgeBase,
  skill: Skill,
  from: number,
  to: number | undefined,
  recognition?: Recognition,
): Answer {
  const levels = definedLevels(skill);
  const target = to ?? levels.find((l) => l > from);
  const lower = skill.levels.find((l) => l.level === from);
  const higher = target === undefined ? undefined : skill.levels.find((l) => l.level === target);
  if (!lower || !higher || target === undefined) {
    const missing = [from, target].filter((l): l is number => l !== undefined && !levels.includes(l));
    const title =
      target === undefined && lower
        ? `${skillHandle(skill)} has no level above ${from}`
        : `${skillHandle(skill)} is not defined at level ${listWords(missing)}`;
    return makeAnswer("compare", title, {
      summary:
        `${skillLabel(skill)} is defined at levels ${listWords(levels)}. ${skill.undefinedLevelsNote ?? ""}`.trim(),
      notices: nameNotices(kb, skill, recognition),
      subjects: [skillSubject(skill)],
      sources: [skillSource(kb, skill)],
      followUps: levels
        .slice(0, -1)
        .map((l, i) =>
          followUp(
            "compare_next",
            `Compare ${l} and ${levels[i + 1]}`,
            `compare ${skillHandle(skill)} levels ${l} and ${levels[i + 1]}`,
          ),
        ),
    });
  }
  const delta = compareTexts(lower.description, higher.description);
  const fromName = kb.levels.get(levelId(skill.framework, from))?.name;
  const toName = kb.levels.get(levelId(skill.framework, target))?.name;
  const sections = deltaSections(delta, from, target);
  const genericTo = kb.levels.get(levelId(skill.framework, target));
  if (genericTo) {
    const term = kb.frameworks.get(skill.framework)?.levelTerm ?? "level";
    sections.push({ title: `${capitalise(term)} ${target}: ${genericTo.name}`, text: genericTo.description });
  }
  const subjects: Subject[] = [skillSubject(skill, from), skillSubject(skill, target)];
  return makeAnswer("compare", `${skillHandle(skill)}: what changes from level ${from} to ${target}`, {
    summary: deltaSummary(delta, from, target, {
      ...(fromName ? { from: fromName } : {}),
      ...(toName ? { to: toName } : {}),
    }),
    notices: nameNotices(kb, skill, recognition),
    sections,
    facts: [
      { label: "Skill", value: skillLabel(skill) },
      { label: "Levels compared", value: `${from} → ${target}` },
    ],
    subjects,
    sources: [skillSource(kb, skill, from), skillSource(kb, skill, target)],
    followUps: [
      followUp("related", `Level ${from}`, `${skillHandle(skill)} level ${from}`),
      followUp("related", `Level ${target}`, `${skillHandle(skill)} level ${target}`),
      ...levelFollowUps(skill, target).filter((f) => f.kind === "compare_next"),
    ],
  });
}

export function compareGenericAnswer(kb: KnowledgeBase, framework: string, from: number, to: number): Answer {
  const fw = kb.frameworks.get(framework);
  const fwName = fw?.name ?? framework.toUpperCase();
  const lower = kb.levels.get(levelId(framework, from));
  const higher = kb.levels.get(levelId(framework, to));
  const levels = frameworkLevels(kb, framework);
  if (!lower || !higher) {
    return makeAnswer("compare", `${fwName} has no level ${!lower ? from : to}`, {
      summary: `${fwName} defines levels ${listWords(levels)}.`,
    });
  }
  const delta = compareTexts(lower.description, higher.description);
  const sections = deltaSections(delta, from, to);
  const lowerAttributes = new Map((lower.attributes ?? []).map((a) => [a.name, a.text]));
  const attributePassages: Passage[] = [];
  for (const attribute of higher.attributes ?? []) {
    const before = lowerAttributes.get(attribute.name);
    if (!before || before === attribute.text) continue;
    const marks = addedRanges(before, attribute.text);
    attributePassages.push({ text: attribute.text, marks, location: attribute.name });
  }
  if (attributePassages.length)
    sections.push({
      title: "Generic attributes at the higher level",
      marks: "added",
      passages: attributePassages,
    });
  sections.push({ title: `Level ${to}: ${higher.name}`, text: higher.description });
  return makeAnswer(
    "compare",
    `${fwName}: what changes from level ${from} (${lower.name}) to ${to} (${higher.name})`,
    {
      summary: deltaSummary(delta, from, to, { from: lower.name, to: higher.name }),
      sections,
      subjects: [
        { kind: "level", id: lower.id, name: lower.name, level: from, framework },
        { kind: "level", id: higher.id, name: higher.name, level: to, framework },
      ],
      sources: [levelSource(kb, lower), levelSource(kb, higher)],
      followUps: [
        followUp("related", `Level ${from}`, `what does ${fwName} level ${from} mean`),
        followUp("related", `Level ${to}`, `what does ${fwName} level ${to} mean`),
      ],
    },
  );
}
