// Turns free text into a Query. Exact names are resolved first (longest match wins); only the words left
// over are matched fuzzily, so a fuzzy hit can never outrank an exact one.

import { parseLevelId, type RaciLetter } from "../knowledge/model.ts";
import { groupKey, type RaciWords, type SearchIndex } from "../search/build.ts";
import type { FuzzyHit, NameEntry, WordMemo } from "../search/names.ts";
import { NUMBERED_LEVELS_FRAMEWORK, SEARCH_SETTINGS } from "../search/settings.ts";
import type { SubjectKind } from "../subjects.ts";
import { containsAsWord } from "../text/contains-word.ts";
import { fold, STOPWORDS, stem, words } from "../text/normalize.ts";
import { digitLevels } from "./level-numbers.ts";
import { matrixQuery } from "./matrix.ts";
import { isNearWord } from "./near.ts";
import type { AlsoIn, ListKind, Query, QueryBody, Recognition, RoleAspect } from "./types.ts";
import {
  ASPECT_WORDS,
  CASUAL_FILLER,
  CASUAL_RACI,
  COMPARE_WORDS,
  EXTREME_WORDS,
  FRAMEWORK_WORDS,
  GENERIC_NAME_WORDS,
  HELP,
  LETTER_WORDS,
  LEVEL_FILLER,
  LIST_FILLER,
  LIST_WORDS,
  NEED_WORDS,
  NUMBER_OWNERS,
  PATH_VERBS,
  PATH_WORDS,
  RACI_WORDS,
  STEP_WORDS,
} from "./vocabulary.ts";

interface Match {
  start: number;
  end: number;
  entries: NameEntry[];
}

export interface UnderstandOptions {
  /** the framework preferred when a name is in two frameworks and nothing in the question decides */
  defaultFramework?: string;
}

export function understand(
  question: string,
  index: SearchIndex,
  memo: WordMemo = new Map(),
  options: UnderstandOptions = {},
): Query {
  // Slack's markup (mentions, links) is read into plain words by the Slack adapter, not here.
  const trimmed = question.trim();
  const length = [...trimmed].length;
  if (length > SEARCH_SETTINGS.maxQuestionLength) return { type: "too_long", length };
  const tokens = digitLevels(words(trimmed), isLevelWord);
  if (tokens.length === 0 || HELP.test(fold(trimmed)) || (tokens[0] === "help" && tokens.length <= 2)) {
    return { type: "help" };
  }
  const explicitSearch = /^(search|find|look up|lookup)\b/i.exec(trimmed);
  if (explicitSearch)
    return { type: "search", text: trimmed.slice(explicitSearch[0].length).trim() || trimmed };

  const matrix = matrixQuery(tokens, index);
  if (matrix) return matrix;
  const analysis = analyse(trimmed, tokens, index, memo);
  const longer = longerNames(index, analysis, memo);
  // A longer name that explains every word left over is what was meant: "Sznior user researcher" is the
  // Senior user researcher, and the shorter exact name becomes the suggestion.
  const takeover = longer.find((l) => l.explainsAll);
  const answered = takeover ? withLongerName(analysis, takeover) : analysis;
  const decided = withAlternatives(decide(answered, index, options), answered, index);
  const query = quotesOtherSubject(index, answered, decided)
    ? { type: "search" as const, text: trimmed }
    : decided;
  const nearSubjects = nearNames(answered, query);
  const didYouMean = takeover
    ? [...new Set(takeover.match.entries.map((e) => e.ref.name))]
    : [...new Set([...longer.map((l) => l.hit.entry.ref.name), ...nearSubjects.map((s) => s.name)])];
  return {
    ...query,
    ...(didYouMean.length > 0 ? { didYouMean } : {}),
    ...(nearSubjects.length > 0 ? { nearSubjects } : {}),
  };
}

/** Everything read from the question before deciding what it asks. */
interface Analysis {
  /** the question as asked, mentions removed */
  text: string;
  tokens: readonly string[];
  levels: number[];
  compareHint: boolean;
  matches: Match[];
  free: string[];
  cues: Cues;
  framework: string | undefined;
  /** words neither matched exactly nor read as cues, levels or filler, and where they stand */
  residual: string[];
  residualPositions: number[];
  entities: Array<{ entry: NameEntry; recognition: Recognition }>;
  /** where the subject was found by a misspelling, the next closest names */
  runnersUp: NameEntry[];
}

