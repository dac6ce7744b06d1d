// Every way to name an entity (code, name, former or later name, alias, level name), looked up exactly
// first, and fuzzily only on a small candidate set: names whose words align with the phrase's words, or,
// for arbitrary misspellings, names sharing the phrase's rarer trigrams.
import Fuse from "fuse.js";
import type { SubjectKind } from "../subjects.ts";
import { canonical, trigrams } from "../text/normalize.ts";
import { wordsAlign } from "../text/spelling.ts";
import { NameWords } from "./name-words.ts";
import { SEARCH_SETTINGS } from "./settings.ts";

export type NameVia = "code" | "name" | "former_name" | "later_name" | "alias" | "acronym" | "level_name";

export interface NameRef {
  kind: SubjectKind;
  id: string;
  /** the entity's own name, whichever of its names matched */
  name: string;
}

export interface NameEntry {
  /** canonical form used for matching */
  key: string;
  /** as written in the knowledge */
  display: string;
  ref: NameRef;
  via: NameVia;
}

export interface FuzzyHit {
  entry: NameEntry;
  /** 0 is a perfect match, 1 no match (fuse.js convention) */
  score: number;
}

export interface AlignedOptions {
  limit?: number;
  /** fuse.js threshold: 0 exact only, 1 anything */
  threshold?: number;
  kinds?: readonly SubjectKind[];
  /** a phrase word of four or more letters may also begin a name's word ("budget" in "budgeting") */
  prefixes?: boolean;
  /** the phrase must be at least this share of the name's length ("SLA" is not the "SLA manager") */
  minCoverage?: number;
}

/** The names near each word, remembered for one question, which tries the same words in many phrases. */
export type WordMemo = Map<string, Set<number>>;

export class NameIndex {
  private readonly exact = new Map<string, NameEntry[]>();
  private readonly entries: NameEntry[] = [];
  private readonly words = new NameWords();
  /** first word of a name -> the most words any name starting with it has */
  private readonly openings = new Map<string, number>();
  private readonly byTrigram = new Map<string, number[]>();
  /** trigram hits per entry during one lookup; reset after each, so it is allocated once */
  private counts = new Uint16Array(0);
  private readonly recentCandidates = new Map<string, NameEntry[]>();

  add(display: string, ref: NameRef, via: NameVia): void {
    const key = canonical(display);
    if (!key) return;
    const existing = this.exact.get(key) ?? [];
    if (existing.some((e) => e.ref.kind === ref.kind && e.ref.id === ref.id)) return;
    const entry: NameEntry = { key, display, ref, via };
    existing.push(entry);
    this.exact.set(key, existing);
    const position = this.entries.push(entry) - 1;
    const keyWords = key.split(" ");
    for (const word of keyWords) this.words.add(word, position);
    const first = keyWords[0] as string;
    this.openings.set(first, Math.max(this.openings.get(first) ?? 0, keyWords.length));
    this.recentCandidates.clear();
    for (const gram of new Set(trigrams(key))) {
      const list = this.byTrigram.get(gram);
      if (list) list.push(position);
      else this.byTrigram.set(gram, [position]);
    }
  }

  lookup(phrase: string): readonly NameEntry[] {
    return this.exact.get(canonical(phrase)) ?? [];
  }

  lookupKey(key: string): readonly NameEntry[] {
    return this.exact.get(key) ?? [];
  }

  /** The most words of any name that starts with this word; 0 when none does. */
  longestNameFrom(word: string): number {
    return this.openings.get(word) ?? 0;
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Names a phrase could be a misspelling of: every word of the phrase must be within allowedEdits of a
   * distinct word of the name (see wordsAlign). The names are found by word, through NameWords, so
   * fuse.js scores only names that can match, and none at all when the phrase appears in the name as
   * written (fuse.js would score that 0). Pass one memo for every phrase of a question.
   */
  aligned(phrase: string, options: AlignedOptions = {}, memo: WordMemo = new Map()): FuzzyHit[] {
    const key = canonical(phrase);
    if (!key) return [];
    const prefixes = options.prefixes === true;
    const sets = [...new Set(key.split(" "))].map((word) => this.namesNear(word, prefixes, memo));
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...others] = sets;
    if (!smallest || smallest.size === 0) return [];
    const minLength = key.length / (options.minCoverage ?? 0);
    const exact: NameEntry[] = [];
    const inexact: NameEntry[] = [];
    const padded = ` ${key} `;
    for (const position of smallest) {
      if (others.some((set) => !set.has(position))) continue;
      const entry = this.entries[position];
      if (!entry || entry.key.length > minLength) continue;
      if (options.kinds && !options.kinds.includes(entry.ref.kind)) continue;
      if (` ${entry.key} `.includes(padded)) exact.push(entry);
      else if (wordsAlign(key, entry.key, { prefixes })) inexact.push(entry);
    }
    const hits = exact.map((entry) => ({ entry, score: lengthPenalty(entry.key, key) * 0.25 }));
    const limit = options.limit ?? 5;
    if (inexact.length > 0) {
      // When a common word names many, fuse.js scores those closest in length, as the length penalty
      // favours them: a few for each hit wanted.
      inexact.sort((a, b) => Math.abs(a.key.length - key.length) - Math.abs(b.key.length - key.length));
      const scored = Math.min(SEARCH_SETTINGS.fuzzyCandidates, limit * SEARCH_SETTINGS.alignedPerHit);
      hits.push(...this.score(key, inexact.slice(0, scored), options.threshold));
    }
    return bestPerEntity(hits, limit);
  }

