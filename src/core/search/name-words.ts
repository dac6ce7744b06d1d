// The words of every name, for finding which names a possibly misspelt word belongs to.
//
// Each word is also filed under every string left by deleting up to two of its letters (the symmetric
// delete of SymSpell). Two words within k edits always share such a string, one made by at most k
// deletions from each, so a lookup checks a handful of candidates with an exact edit distance instead of
// scanning the vocabulary, and misses nothing within allowedEdits.
import { allowedEdits, editDistance } from "../text/spelling.ts";

export class NameWords {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  /** per word: positions of the names containing it, ascending */
  private readonly entriesOf: number[][] = [];
  private readonly byDeletion = new Map<string, number[]>();
  /** word ids in alphabetical order, for prefix lookups; rebuilt after words are added */
  private alphabetical: number[] | undefined;

  /** Files word as a word of the name at entry position (positions are added in ascending order). */
  add(word: string, entry: number): void {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.ids.set(word, id);
      this.entriesOf.push([]);
      for (const key of deletions(word, indexedDeletions(word))) {
        const list = this.byDeletion.get(key);
        if (list) list.push(id);
        else this.byDeletion.set(key, [id]);
      }
      this.alphabetical = undefined;
    }
    const entries = this.entriesOf[id] as number[];
    if (entries[entries.length - 1] !== entry) entries.push(entry);
  }

  get size(): number {
    return this.words.length;
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
    const exact = this.ids.get(word);
    if (allowed === 0) return exact === undefined ? [] : [exact];
    const near = new Set<number>();
    const consider = (key: string) => {
      const ids = this.byDeletion.get(key);
      if (!ids) return;
      for (const id of ids) {
        if (near.has(id)) continue;
        if (editDistance(word, this.words[id] as string, allowed) <= allowed) near.add(id);
      }
    };
    // Every string left by deleting up to `allowed` letters; deleting i then a later j reaches each pair
    // once (repeated letters aside, which only repeat a lookup).
    consider(word);
    for (let i = 0; i < word.length; i++) {
      const once = word.slice(0, i) + word.slice(i + 1);
      consider(once);
      if (allowed < 2) continue;
      for (let j = i; j < once.length; j++) consider(once.slice(0, j) + once.slice(j + 1));
    }
    return [...near];
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

/** The word and every distinct string made by deleting up to depth of its letters. */
function deletions(word: string, depth: number): Set<string> {
  const found = new Set<string>([word]);
  let frontier = [word];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const text of frontier) {
      for (let i = 0; i < text.length; i++) {
        const shorter = text.slice(0, i) + text.slice(i + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return found;
}