function analyse(trimmed: string, tokens: readonly string[], index: SearchIndex, memo: WordMemo): Analysis {
  // A number inside a role's own name is part of the name, not a level: "Senior Engineer 1".
  const levelPositions = withoutNumberedNames(index, tokens, findLevelNumbers(tokens));
  const levels = [...new Set([...levelPositions.values()])];
  const levelContext =
    tokens.some(isLevelWord) ||
    /\bmean(s|ing)?\b/.test(tokens.join(" ")) ||
    tokens.some((t) => STEP_WORDS.has(t) || LEVEL_FILLER.has(t));
  const contentCount = tokens.filter(
    (t, i) => !STOPWORDS.has(t) && !levelPositions.has(i) && !isLevelWord(t),
  ).length;

  const compareHint =
    tokens.some((t) => COMPARE_WORDS.includes(t)) || (tokens.includes("from") && tokens.includes("to"));
  // A code or an acronym written in lower case is often just a word ("how do I test a release"); it
  // counts where it is the whole question or stands before a level ("prog 3", "itmg level 5").
  const codeLike = (entry: NameEntry, end: number) =>
    containsAsWord(trimmed, entry.display) ||
    contentCount <= 1 ||
    levelPositions.has(end) ||
    isLevelWord(tokens[end] ?? "");
  const found = findExactMatches(index, tokens, levelPositions, (entry, end) =>
    entry.via === "code" || entry.via === "acronym" ? codeLike(entry, end) : true,
  );
  // A level name is a level only where the question is about levels or a skill's level: "Expert" in
  // "service focus at Expert", not in "expert witness".
  const namesSkill = found.some((m) => m.entries.some((e) => e.ref.kind === "skill"));
  const matches = found.flatMap((m) => {
    const entries = m.entries.filter(
      (e) =>
        e.via !== "level_name" ||
        levelContext ||
        compareHint ||
        namesSkill ||
        contentCount <= 1 ||
        e.key.includes(" "),
    );
    return entries.length > 0 ? [{ ...m, entries: rankEntries(entries) }] : [];
  });
  const covered = new Set<number>();
  for (const m of matches) for (let i = m.start; i < m.end; i++) covered.add(i);
  const freePositions = tokens.flatMap((_, i) => (covered.has(i) ? [] : [i]));
  const free = freePositions.map((i) => tokens[i] ?? "");

  const cues = readCues(free, tokens);
  const framework = FRAMEWORK_WORDS.find(([word]) => tokens.includes(word))?.[1];

  const kindsWanted: SubjectKind[] = cues.letter || cues.raci ? ["process", "practice", "tool", "role"] : [];
  const residualPositions = freePositions.filter((i) => {
    const t = tokens[i] ?? "";
    return (
      !levelPositions.has(i) &&
      !STOPWORDS.has(t) &&
      !cues.cueWords.has(t) &&
      !LEVEL_FILLER.has(t) &&
      !FRAMEWORK_WORDS.some(([word]) => word === t)
    );
  });
  const residual = residualPositions.map((i) => tokens[i] ?? "");
  // Initials made from a role's name give way to a name or alias someone wrote: ITSCM is the process
  // the RACI calls so, not the IT service continuity manager (still offered beside it).
  const runnersUp: NameEntry[] = [];
  let entities = matches.flatMap((m) => {
    const written = m.entries.filter((e) => e.via !== "acronym");
    return (written.length > 0 ? written : m.entries).map((entry) => ({ entry, recognition: exact(entry) }));
  });
  if (entities.length === 0 && (cues.raci || cues.letter || cues.casual)) {
    // Compare words are subjects here: "who do I ask about changes".
    const subjectWords = freePositions
      .filter((i) => residualPositions.includes(i) || COMPARE_WORDS.includes(tokens[i] ?? ""))
      .map((i) => tokens[i] ?? "");
    const row = raciRowByWords(index, subjectWords);
    if (row) entities = [row];
  }
  if (entities.length === 0) {
    // With no level number, "level" may be part of a misspelt name: "servce level managment".
    const fuzzyWords =
      levels.length > 0
        ? residual
        : freePositions
            .filter((i) => residualPositions.includes(i) || isLevelWord(tokens[i] ?? ""))
            .map((i) => tokens[i] ?? "");
    // A cue word may be part of the misspelt name: "Organizational cppability development".
    const withCues = freePositions
      .filter((i) => !levelPositions.has(i) && !STOPWORDS.has(tokens[i] ?? ""))
      .map((i) => tokens[i] ?? "");
    entities = fuzzyEntity(
      index,
      fuzzyWords,
      memo,
      { levels: levels.length > 0, kindsWanted, levelContext, whole: withCues.join(" ") },
      runnersUp,
    );
  }

  return {
    text: trimmed,
    tokens,
    levels,
    compareHint,
    matches,
    free,
    cues,
    framework,
    residual,
    residualPositions,
    entities,
    runnersUp,
  };
}

const VIA_RANK: Readonly<Record<NameEntry["via"], number>> = {
  code: 0,
  name: 0,
  later_name: 1,
  former_name: 1,
  alias: 2,
  acronym: 3,
  level_name: 0,
};

/** An entity's own name before another's alias of the same words. */
function rankEntries(entries: readonly NameEntry[]): NameEntry[] {
  return [...entries].sort((a, b) => VIA_RANK[a.via] - VIA_RANK[b.via]);
}

/**
 * A RACI row named in part or in the plural: "incidents" is Incident management, "security" is
 * Information security management. Every content word must be in the row's name or an alias; the
 * row with the shortest name wins, so "release" is Release management rather than a longer row.
 */
function raciRowByWords(
  index: SearchIndex,
  residual: readonly string[],
): { entry: NameEntry; recognition: Recognition } | undefined {
  const wanted = residual
    .filter((w) => !CASUAL_FILLER.has(w) && !LIST_WORDS.some(([word]) => word === w))
    .map(stem);
  if (wanted.length === 0 || wanted.every((w) => w === "management")) return undefined;
  let best: RaciWords | undefined;
  for (const row of index.raciWords) {
    if (!wanted.every((w) => row.words.has(w))) continue;
    if (!best || row.size < best.size) best = row;
  }
  if (!best) return undefined;
  const entry: NameEntry = {
    key: best.subject.name,
    display: best.subject.name,
    ref: best.subject,
    via: "name",
  };
  return { entry, recognition: { via: "name", matched: best.subject.name, fuzzy: 0.1 } };
}

