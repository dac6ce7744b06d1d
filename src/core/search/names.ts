// Every way to name an entity (code, name, former or later name, alias, level name), looked up exactly
// first, and fuzzily only on a small candidate set chosen by shared trigrams.
import Fuse from "fuse.js";
import type { SubjectKind } from "../answer/types.ts";
import { canonical, trigrams } from "../text/normalize.ts";
import { SEARCH_SETTINGS } from "./settings.ts";

export type NameVia = "code" | "name" | "former_name" | "later_name" | "alias" | "level_name";

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

export class NameIndex {
  private readonly exact = new Map<string, NameEntry[]>();
  private readonly entries: NameEntry[] = [];
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

  get size(): number {
    return this.entries.length;
  }

  /**
   * Fuzzy lookup. A trigram prefilter keeps fuse.js to a few dozen candidates however large the corpus,
   * which is what keeps a question in the low milliseconds on 100k names.
   */
  fuzzy(
    phrase: string,
    options: {
      limit?: number;
      threshold?: number;
      kinds?: readonly SubjectKind[];
      /** a cheap test a candidate must pass before fuse.js scores it */
      accept?: (entry: NameEntry, key: string) => boolean;
    } = {},
  ): FuzzyHit[] {
    const key = canonical(phrase);
    if (!key) return [];
    const accept = options.accept;
    const candidates = this.candidates(key, options.kinds).filter((entry) => !accept || accept(entry, key));
    if (candidates.length === 0) return [];
    const fuse = new Fuse(candidates, {
      keys: ["key"],
      includeScore: true,
      ignoreLocation: true,
      // Field-length norm rewards short names, which let "it manager" beat "it service manager" for "it servce manager".
      ignoreFieldNorm: true,
      threshold: options.threshold ?? SEARCH_SETTINGS.nameThreshold,
      minMatchCharLength: 2,
    });
    const seen = new Set<string>();
    const hits: FuzzyHit[] = [];
    for (const result of fuse.search(key)) {
      const lengthPenalty =
        Math.abs(result.item.key.length - key.length) / Math.max(result.item.key.length, key.length);
      const score = (result.score ?? 1) * 0.75 + lengthPenalty * 0.25;
      const refKey = `${result.item.ref.kind}:${result.item.ref.id}`;
      if (seen.has(refKey)) continue;
      seen.add(refKey);
      hits.push({ entry: result.item, score });
    }
    hits.sort((a, b) => a.score - b.score);
    return hits.slice(0, options.limit ?? 5);
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
