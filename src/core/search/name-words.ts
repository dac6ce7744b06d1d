// The words of every name, for finding which names a possibly misspelt word belongs to.
//
// Each word is also filed under every string left by deleting up to two of its letters (the symmetric
// delete of SymSpell). Two words within k edits always share such a string, one made by at most k
// deletions from each, so a lookup checks a handful of candidates with an exact edit distance instead of
// scanning the vocabulary, and misses nothing within allowedEdits. The strings are filed by a hash, never
// built: a long word has some sixty of them, and a hash collision only adds a candidate to check.
import { allowedEdits, editDistance } from "../text/spelling.ts";

export class NameWords {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  /** per word: positions of the names containing it, ascending */
  private readonly entriesOf: number[][] = [];
  private readonly byDeletion = new Map<number, number[]>();
  /** word ids in alphabetical order, for prefix lookups; rebuilt after words are added */
  private alphabetical: number[] | undefined;

  /** Files word as a word of the name at entry position (positions are added in ascending order). */
  add(word: string, entry: number): void {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.ids.set(word, id);
      this.entriesOf.push([]);
      const depth = indexedDeletions(word);
      forEachDeletion(word, depth, (hash) => {
        const list = this.byDeletion.get(hash);
        if (!list) this.byDeletion.set(hash, [id as number]);
        else if (list[list.length - 1] !== id) list.push(id as number);
      });
      this.alphabetical = undefined;
    }
    const entries = this.entriesOf[id] as number[];
    if (entries[entries.length - 1] !== entry) entries.push(entry);
  }

  /** Positions of the names holding a word within allowedEdits(word) of word. */
  entriesNear(word: string): Set<number> {
    const found = new Set<number>();
    for (const id of this.wordsNear(word)) for (const entry of this.entriesOf[id] ?? []) found.add(entry);
    return found;
  }

  /** Adds to found the names holding a word that begins with prefix (of four letters or more). */
  addStartingWith(prefix: string, found: Set<number>): Set<number> {
    if (prefix.length < 4) return found;
    for (const id of this.startingWith(prefix))
      for (const entry of this.entriesOf[id] ?? []) found.add(entry);
    return found;
  }

  /** Ids of the words within allowedEdits(word) of word. */
  private wordsNear(word: string): number[] {
    const allowed = allowedEdits(word);
    if (allowed === 0) {
      const exact = this.ids.get(word);
      return exact === undefined ? [] : [exact];
    }
    const checked = new Set<number>();
    const near: number[] = [];
    forEachDeletion(word, allowed, (hash) => this.check(word, allowed, hash, checked, near));
    return near;
  }

  /** Adds to near the words filed under this deletion that are within allowed edits of word. */
  private check(word: string, allowed: number, hash: number, checked: Set<number>, near: number[]): void {
    const ids = this.byDeletion.get(hash);
    if (!ids) return;
    for (const id of ids) {
      if (checked.has(id)) continue;
      checked.add(id);
      if (editDistance(word, this.words[id] as string, allowed) <= allowed) near.push(id);
    }
  }

  private *startingWith(prefix: string): Generator<number> {
    const order = this.sortedIds();
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.words[order[middle] as number] as string) < prefix) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < order.length; i++) {
      const id = order[i] as number;
      if (!(this.words[id] as string).startsWith(prefix)) return;
      yield id;
    }
  }

  private sortedIds(): number[] {
    this.alphabetical ??= this.words
      .map((_, id) => id)
      .sort((a, b) => ((this.words[a] as string) < (this.words[b] as string) ? -1 : 1));
    return this.alphabetical;
  }
}

/**
 * Deletions a word is filed under: enough for any query word that may match it. A query word gets two
 * edits only from seven letters, so it can only reach words of five or more; one edit reaches three.
 */
function indexedDeletions(word: string): number {
  return word.length >= 5 ? 2 : word.length >= 3 ? 1 : 0;
}

/**
 * Calls visit with the hash of the word and of every string made by deleting up to depth (at most two) of
 * its letters, without building those strings: a polynomial hash (mod 2^32) of the letters left is made
 * from the hashes of the word's prefixes and suffixes in constant time each. It depends only on the letters
 * left, so equal strings always meet, and is cut to 30 bits so V8 keeps it a small integer.
 */
function forEachDeletion(word: string, depth: number, visit: (hash: number) => void): void {
  const n = word.length;
  const { prefix, suffix, power } = hashTables(word);
  visit(small(prefix[n] as number));
  if (depth < 1) return;
  for (let i = 0; i < n; i++) {
    // word without i: prefix[i], then the suffix after i
    visit(small(Math.imul(prefix[i] as number, power[n - 1 - i] as number) + (suffix[i + 1] as number)));
    if (depth < 2) continue;
    for (let j = i + 1; j < n; j++) {
      // word without i and j: prefix[i], the letters between them, then the suffix after j
      const between =
        ((prefix[j] as number) - Math.imul(prefix[i + 1] as number, power[j - i - 1] as number)) | 0;
      const head = Math.imul(
        Math.imul(prefix[i] as number, power[j - i - 1] as number) + between,
        power[n - 1 - j] as number,
      );
      visit(small(head + (suffix[j + 1] as number)));
    }
  }
}

const BASE = 0x01000193;

/** prefix[k]: hash of the first k letters; suffix[k]: hash of the letters from k on; power[k]: BASE^k. */
function hashTables(word: string): { prefix: Int32Array; suffix: Int32Array; power: Int32Array } {
  const n = word.length;
  const prefix = new Int32Array(n + 1);
  const suffix = new Int32Array(n + 1);
  const power = new Int32Array(n + 1);
  power[0] = 1;
  for (let k = 0; k < n; k++) {
    prefix[k + 1] = Math.imul(prefix[k] as number, BASE) + word.charCodeAt(k) + 1;
    power[k + 1] = Math.imul(power[k] as number, BASE);
  }
  for (let k = n - 1; k >= 0; k--) {
    suffix[k] = Math.imul(word.charCodeAt(k) + 1, power[n - 1 - k] as number) + (suffix[k + 1] as number);
  }
  return { prefix, suffix, power };
}

function small(hash: number): number {
  return hash & 0x3fffffff;
}