type Entity = Analysis["entities"][number];

function decide(analysis: Analysis, index: SearchIndex, options: UnderstandOptions): QueryBody {
  const { levels, compareHint, free, cues, framework, residual, entities } = analysis;
  const listKind = LIST_WORDS.find(([word]) => analysis.tokens.includes(word))?.[1];
  if (listKind && levels.length === 0) {
    // "list the SFIA Data and analytics skills": a group's name may also be a skill's.
    const group = groupInQuestion(index, analysis.tokens, listKind, framework);
    if (group) return { type: "list", kind: listKind, ...group };
  }
  const extreme = EXTREME_WORDS.get(analysis.tokens.find((t) => EXTREME_WORDS.has(t)) ?? "");
  if (extreme && entities.length === 0 && levels.length === 0 && analysis.tokens.some(isLevelWord)) {
    const fw = framework ?? options.defaultFramework ?? NUMBERED_LEVELS_FRAMEWORK;
    const scale = index.frameworkLevels.get(fw) ?? [];
    const level = extreme === "highest" ? scale[scale.length - 1] : scale[0];
    if (level !== undefined) return { type: "generic_level", framework: fw, level };
  }
  if (entities.length === 0 && levels.length === 0 && listKind && free.includes(listKindWord(listKind))) {
    const rest = residual.filter((t) => !LIST_FILLER.has(t) && !LIST_WORDS.some(([word]) => word === t));
    if (rest.length === 0) return { type: "list", kind: listKind, ...(framework ? { framework } : {}) };
  }
  if (listKind === "skill" && entities.length === 0 && levels.length === 1) {
    const rest = residual.filter((t) => !LIST_FILLER.has(t) && !LIST_WORDS.some(([word]) => word === t));
    if (rest.length === 0)
      return {
        type: "list",
        kind: "skill",
        framework: framework ?? options.defaultFramework ?? NUMBERED_LEVELS_FRAMEWORK,
        level: levels[0],
      };
  }

  const all = (kind: SubjectKind) => entities.filter((e) => e.entry.ref.kind === kind);
  const raciCue = cues.letter !== undefined || cues.raci || cues.casual;
  const roleWanted = { framework, inRaci: raciCue || cues.does };
  // One role per name asked: "data analyst" is both a DDaT role and its only role level.
  const roles = [...groupByKey(all("role")).values()].flatMap((named) => {
    const chosen = chooseRole(index, named, roleWanted);
    return chosen ? [chosen.entry.ref.id] : [];
  });
  const career = careerQuery(analysis, roles, all("skill"), levels);
  if (career) return career;
  if (roles.length >= 2 && (cues.compare || compareHint) && roles[0] && roles[1]) {
    return { type: "compare_roles", roleIds: [roles[0], roles[1]] };
  }
  const genericLevels = all("level");
  const skills = all("skill");
  const [lowLevel, highLevel] = genericLevels
    .map((e) => e.entry.ref.id)
    .filter((id, i, ids) => ids.indexOf(id) === i)
    .sort((a, b) => levelOf(a) - levelOf(b));
  if (skills.length === 0 && lowLevel && highLevel && frameworkOf(lowLevel) === frameworkOf(highLevel)) {
    return {
      type: "compare_generic",
      framework: frameworkOf(lowLevel),
      from: levelOf(lowLevel),
      to: levelOf(highLevel),
    };
  }

  const pick = (kinds: readonly SubjectKind[]) => entities.find((e) => kinds.includes(e.entry.ref.kind));
  const raciRow = pick(["process", "practice", "tool"]);
  const role = chooseRole(index, namedLike(all("role"), pick(["role"])), roleWanted);
  const genericLevel = pick(["level"]);
  // A level named in words picks the skill's level: "service focus at Expert" is DDaT level 4.
  const namedLevel = genericLevel && skills.length > 0 && levels.length === 0 ? genericLevel : undefined;
  const askedLevels = namedLevel ? [levelOf(namedLevel.entry.ref.id)] : levels;
  const skill = chooseSkill(index, skills, {
    levels: askedLevels,
    framework: framework ?? (namedLevel ? frameworkOf(namedLevel.entry.ref.id) : undefined),
    numeric: levels.length > 0,
    defaultFramework: options.defaultFramework,
  });
  // "problem management level 4" and "SFIA problem management" ask about the skill, not the RACI row.
  const skillFirst =
    skill !== undefined &&
    !raciCue &&
    (askedLevels.length > 0 ||
      (framework !== undefined && index.skills.get(skill.entry.ref.id)?.framework === framework) ||
      // "asset management" is the SFIA skill's own name and only an alias of a RACI row.
      (raciRow !== undefined &&
        sameName(raciRow.entry, skill.entry) &&
        VIA_RANK[skill.entry.via] < VIA_RANK[raciRow.entry.via]));

  if (raciRow && !skillFirst && (raciCue || !role)) {
    return {
      type: "raci",
      rowId: raciRow.entry.ref.id,
      ...(cues.letter ? { letter: cues.letter } : {}),
      ...(role ? { roleId: role.entry.ref.id } : {}),
      recognition: raciRow.recognition,
    };
  }
  // "what does the IT manager do" is answered from the RACI where the role is in it, else by its profile.
  const doesInRaci = cues.does && role !== undefined && index.rolesInRaci.has(role.entry.ref.id);
  if (role && !skillFirst && (cues.letter || cues.raci || doesInRaci)) {
    return {
      type: "raci_reverse",
      roleId: role.entry.ref.id,
      ...(cues.letter ? { letter: cues.letter } : {}),
      recognition: role.recognition,
    };
  }
  // "What does a Senior Engineer 1 need for planning and organising": the skill at the role level's level.
  const roleLevelEntry = role ? index.roleLevels.get(role.entry.ref.id) : undefined;
  if (roleLevelEntry && skills.length > 0 && askedLevels.length === 0 && !raciCue) {
    const refs = roleLevelEntry.roleLevel.skills ?? [];
    const listed = skills.find((e) => refs.some((r) => r.skill === e.entry.ref.id));
    const ref = listed ? refs.find((r) => r.skill === listed.entry.ref.id) : undefined;
    if (listed && ref) {
      return {
        type: "skill",
        skillId: listed.entry.ref.id,
        level: ref.level,
        recognition: listed.recognition,
        roleLevelId: roleLevelEntry.roleLevel.id,
      };
    }
  }
  // "What changes from level 3 to 4 in backend engineering": a ladder's role levels by their rank.
  const ladder = role && !skill && askedLevels.length > 0 ? ladderOf(index, role.entry.ref.id) : undefined;
  if (role && ladder && ladder.length > 0) {
    const atRank = (rank: number | undefined) => ladder.find((l) => l.rank === rank);
    const [from, to] = [...askedLevels].sort((a, b) => a - b);
    const low = atRank(from);
    const high =
      to !== undefined ? atRank(to) : cues.compare || cues.next ? atRank((from ?? 0) + 1) : undefined;
    if (low && high && low.id !== high.id) return { type: "compare_roles", roleIds: [low.id, high.id] };
    if (low && to === undefined && !high) {
      return { type: "role", roleId: low.id, recognition: role.recognition };
    }
  }
  if (skill) {
    const [from, to] = askedLevels;
    if ((cues.compare || cues.next || askedLevels.length >= 2) && from !== undefined) {
      return {
        type: "compare_skill",
        skillId: skill.entry.ref.id,
        from: Math.min(from, to ?? from),
        ...(to !== undefined && to !== from ? { to: Math.max(from, to) } : {}),
        recognition: skill.recognition,
      };
    }
    return {
      type: "skill",
      skillId: skill.entry.ref.id,
      ...(from !== undefined ? { level: from } : {}),
      recognition: skill.recognition,
    };
  }
  if (role) {
    return {
      type: "role",
      roleId: role.entry.ref.id,
      ...(cues.aspect ? { aspect: cues.aspect } : {}),
      recognition: role.recognition,
    };
  }
  if (raciRow) {
    return { type: "raci", rowId: raciRow.entry.ref.id, recognition: raciRow.recognition };
  }
  if (genericLevel) {
    const id = genericLevel.entry.ref.id;
    return stepped(index, frameworkOf(id), levelOf(id), cues.step, genericLevel.recognition);
  }
  const [from, to] = levels;
  // Only a question with nothing else left unexplained is about a generic level: "IT management level 6"
  // with no such skill is a search, not SFIA level 6.
  if (from !== undefined && residual.length === 0) {
    const fw = framework ?? options.defaultFramework ?? NUMBERED_LEVELS_FRAMEWORK;
    if (to !== undefined && to !== from) {
      return { type: "compare_generic", framework: fw, from: Math.min(from, to), to: Math.max(from, to) };
    }
    if (cues.step) return stepped(index, fw, from, cues.step);
    if (cues.compare || cues.next) return { type: "compare_generic", framework: fw, from, to: from + 1 };
    return { type: "generic_level", framework: fw, level: from };
  }
  return { type: "search", text: analysis.text };
}

