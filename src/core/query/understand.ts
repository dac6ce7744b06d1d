// Turns free text into a Query. Exact names are resolved first (longest match wins); only the words left
// over are matched fuzzily, so a fuzzy hit can never outrank an exact one.
import type { SubjectKind } from "../answer/types.ts";
import type { RaciLetter } from "../knowledge/model.ts";
import type { SearchIndex } from "../search/build.ts";
import type { NameEntry, WordMemo } from "../search/names.ts";
import { SEARCH_SETTINGS } from "../search/settings.ts";
import { containsAsWord } from "../text/contains-word.ts";
import { fold, STOPWORDS, words } from "../text/normalize.ts";
import { isNearWord } from "./near.ts";
import type { ListKind, Query, QueryBody, Recognition, RoleAspect } from "./types.ts";

const LETTER_WORDS: ReadonlyArray<[string, RaciLetter]> = [
  ["responsible", "responsible"],
  ["accountable", "accountable"],
  ["accountability", "accountable"],
  ["consulted", "consulted"],
  ["informed", "informed"],
  ["owns", "accountable"],
  ["owner", "accountable"],
  ["owned", "accountable"],
  ["approves", "accountable"],
];
const RACI_WORDS = new Set(["raci", "rasci", "racis"]);
const COMPARE_WORDS = [
  "compare",
  "comparison",
  "difference",
  "differences",
  "differ",
  "versus",
  "between",
  "changes",
];
const FRAMEWORK_WORDS: ReadonlyArray<[string, string]> = [
  ["sfia", "sfia"],
  ["ddat", "ddat"],
  ["gdad", "ddat"],
];
const ASPECT_WORDS: ReadonlyArray<[string, RoleAspect]> = [
  ["skills", "skills"],
  ["skill", "skills"],
  ["competencies", "skills"],
  ["knowledge", "knowledge"],
  ["qualifications", "qualifications"],
  ["qualification", "qualifications"],
  ["certifications", "qualifications"],
  ["certification", "qualifications"],
  ["certificates", "qualifications"],
  ["training", "training"],
  ["courses", "training"],
  ["development", "development"],
  ["pdas", "development"],
  ["background", "background"],
  ["activities", "activities"],
  ["tasks", "activities"],
  ["qualities", "qualities"],
  ["traits", "qualities"],
  ["responsibilities", "responsibilities"],
  ["duties", "responsibilities"],
];
const LIST_WORDS: ReadonlyArray<[string, ListKind]> = [
  ["processes", "process"],
  ["practices", "practice"],
  ["tools", "tool"],
  ["roles", "role"],
  ["skills", "skill"],
  ["levels", "level"],
];
/** Words that only say "show me the whole list". */
const LIST_FILLER = new Set([
  "list",
  "all",
  "every",
  "there",
  "available",
  "known",
  "defined",
  "raci",
  "our",
]);
const HELP = /^(help|\?|commands|usage|what can you do|how do i use (this|you|rolecall)|hi|hello)\??$/;
/** Words after which a number is part of a name ("ITIL 4", "SFIA 8"), not a level. */
const NUMBER_OWNERS = new Set(["sfia", "itil", "version", "v", "iso", "ddat", "cobit", "togaf", "prince2"]);

interface Match {
  start: number;
  end: number;
  entries: NameEntry[];
}

export function understand(question: string, index: SearchIndex, memo: WordMemo = new Map()): Query {
  const trimmed = question.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, " ").trim();
  if (trimmed.length > SEARCH_SETTINGS.maxQuestionLength) return { type: "too_long", length: trimmed.length };
  const tokens = words(trimmed);
  if (tokens.length === 0 || HELP.test(fold(trimmed)) || (tokens[0] === "help" && tokens.length <= 2)) {
    return { type: "help" };
  }
  const explicitSearch = /^(search|find|look up|lookup)\b/i.exec(trimmed);
  if (explicitSearch)
    return { type: "search", text: trimmed.slice(explicitSearch[0].length).trim() || trimmed };

  const analysis = analyse(trimmed, tokens, index, memo);
  const query = decide(analysis);
  const didYouMean = longerNames(index, analysis, memo);
  return didYouMean.length > 0 ? { ...query, didYouMean } : query;
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
}