  /** Names with a word near this one (or beginning with it), remembered in the question's memo. */
  private namesNear(word: string, prefixes: boolean, memo: WordMemo): Set<number> {
    const memoKey = prefixes ? `${word}*` : word;
    let found = memo.get(memoKey);
    if (!found) {
      found = prefixes
        ? this.words.addStartingWith(word, new Set(this.namesNear(word, false, memo)))
        : this.words.entriesNear(word);
      memo.set(memoKey, found);
    }
    return found;
  }

  /**
   * Fuzzy lookup for any misspelling, word-aligned or not (a not-found answer's suggestions, /role
   * subscribe's). A trigram prefilter keeps fuse.js to a few dozen candidates however large the corpus.
   */
  fuzzy(
    phrase: string,
    options: { limit?: number; threshold?: number; kinds?: readonly SubjectKind[] } = {},
  ): FuzzyHit[] {
    const key = canonical(phrase);
    if (!key) return [];
    const candidates = this.candidates(key, options.kinds);
    if (candidates.length === 0) return [];
    return bestPerEntity(this.score(key, candidates, options.threshold), options.limit ?? 5);
  }

  /** fuse.js's score for each candidate it matches, blended with how far the lengths differ. */
  private score(key: string, candidates: readonly NameEntry[], threshold?: number): FuzzyHit[] {
    const fuse = new Fuse(candidates, {
      keys: ["key"],
      includeScore: true,
      ignoreLocation: true,
      // Field-length norm rewards short names, which let "it manager" beat "it service manager" for "it servce manager".
      ignoreFieldNorm: true,
      threshold: threshold ?? SEARCH_SETTINGS.nameThreshold,
      minMatchCharLength: 2,
    });
    return fuse.search(key).map((result) => ({
      entry: result.item,
      score: (result.score ?? 1) * 0.75 + lengthPenalty(result.item.key, key) * 0.25,
    }));
  }

  private candidates(key: string, kinds: readonly SubjectKind[] | undefined): NameEntry[] {
    const cacheKey = kinds ? `${key}|${kinds.join(",")}` : key;
    const cached = this.recentCandidates.get(cacheKey);
    if (cached) return cached;
    const found = this.findCandidates(key, kinds);
    // One question looks up the same phrases again (subject, then did-you-mean); the index never changes.
    if (this.recentCandidates.size >= SEARCH_SETTINGS.candidateCacheSize) {
      const oldest = this.recentCandidates.keys().next().value;
      if (oldest !== undefined) this.recentCandidates.delete(oldest);
    }
    this.recentCandidates.set(cacheKey, found);
    return found;
  }

  private findCandidates(key: string, kinds: readonly SubjectKind[] | undefined): NameEntry[] {
    const all = [...new Set(trigrams(key))].sort(
      (a, b) => (this.byTrigram.get(a)?.length ?? 0) - (this.byTrigram.get(b)?.length ?? 0),
    );
    // Trigrams found in many names ("man", "ent") say little and cost the most to count: use the rare ones,
    // and never fewer than the three rarest.
    const commonLimit = Math.max(256, this.entries.length * SEARCH_SETTINGS.commonTrigramShare);
    const informative = all.filter((gram) => (this.byTrigram.get(gram)?.length ?? 0) <= commonLimit);
    const grams = informative.length >= Math.min(3, all.length) ? informative : all.slice(0, 3);
    if (this.counts.length < this.entries.length) this.counts = new Uint16Array(this.entries.length);
    const counts = this.counts;
    const touched: number[] = [];
    for (const gram of grams) {
      for (const position of this.byTrigram.get(gram) ?? []) {
        if (counts[position] === 0) touched.push(position);
        counts[position] = (counts[position] ?? 0) + 1;
      }
    }
    const minShared = Math.max(1, Math.floor(grams.length * SEARCH_SETTINGS.minTrigramShare));
    const ranked: Array<[number, number]> = [];
    for (const position of touched) {
      const shared = counts[position] ?? 0;
      counts[position] = 0;
      if (shared < minShared) continue;
      const entry = this.entries[position];
      if (!entry || (kinds && !kinds.includes(entry.ref.kind))) continue;
      // Dice coefficient on trigram counts: favours names of similar length to the phrase.
      ranked.push([position, (2 * shared) / (grams.length + entry.key.length + 3)]);
    }
    ranked.sort((a, b) => b[1] - a[1]);
    return ranked.slice(0, SEARCH_SETTINGS.fuzzyCandidates).flatMap(([position]) => {
      const entry = this.entries[position];
      return entry ? [entry] : [];
    });
  }
}

function lengthPenalty(name: string, phrase: string): number {
  return Math.abs(name.length - phrase.length) / Math.max(name.length, phrase.length);
}

/** The best-scored hit for each entity, best first. */
function bestPerEntity(hits: FuzzyHit[], limit: number): FuzzyHit[] {
  hits.sort((a, b) => a.score - b.score);
  const seen = new Set<string>();
  const best: FuzzyHit[] = [];
  for (const hit of hits) {
    const refKey = `${hit.entry.ref.kind}:${hit.entry.ref.id}`;
    if (seen.has(refKey)) continue;
    seen.add(refKey);
    best.push(hit);
    if (best.length === limit) break;
  }
  return best;
}