/**
 * Career questions: "which roles need ITMG at level 6" (a skill, asked by role), "how do I get from IT
 * service manager to senior IT service manager", "how do I become a …", "what do I need for …" (a path to
 * a role level), and "what's above senior IT service manager" (the next rung).
 */
function careerQuery(
  analysis: Analysis,
  roles: readonly string[],
  skills: readonly Entity[],
  levels: readonly number[],
): QueryBody | undefined {
  const { tokens, cues } = analysis;
  const asksByRole = tokens.some((t) => t === "roles" || t === "jobs" || t === "who" || t === "which");
  const [skill] = skills;
  if (skill && roles.length === 0 && asksByRole && tokens.some((t) => NEED_WORDS.has(t)) && !cues.letter) {
    const level = levels[0] ?? namedLevelOf(analysis);
    return {
      type: "skill_roles",
      skillId: skill.entry.ref.id,
      ...(level !== undefined ? { level } : {}),
      recognition: skill.recognition,
    };
  }
  if (roles.length === 0 || skills.length > 0 || cues.letter || cues.raci || cues.casual) return undefined;
  const recognition = analysis.entities.find((e) => e.entry.ref.kind === "role")?.recognition;
  if (!recognition) return undefined;
  const [first = "", second] = roles;
  const pathWord = tokens.some((t) => PATH_WORDS.has(t));
  const pathVerb = tokens.some((t) => PATH_VERBS.has(t)) && (tokens.includes("to") || tokens.includes("for"));
  if (second && (pathWord || pathVerb) && tokens.includes("from")) {
    return { type: "progression", roleId: second, direction: "to", fromRoleId: first, recognition };
  }
  if (!second && (pathWord || pathVerb))
    return { type: "progression", roleId: first, direction: "to", recognition };
  if (!second && cues.step === "next")
    return { type: "progression", roleId: first, direction: "next", recognition };
  return undefined;
}