function analyse(trimmed: string, tokens: readonly string[], index: SearchIndex, memo: WordMemo): Analysis {
  const levelPositions = findLevelNumbers(tokens);
  const levels = [...new Set([...levelPositions.values()])];
  const levelContext = tokens.some(isLevelWord) || /\bmean(s|ing)?\b/.test(tokens.join(" "));
  const contentCount = tokens.filter(
    (t, i) => !STOPWORDS.has(t) && !levelPositions.has(i) && !isLevelWord(t),
  ).length;

  const compareHint =
    tokens.some((t) => COMPARE_WORDS.includes(t)) || (tokens.includes("from") && tokens.includes("to"));
  const matches = findExactMatches(index, tokens, levelPositions, (entry) => {
    if (entry.via === "code") return containsAsWord(trimmed, entry.display) || contentCount <= 2;
    if (entry.via === "level_name")
      return levelContext || compareHint || contentCount <= 1 || entry.key.includes(" ");
    return true;
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
      !FRAMEWORK_WORDS.some(([word]) => word === t)
    );
  });
  const residual = residualPositions.map((i) => tokens[i] ?? "");
  let entities = matches.flatMap((m) => m.entries.map((entry) => ({ entry, recognition: exact(entry) })));
  if (entities.length === 0) {
    const fuzzyHit = fuzzyEntity(index, residual, memo, {
      levels: levels.length > 0,
      kindsWanted,
      levelContext,
    });
    if (fuzzyHit) entities = [fuzzyHit];
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
  };
}

