// Free-text search over every passage of knowledge: an inverted index with BM25 ranking, a lift for
// passages the question quotes, and misspelt words corrected against the index's own vocabulary.
import type { Passage, SourceRef, Subject } from "../subjects.ts";
import { fold, STOPWORDS, stem, trigrams, words } from "../text/normalize.ts";
import { allowedEdits, editDistance } from "../text/spelling.ts";
import { SEARCH_SETTINGS } from "./settings.ts";

export interface PassageDoc {
  text: string;
  /** absent for passages about a source itself, e.g. its keywords */
  subject?: Subject;
  location: string;
  source?: SourceRef;
  /** notes written for knowledge authors: shown only when no other passage matches */
  lastResort?: boolean;
}

interface Posting {
  doc: number;
  count: number;
}

const BM25 = Object.freeze({ k1: 1.2, b: 0.75 });
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

export class PassageIndex {
  private readonly docs: PassageDoc[] = [];
  /** each passage folded and padded with spaces, for phrase lookups */
  private readonly folded: string[] = [];
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, Posting[]>();
  private readonly vocabularyGrams = new Map<string, string[]>();
  private totalLength = 0;
  private scores = new Float64Array(0);

  add(doc: PassageDoc): void {
    const position = this.docs.push(doc) - 1;
    this.folded.push(` ${fold(doc.text)} `);
    const counts = new Map<string, number>();
    const terms = words(doc.text).map(stem);
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
        this.indexVocabulary(term);
      }
      list.push({ doc: position, count });
    }
    this.lengths.push(terms.length);
    this.totalLength += terms.length;
  }

  get size(): number {
    return this.docs.length;
  }

  /** Whether some passage uses this word (or another with its stem) as written. */
  knows(word: string): boolean {
    return this.postings.has(stem(word));
  }

  search(
    question: string,
    limit: number = SEARCH_SETTINGS.passageLimit,
  ): { passages: Passage[]; terms: string[]; unresolved: string[]; asWritten: string[] } {
    const unresolved: string[] = [];
    const asWritten: string[] = [];
    const terms = this.resolveTerms(question, unresolved, asWritten);
    if (terms.length === 0 || this.docs.length === 0) return { passages: [], terms, unresolved, asWritten };
    const scores = this.scoreBuffer();
    const touched = this.score(terms, scores);
    const quoting = new Set(this.boostPhrase(question, terms, scores, touched));
    const termSet = new Set(terms);
    const shortlist = topByScore(touched, scores, limit * SEARCH_SETTINGS.passageOverfetch);
    let passages = this.pick(shortlist, limit, termSet, quoting);
    // The shortlist can run short when one subject owns most of the best passages: rank them all then.
    if (passages.length < limit && shortlist.length < touched.length) {
      const all = [...touched].sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
      passages = this.pick(all, limit, termSet, quoting);
    }
    for (const doc of touched) scores[doc] = 0;
    return { passages, terms, unresolved, asWritten };
  }

  /**
   * Passages holding the question's words in its order, as written: "advocate for agile working at" is
   * a quotation of one passage, whatever else shares those words.
   */
  containing(question: string): PassageDoc[] {
    // A quotation uses the passage's words as written, so no word needs correcting (which is costly).
    const terms = words(question)
      .filter((w) => !STOPWORDS.has(w))
      .map(stem);
    return this.phrasePositions(question, terms).map((p) => this.docs[p] as PassageDoc);
  }

  private phrasePositions(question: string, terms: readonly string[]): number[] {
    const phrase = fold(question);
    if (phrase.split(" ").length < 3 || terms.length === 0) return [];
    const needle = ` ${phrase} `;
    let rarest: Posting[] | undefined;
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) return [];
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    return (rarest ?? []).filter(({ doc }) => this.folded[doc]?.includes(needle)).map(({ doc }) => doc);
  }

  /** A passage quoting the whole question outranks every passage that only shares its words. */
  private boostPhrase(
    question: string,
    terms: readonly string[],
    scores: Float64Array,
    touched: readonly number[],
  ): number[] {
    const quoting = this.phrasePositions(question, terms);
    if (quoting.length === 0) return quoting;
    let top = 0;
    for (const doc of touched) top = Math.max(top, scores[doc] ?? 0);
    for (const doc of quoting) scores[doc] = (scores[doc] ?? 0) + top;
    return quoting;
  }

  /** Adds each passage's BM25 score to scores; returns the passages scored. */
  private score(terms: readonly string[], scores: Float64Array): number[] {
    const touched: number[] = [];
    const averageLength = this.totalLength / this.docs.length;
    const byRarity = [...terms].sort(
      (a, b) => (this.postings.get(a)?.length ?? 0) - (this.postings.get(b)?.length ?? 0),
    );
    const commonLimit = this.docs.length * SEARCH_SETTINGS.commonTermShare;
    for (const [i, term] of byRarity.entries()) {
      const list = this.postings.get(term) ?? [];
      // A word in a large share of passages barely moves BM25 but costs the most to score; the rarer
      // words of the question already choose the passages.
      if (i > 0 && list.length > commonLimit) continue;
      const idf = Math.log(1 + (this.docs.length - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, count } of list) {
        const length = this.lengths[doc] ?? 0;
        const tf =
          (count * (BM25.k1 + 1)) / (count + BM25.k1 * (1 - BM25.b + (BM25.b * length) / averageLength));
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] ?? 0) + idf * tf;
      }
    }
    return touched;
  }

  /**
   * The best passages in rank order, at most two per subject so one role cannot fill the answer; an
   * author's note only where the question quotes it or nothing else matched.
   */
  private pick(
    ranked: readonly number[],
    limit: number,
    terms: ReadonlySet<string>,
    quoting: ReadonlySet<number>,
  ): Passage[] {
    const perSubject = new Map<string, number>();
    const passages: Passage[] = [];
    const onlyLastResort = ranked.every((position) => this.docs[position]?.lastResort);
    for (const position of ranked) {
      const doc = this.docs[position];
      if (!doc || (doc.lastResort && !onlyLastResort && !quoting.has(position))) continue;
      const subjectKey = doc.subject
        ? `${doc.subject.kind}:${doc.subject.id}`
        : `source:${doc.source?.id ?? position}`;
      const shown = perSubject.get(subjectKey) ?? 0;
      if (shown >= 2) continue;
      perSubject.set(subjectKey, shown + 1);
      passages.push({
        text: doc.text,
        marks: markTerms(doc.text, terms),
        ...(doc.subject ? { subject: doc.subject } : {}),
        location: doc.location,
        ...(doc.source ? { source: doc.source } : {}),
      });
      if (passages.length >= limit) break;
    }
    return passages;
  }

  /** Scores per passage, allocated once and left all zero between searches. */
  private scoreBuffer(): Float64Array {
    if (this.scores.length < this.docs.length) this.scores = new Float64Array(this.docs.length);
    return this.scores;
  }

  /** Question words as index terms; a word the index has never seen is replaced by its closest spelling. */
  private resolveTerms(question: string, unresolved: string[] = [], asWritten?: string[]): string[] {
    const terms = new Set<string>();
    for (const word of words(question)) {
      if (STOPWORDS.has(word)) continue;
      const term = stem(word);
      const corrected = this.postings.has(term) ? term : term.length >= 4 ? this.correct(term) : undefined;
      if (corrected) terms.add(corrected);
      else unresolved.push(word);
      if (corrected === term) asWritten?.push(term);
    }
    return [...terms];
  }

  private correct(term: string): string | undefined {
    const overlap = new Map<string, number>();
    for (const gram of new Set(trigrams(term))) {
      for (const candidate of this.vocabularyGrams.get(gram) ?? []) {
        overlap.set(candidate, (overlap.get(candidate) ?? 0) + 1);
      }
    }
    const candidates = [...overlap]
      .sort((a, b) => b[1] - a[1])
      .slice(0, SEARCH_SETTINGS.vocabularyCandidates)
      .map(([candidate]) => candidate);
    // A correction is a plausible typo ("plorf" is not "explore") that keeps the word's first letter or
    // swaps the first two ("ofrecast"): "kxcd" is not "code". The fewest edits win, then the most
    // shared trigrams.
    const allowed = allowedEdits(term);
    const opensAlike = (candidate: string) =>
      candidate[0] === term[0] || (candidate[0] === term[1] && candidate[1] === term[0]);
    let best: { candidate: string; edits: number } | undefined;
    for (const candidate of candidates) {
      if (!opensAlike(candidate)) continue;
      const edits = editDistance(term, candidate, allowed);
      if (edits <= allowed && (!best || edits < best.edits)) best = { candidate, edits };
    }
    return best?.candidate;
  }

  private indexVocabulary(term: string): void {
    if (term.length < 4 || /^\d+$/.test(term)) return;
    for (const gram of new Set(trigrams(term))) {
      const list = this.vocabularyGrams.get(gram);
      if (list) list.push(term);
      else this.vocabularyGrams.set(gram, [term]);
    }
  }
}