function namedLevelOf(analysis: Analysis): number | undefined {
  const level = analysis.entities.find((e) => e.entry.ref.kind === "level");
  return level ? levelOf(level.entry.ref.id) : undefined;
}

/** "What comes after Practitioner": the level next to the one named, or the one named at the end of the scale. */
function stepped(
  index: SearchIndex,
  framework: string,
  level: number,
  step: "next" | "previous" | undefined,
  recognition?: Recognition,
): QueryBody {
  const base = { type: "generic_level" as const, framework, ...(recognition ? { recognition } : {}) };
  if (!step) return { ...base, level };
  const scale = index.frameworkLevels.get(framework) ?? [];
  const target = step === "next" ? scale.find((l) => l > level) : [...scale].reverse().find((l) => l < level);
  return target === undefined
    ? { ...base, level, step: { direction: step, from: level, atEnd: true } }
    : { ...base, level: target, step: { direction: step, from: level, atEnd: false } };
}

/**
 * The skill a name means when several frameworks share it: the framework named in the question, then one
 * that defines every level asked for, then the organisation's default framework; a bare level number
 * leans to SFIA, whose levels are numbered (DDaT's are named).
 */
function chooseSkill(
  index: SearchIndex,
  skills: readonly Entity[],
  wanted: { levels: readonly number[]; framework?: string; numeric: boolean; defaultFramework?: string },
): Entity | undefined {
  let best: { entity: Entity; score: number } | undefined;
  for (const [position, entity] of skills.entries()) {
    const shape = index.skills.get(entity.entry.ref.id);
    if (!shape) continue;
    let score = -position * 0.01 - VIA_RANK[entity.entry.via] * 0.1;
    if (wanted.framework && shape.framework === wanted.framework) score += 8;
    if (wanted.levels.length > 0 && wanted.levels.every((l) => shape.levels.has(l))) score += 4;
    if (wanted.defaultFramework && shape.framework === wanted.defaultFramework) score += 2;
    else if (!wanted.defaultFramework && wanted.numeric && shape.framework === NUMBERED_LEVELS_FRAMEWORK)
      score += 0.5;
    if (!best || score > best.score) best = { entity, score };
  }
  return best?.entity;
}

function sameName(a: NameEntry, b: NameEntry): boolean {
  return a.key === b.key;
}

/** The other subjects named like the one answered, offered beside it: "Also in DDaT: Problem management". */
function withAlternatives(query: QueryBody, analysis: Analysis, index: SearchIndex): QueryBody {
  const id = subjectIdOf(query);
  if (
    id === undefined ||
    !(
      query.type === "skill" ||
      query.type === "compare_skill" ||
      query.type === "raci" ||
      query.type === "raci_reverse" ||
      query.type === "role"
    )
  )
    return query;
  const match = analysis.matches.find((m) => m.entries.some((e) => e.ref.id === id));
  const named = match?.entries ?? analysis.entities.map((e) => e.entry);
  const sameThing = (other: string) =>
    other === id ||
    index.roleLevels.get(other)?.role.id === id ||
    index.roleLevels.get(id)?.role.id === other;
  const seen = new Set<string>();
  const alsoIn: AlsoIn[] = [];
  for (const entry of named) {
    if (entry.ref.kind === "level" || sameThing(entry.ref.id) || seen.has(entry.ref.id)) continue;
    seen.add(entry.ref.id);
    alsoIn.push({ kind: entry.ref.kind, id: entry.ref.id, name: entry.ref.name });
  }
  return alsoIn.length > 0 ? { ...query, alsoIn } : query;
}

/** Entities by the name they were found under, in question order. */
function groupByKey(entities: readonly Entity[]): Map<string, Entity[]> {
  const byKey = new Map<string, Entity[]>();
  for (const entity of entities)
    byKey.set(entity.entry.key, [...(byKey.get(entity.entry.key) ?? []), entity]);
  return byKey;
}

function namedLike(entities: readonly Entity[], first: Entity | undefined): Entity[] {
  return first ? entities.filter((e) => e.entry.key === first.entry.key) : [];
}

/**
 * The role a name means when several share it: the framework named in the question; for a RACI
 * question, a role the RACI names; otherwise the organisation's own role before a framework's, and a
 * role before its role level.
 */
function chooseRole(
  index: SearchIndex,
  named: readonly Entity[],
  wanted: { framework: string | undefined; inRaci: boolean },
): Entity | undefined {
  let best: { entity: Entity; score: number } | undefined;
  for (const [position, entity] of named.entries()) {
    const id = entity.entry.ref.id;
    const framework = index.roleFrameworks.get(id);
    let score = -position * 0.01 - VIA_RANK[entity.entry.via] * 0.1;
    if (wanted.framework && framework === wanted.framework) score += 8;
    if (wanted.inRaci && index.rolesInRaci.has(id)) score += 4;
    // The organisation's own roles are the ones its RACI assigns (or that no framework owns).
    if (framework === undefined || index.rolesInRaci.has(id)) score += 1;
    if (index.roleLevels.has(id)) score -= 0.5;
    if (!best || score > best.score) best = { entity, score };
  }
  return best?.entity;
}