function decide(analysis: Analysis): QueryBody {
  const { levels, compareHint, free, cues, framework, residual, entities } = analysis;
  const listKind = LIST_WORDS.find(([word]) => free.includes(word))?.[1];
  if (entities.length === 0 && levels.length === 0 && listKind) {
    const rest = residual.filter((t) => !LIST_FILLER.has(t) && !LIST_WORDS.some(([word]) => word === t));
    if (rest.length === 0) return { type: "list", kind: listKind, ...(framework ? { framework } : {}) };
  }

  const all = (kind: SubjectKind) => entities.filter((e) => e.entry.ref.kind === kind);
  const roles = uniqueIds(all("role"));
  if (roles.length >= 2 && (cues.compare || compareHint) && roles[0] && roles[1]) {
    return { type: "compare_roles", roleIds: [roles[0], roles[1]] };
  }
  const genericLevels = all("level");
  const [lowLevel, highLevel] = genericLevels
    .map((e) => e.entry.ref.id)
    .filter((id, i, ids) => ids.indexOf(id) === i)
    .sort((a, b) => Number(a.split(":")[1]) - Number(b.split(":")[1]));
  if (lowLevel && highLevel && lowLevel.split(":")[0] === highLevel.split(":")[0]) {
    const [fw = "sfia", from] = lowLevel.split(":");
    return {
      type: "compare_generic",
      framework: fw,
      from: Number(from),
      to: Number(highLevel.split(":")[1]),
    };
  }

  const pick = (kinds: readonly SubjectKind[]) => entities.find((e) => kinds.includes(e.entry.ref.kind));
  const raciRow = pick(["process", "practice", "tool"]);
  const role = pick(["role"]);
  const skill = pick(["skill"]);
  const genericLevel = pick(["level"]);

  if (raciRow && (cues.letter || cues.raci || !role)) {
    return {
      type: "raci",
      rowId: raciRow.entry.ref.id,
      ...(cues.letter ? { letter: cues.letter } : {}),
      ...(role ? { roleId: role.entry.ref.id } : {}),
      recognition: raciRow.recognition,
    };
  }
  if (role && (cues.letter || cues.raci || cues.does)) {
    return {
      type: "raci_reverse",
      roleId: role.entry.ref.id,
      ...(cues.letter ? { letter: cues.letter } : {}),
      recognition: role.recognition,
    };
  }
  if (skill) {
    const [from, to] = levels;
    if ((cues.compare || cues.next || levels.length >= 2) && from !== undefined) {
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
    const [id] = genericLevel.entry.ref.id.split(":");
    const level = Number(genericLevel.entry.ref.id.split(":")[1]);
    return { type: "generic_level", framework: id ?? "sfia", level, recognition: genericLevel.recognition };
  }
  const [from, to] = levels;
  // Only a question with nothing else left unexplained is about a generic level: "IT management level 6"
  // with no such skill is a search, not SFIA level 6.
  if (from !== undefined && residual.length === 0) {
    if (to !== undefined && to !== from) {
      return {
        type: "compare_generic",
        framework: framework ?? "sfia",
        from: Math.min(from, to),
        to: Math.max(from, to),
      };
    }
    if (cues.compare || cues.next) {
      return { type: "compare_generic", framework: framework ?? "sfia", from, to: from + 1 };
    }
    return { type: "generic_level", framework: framework ?? "sfia", level: from };
  }
  return { type: "search", text: analysis.text };
}

/**
 * Exact names win, but an unexplained word right beside an exact match may be a misspelt part of a longer
 * name: "Junuor digital evaluator" answers Digital evaluator and suggests Junior digital evaluator.
 */
function longerNames(index: SearchIndex, analysis: Analysis, memo: WordMemo): string[] {
  const names = new Set<string>();
  for (const match of analysis.matches) {
    const near = analysis.residualPositions.filter((i) => i >= match.start - 2 && i < match.end + 2);
    if (near.length === 0) continue;
    const span = Array.from({ length: match.end - match.start }, (_, k) => match.start + k);
    const phrase = [...near, ...span]
      .sort((a, b) => a - b)
      .map((i) => analysis.tokens[i] ?? "")
      .join(" ");
    const [best] = index.names.aligned(phrase, SUBJECT_MATCH_ONE, memo);
    const matchedIds = new Set(match.entries.map((e) => e.ref.id));
    if (best && best.score <= SEARCH_SETTINGS.acceptScore && !matchedIds.has(best.entry.ref.id)) {
      names.add(best.entry.ref.name);
    }
  }
  return [...names];
}

function uniqueIds(entities: ReadonlyArray<{ entry: NameEntry }>): string[] {
  return [...new Set(entities.map((e) => e.entry.ref.id))];
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
  aspect?: RoleAspect;
  /** words read as cues, left out of the fuzzy subject phrase */
  cueWords: Set<string>;
}

function readCues(free: readonly string[], all: readonly string[]): Cues {
  const cueWords = new Set<string>();
  const cues: Cues = { raci: false, compare: false, next: false, does: false, cueWords };
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
  cues.next = free.includes("next") || (free.includes("step") && free.includes("up"));
  const last = all[all.length - 1];
  cues.does = last === "do" && all.includes("what");
  if (free.includes("from") && free.includes("to") && !cues.letter) cues.compare = true;
  return cues;
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

function findExactMatches(
  index: SearchIndex,
  tokens: readonly string[],
  levelPositions: ReadonlyMap<number, number>,
  accept: (entry: NameEntry) => boolean,
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
      const entries = index.names.lookupKey(span.join(" ")).filter(accept);
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
  context: { levels: boolean; kindsWanted: readonly SubjectKind[]; levelContext: boolean },
): { entry: NameEntry; recognition: Recognition } | undefined {
  if (residual.length === 0) return undefined;
  const phrases = new Set<string>([residual.join(" ")]);
  for (let n = Math.min(residual.length - 1, 5); n >= 1; n--) {
    for (let start = 0; start + n <= residual.length; start++) {
      const phrase = residual.slice(start, start + n).join(" ");
      if (phrase.length >= 4) phrases.add(phrase);
    }
  }
  let best: { entry: NameEntry; score: number } | undefined;
  const residualLength = residual.join(" ").length;
  const largestBonus = (context.levels ? 0.05 : 0) + (context.kindsWanted.length > 0 ? 0.05 : 0);
  for (const phrase of phrases) {
    if (phrase.length < 3) continue;
    // A phrase that covers only part of the question is a weaker signal than the whole residual.
    const shortfall = (1 - phrase.length / residualLength) * 0.25;
    // Even a perfect hit on this phrase could not beat the best so far: no need to look it up.
    if (best && shortfall - largestBonus >= best.score) continue;
    for (const hit of index.names.aligned(phrase, SUBJECT_MATCH, memo)) {
      if (hit.entry.via === "level_name" && !context.levelContext) continue;
      let score = hit.score + shortfall;
      if (context.levels && hit.entry.ref.kind === "skill") score -= 0.05;
      if (context.kindsWanted.includes(hit.entry.ref.kind)) score -= 0.05;
      if (!best || score < best.score) best = { entry: hit.entry, score };
    }
  }
  if (!best || best.score > SEARCH_SETTINGS.acceptScore) return undefined;
  return {
    entry: best.entry,
    recognition: { via: best.entry.via, matched: best.entry.display, fuzzy: best.score },
  };
}