/** The k positions with the highest scores, best first (ties by position), without sorting them all. */
export function topByScore(positions: readonly number[], scores: Float64Array, k: number): number[] {
  const better = (a: number, b: number) =>
    (scores[a] ?? 0) > (scores[b] ?? 0) || ((scores[a] ?? 0) === (scores[b] ?? 0) && a < b);
  const top: number[] = [];
  for (const position of positions) {
    if (top.length === k && !better(position, top[k - 1] ?? position)) continue;
    let low = 0;
    let high = top.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (better(top[middle] ?? position, position)) low = middle + 1;
      else high = middle;
    }
    top.splice(low, 0, position);
    if (top.length > k) top.pop();
  }
  return top;
}

/**
 * [start, end) ranges of every word in text (a run of letters and digits) whose folded form, or its stem,
 * is one of the terms. Passages run to thousands of characters and most words match no term, so the
 * text is scanned by character code, and as stemming keeps a word's first two letters, only ASCII words
 * opening as some term does are cut out and stemmed. Words with other letters are folded first, as an
 * accent may lead.
 */
export function markTerms(text: string, terms: ReadonlySet<string>): Array<[number, number]> {
  const openings = new Set<number>();
  for (const term of terms) openings.add(opening(term.charCodeAt(0), term.charCodeAt(1)));
  const marks: Array<[number, number]> = [];
  let start = -1;
  let plain = true;
  let i = 0;
  while (i <= text.length) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    let width = 1;
    let isWordCode = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
    if (!isWordCode && code > 127) {
      const point = text.codePointAt(i) ?? code;
      width = point > 0xffff ? 2 : 1;
      isWordCode = LETTER_OR_DIGIT.test(String.fromCodePoint(point));
      if (isWordCode) plain = false;
    }
    if (isWordCode) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      markWord(text, start, i, plain, terms, openings, marks);
      start = -1;
      plain = true;
    }
    i += width;
  }
  return marks;
}

function markWord(
  text: string,
  start: number,
  end: number,
  plain: boolean,
  terms: ReadonlySet<string>,
  openings: ReadonlySet<number>,
  marks: Array<[number, number]>,
): void {
  if (plain) {
    const second = end - start > 1 ? text.charCodeAt(start + 1) : Number.NaN;
    if (!openings.has(opening(text.charCodeAt(start), second))) return;
  }
  const word = text.slice(start, end);
  const folded = plain ? word.toLowerCase() : fold(word);
  if (terms.has(stem(folded)) || terms.has(folded)) marks.push([start, end]);
}

/** The first two character codes of a word, lower-cased, as one number (a one-letter word has NaN second). */
function opening(first: number, second: number): number {
  return Number.isNaN(second) ? lowerCode(first) * 256 + 255 : lowerCode(first) * 256 + lowerCode(second);
}

function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