/** A role family, skill category or subcategory named anywhere among the question's content words. */
function groupInQuestion(
  index: SearchIndex,
  tokens: readonly string[],
  kind: string,
  framework: string | undefined,
): { group: { kind: "family" | "category" | "subcategory"; name: string }; framework?: string } | undefined {
  const content = tokens.filter(
    (t) =>
      !STOPWORDS.has(t) &&
      !LIST_FILLER.has(t) &&
      !FRAMEWORK_WORDS.some(([word]) => word === t) &&
      !isLevelWord(t),
  );
  const isListWord = (t: string | undefined) => LIST_WORDS.some(([word]) => word === t);
  const candidates = new Set<string>([content.filter((t) => !isListWord(t)).join(" ")]);
  // "People and skills": a list word may be part of the name; try dropping only the outer ones.
  let start = 0;
  let end = content.length;
  candidates.add(content.join(" "));
  while (start < end && isListWord(content[start])) candidates.add(content.slice(++start, end).join(" "));
  while (end > start && isListWord(content[end - 1])) candidates.add(content.slice(start, --end).join(" "));
  const wantKinds = kind === "role" ? ["family"] : kind === "skill" ? ["category", "subcategory"] : [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const group = (index.groups.get(groupKey(candidate)) ?? []).find(
      (g) => wantKinds.includes(g.kind) && (framework === undefined || g.framework === framework),
    );
    if (group) {
      return {
        group: { kind: group.kind, name: group.name },
        ...(group.framework ? { framework: group.framework } : {}),
      };
    }
  }
  return undefined;
}

function listKindWord(kind: ListKind): string {
  return LIST_WORDS.find(([, k]) => k === kind)?.[0] ?? kind;
}

function levelOf(id: string): number {
  return parseLevelId(id).level;
}

function frameworkOf(id: string): string {
  return parseLevelId(id).framework;
}

/**
 * Exact names win, but an unexplained word right beside an exact match may be a misspelt part of a longer
 * name: "Junuor digital evaluator" answers Digital evaluator and suggests Junior digital evaluator.
 */
/**
 * A question that names a subject but leaves words unexplained, and that quotes a passage about another
 * subject word for word, is that passage's question: "advocate for agile working at" quotes Agile research
 * practices, not the Agile working skill.
 */
function quotesOtherSubject(index: SearchIndex, analysis: Analysis, query: QueryBody): boolean {
  if (analysis.levels.length > 0 || analysis.residual.length === 0) return false;
  const subjectId = subjectIdOf(query);
  if (subjectId === undefined) return false;
  const quoting = index.passages.containing(analysis.text);
  return quoting.length > 0 && !quoting.some((doc) => doc.subject?.id === subjectId);
}

function subjectIdOf(query: QueryBody): string | undefined {
  switch (query.type) {
    case "skill":
    case "compare_skill":
      return query.skillId;
    case "raci":
      return query.rowId;
    case "raci_reverse":
    case "role":
      return query.roleId;
    default:
      return undefined;
  }
}

/** The runners-up of a misspelt subject, once the answer is about the best of them. */
function nearNames(analysis: Analysis, query: QueryBody): AlsoIn[] {
  const id = subjectIdOf(query);
  if (id === undefined) return [];
  return analysis.runnersUp
    .filter((e) => e.ref.id !== id)
    .map((e) => ({ kind: e.ref.kind, id: e.ref.id, name: e.ref.name }));
}

interface LongerName {
  match: Match;
  hit: FuzzyHit;
  /** the longer name accounts for every word the exact match left unexplained */
  explainsAll: boolean;
}

function longerNames(index: SearchIndex, analysis: Analysis, memo: WordMemo): LongerName[] {
  const found: LongerName[] = [];
  for (const match of analysis.matches) {
    // Words on either side may belong to the longer name: "Programmicg and bulid (data engineering)".
    const near = analysis.residualPositions;
    if (near.length === 0) continue;
    const span = Array.from({ length: match.end - match.start }, (_, k) => match.start + k);
    const phrase = [...near, ...span]
      .sort((a, b) => a - b)
      .map((i) => analysis.tokens[i] ?? "")
      .join(" ");
    const [best] = index.names.aligned(phrase, SUBJECT_MATCH_ONE, memo);
    const matchedIds = new Set(match.entries.map((e) => e.ref.id));
    if (best && best.score <= SEARCH_SETTINGS.acceptScore && !matchedIds.has(best.entry.ref.id)) {
      const explainsAll = analysis.residualPositions.every((i) => near.includes(i));
      found.push({ match, hit: best, explainsAll });
    }
  }
  return found;
}

function withLongerName(analysis: Analysis, longer: LongerName): Analysis {
  const replaced = new Set(longer.match.entries);
  const entry = longer.hit.entry;
  return {
    ...analysis,
    entities: [
      { entry, recognition: { via: entry.via, matched: entry.display, fuzzy: longer.hit.score } },
      ...analysis.entities.filter((e) => !replaced.has(e.entry)),
    ],
    residual: [],
    residualPositions: [],
  };
}

function isLevelWord(word: string): boolean {
  return word === "level" || word === "levels" || isNearWord(word, "level");
}

function exact(entry: NameEntry): Recognition {
  return { via: entry.via, matched: entry.display };
}

interface Cues {
  letter?: RaciLetter;
  raci: boolean;
  compare: boolean;
  next: boolean;
  does: boolean;
  /** a "who looks after …" question: a RACI question without RACI words */
  casual: boolean;
  /** "after Practitioner", "below level 4" */
  step?: "next" | "previous";
  aspect?: RoleAspect;
  /** words read as cues, left out of the fuzzy subject phrase */
  cueWords: Set<string>;
}

function readCues(free: readonly string[], all: readonly string[]): Cues {
  const cueWords = new Set<string>();
  const cues: Cues = { raci: false, compare: false, next: false, does: false, casual: false, cueWords };
  const casual = casualRaci(all);
  if (casual) {
    cues.casual = true;
    if (casual.letter) cues.letter = casual.letter;
    for (const word of casual.words) cueWords.add(word);
  }
  for (const word of free) {
    const letter = LETTER_WORDS.find(([cue]) => cue === word || isNearWord(word, cue))?.[1];
    if (letter) {
      cues.letter ??= letter;
      cueWords.add(word);
      continue;
    }
    if (RACI_WORDS.has(word)) {
      cues.raci = true;
      cueWords.add(word);
      continue;
    }
    if (COMPARE_WORDS.some((cue) => cue === word || isNearWord(word, cue))) {
      cues.compare = true;
      cueWords.add(word);
      continue;
    }
    const aspect = ASPECT_WORDS.find(([cue]) => cue === word)?.[1];
    if (aspect) {
      cues.aspect ??= aspect;
      cueWords.add(word);
      continue;
    }
    if (
      isLevelWord(word) ||
      ["who", "next", "step", "move", "go", "up", "versus", "do", "does"].includes(word)
    ) {
      cueWords.add(word);
    }
  }
  for (const word of free) {
    const step = STEP_WORDS.get(word);
    if (step) {
      cues.step ??= step;
      cueWords.add(word);
    }
  }
  cues.next = free.includes("next") || (free.includes("step") && free.includes("up")) || cues.step === "next";
  const last = all[all.length - 1];
  cues.does = last === "do" && all.includes("what");
  if (free.includes("from") && free.includes("to") && !cues.letter) cues.compare = true;
  return cues;
}

/** "who looks after incidents": the casual phrase after "who", and the letter it names where it does. */
function casualRaci(
  tokens: readonly string[],
): { letter?: RaciLetter; words: readonly string[] } | undefined {
  const who = tokens.indexOf("who");
  if (who < 0) return undefined;
  for (const { phrase, letter } of CASUAL_RACI) {
    for (let i = who + 1; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, k) => tokens[i + k] === word)) {
        return { ...(letter ? { letter } : {}), words: ["who", ...phrase] };
      }
    }
  }
  return undefined;
}

/** Positions of tokens that are level numbers: "level 5", "ITMG 5", "5 to 6"; not "SFIA 8" or "ITIL 4". */
function findLevelNumbers(tokens: readonly string[]): Map<number, number> {
  const found = new Map<number, number>();
  tokens.forEach((token, i) => {
    if (!/^[1-9]$/.test(token)) return;
    const before = tokens[i - 1];
    if (before && NUMBER_OWNERS.has(before)) return;
    found.set(i, Number(token));
  });
  return found;
}

/**
 * Level-number positions minus those inside the exact name of a role or role level that has a number in
 * it ("Senior Engineer 2 (Individual Contributor)", "Backend Engineering level 3"); longest names first.
 */
function withoutNumberedNames(
  index: SearchIndex,
  tokens: readonly string[],
  levelPositions: Map<number, number>,
): Map<number, number> {
  if (levelPositions.size === 0) return levelPositions;
  const remaining = new Map(levelPositions);
  const covered = new Set<number>();
  const longest = tokens.map((token) => index.names.longestNameFrom(token));
  for (let n = Math.min(Math.max(0, ...longest), tokens.length); n >= 2; n--) {
    for (let start = 0; start + n <= tokens.length; start++) {
      if ((longest[start] ?? 0) < n) continue;
      const positions = Array.from({ length: n }, (_, k) => start + k);
      if (positions.some((i) => covered.has(i)) || !positions.some((i) => remaining.has(i))) continue;
      const entries = lookupSpan(index, tokens.slice(start, start + n));
      if (!entries.some((e) => e.ref.kind === "role")) continue;
      for (const i of positions) {
        covered.add(i);
        remaining.delete(i);
      }
    }
  }
  return remaining;
}

/** The role levels of a role, found through the index's role levels. */
function ladderOf(index: SearchIndex, roleId: string) {
  for (const entry of index.roleLevels.values()) if (entry.role.id === roleId) return entry.role.roleLevels;
  return undefined;
}

/** A name as written, or with its last word in the plural: "IT service managers". */
function lookupSpan(index: SearchIndex, span: readonly string[]): readonly NameEntry[] {
  const key = span.join(" ");
  const found = index.names.lookupKey(key);
  const last = span[span.length - 1] ?? "";
  if (found.length > 0 || last.length <= 3 || !last.endsWith("s")) return found;
  const singular = stem(last);
  return singular === last ? found : index.names.lookupKey([...span.slice(0, -1), singular].join(" "));
}

function findExactMatches(
  index: SearchIndex,
  tokens: readonly string[],
  levelPositions: ReadonlyMap<number, number>,
  accept: (entry: NameEntry, end: number) => boolean,
): Match[] {
  const covered = new Set<number>();
  const matches: Match[] = [];
  // Only spans that begin as some name does, and no longer than the longest such name, can match.
  const longest = tokens.map((token) => index.names.longestNameFrom(token));
  for (let n = Math.min(Math.max(0, ...longest), tokens.length); n >= 1; n--) {
    for (let start = 0; start + n <= tokens.length; start++) {
      if ((longest[start] ?? 0) < n) continue;
      let free = true;
      for (let i = start; i < start + n; i++) if (covered.has(i) || levelPositions.has(i)) free = false;
      if (!free) continue;
      const span = tokens.slice(start, start + n);
      if (n === 1 && STOPWORDS.has(span[0] ?? "")) continue;
      const entries = lookupSpan(index, span).filter((entry) => accept(entry, start + n));
      if (entries.length === 0) continue;
      matches.push({ start, end: start + n, entries });
      for (let i = start; i < start + n; i++) covered.add(i);
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/**
 * What a fuzzy subject must be: the phrase covers most of the name ("SLA" is a topic to search, not the
 * "SLA manager") and aligns with it word by word ("it management" is not "cost management").
 */
const SUBJECT_MATCH = Object.freeze({ limit: 5, minCoverage: SEARCH_SETTINGS.minNameCoverage });
const SUBJECT_MATCH_ONE = Object.freeze({ ...SUBJECT_MATCH, limit: 1 });

function fuzzyEntity(
  index: SearchIndex,
  residual: readonly string[],
  memo: WordMemo,
  context: {
    levels: boolean;
    kindsWanted: readonly SubjectKind[];
    levelContext: boolean;
    /** every content word of the question, cue words included */
    whole?: string;
  },
  runnersUp: NameEntry[] = [],
): Entity[] {
  if (residual.length === 0) return [];
  const phrases = new Set<string>([residual.join(" ")]);
  if (context.whole && context.whole.length > residual.join(" ").length) phrases.add(context.whole);
  for (let n = Math.min(residual.length - 1, 5); n >= 1; n--) {
    for (let start = 0; start + n <= residual.length; start++) {
      const phrase = residual.slice(start, start + n).join(" ");
      if (phrase.length >= 4) phrases.add(phrase);
    }
  }
  let best: { entry: NameEntry; score: number } | undefined;
  const scored = new Map<string, { entry: NameEntry; score: number }>();
  const residualLength = residual.join(" ").length;
  const largestBonus = (context.levels ? 0.05 : 0) + (context.kindsWanted.length > 0 ? 0.05 : 0);
  for (const phrase of phrases) {
    if (phrase.length < 3) continue;
    // "management" alone names nothing: "banana management" is not IT management.
    if (phrase.split(" ").every((w) => GENERIC_NAME_WORDS.has(w))) continue;
    // A phrase that covers only part of the question is a weaker signal than the whole residual.
    const shortfall = Math.max(0, 1 - phrase.length / residualLength) * 0.25;
    // Even a perfect hit on this phrase could not beat the best so far: no need to look it up.
    if (best && shortfall - largestBonus >= best.score) continue;
    for (const hit of index.names.aligned(phrase, SUBJECT_MATCH, memo)) {
      if (hit.entry.via === "level_name" && !context.levelContext) continue;
      // Codes and acronyms are written, not misspelt: "test" in a sentence is not the TEST skill.
      if (hit.entry.via === "code" || hit.entry.via === "acronym") continue;
      let score = hit.score + shortfall;
      if (context.levels && hit.entry.ref.kind === "skill") score -= 0.05;
      if (context.kindsWanted.includes(hit.entry.ref.kind)) score -= 0.05;
      if (!best || score < best.score) best = { entry: hit.entry, score };
      const seen = scored.get(hit.entry.ref.id);
      if (!seen || score < seen.score) scored.set(hit.entry.ref.id, { entry: hit.entry, score });
    }
  }
  if (!best || best.score > SEARCH_SETTINGS.acceptScore) return [];
  // The next closest names, for "did you mean" beside the answer: a misspelling can mean more than one.
  runnersUp.push(
    ...[...scored.values()]
      .filter((s) => s.entry.ref.id !== best?.entry.ref.id && s.score <= SEARCH_SETTINGS.acceptScore)
      .sort((a, b) => a.score - b.score)
      .slice(0, 2)
      .map((s) => s.entry),
  );
  const score = best.score;
  // Every subject of that name, so a misspelt name in two frameworks is decided as the exact name is.
  const sameKey = rankEntries(index.names.lookupKey(best.entry.key));
  const entries = sameKey.some((e) => e.ref.id === best?.entry.ref.id) ? sameKey : [best.entry];
  return entries.map((entry) => ({
    entry,
    recognition: { via: entry.via, matched: entry.display, fuzzy: score },
  }));
}
