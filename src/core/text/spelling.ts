// How far apart two spellings are, and how far a typo may go: the one rule every misspelling check uses.

/** Edits a word may carry and still be read as a misspelling: none for short words, so "it" never
 * becomes "at", one up to six letters, two for longer words. */
export function allowedEdits(word: string): number {
  return word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2;
}

/**
 * True when every word of the phrase is a plausible misspelling of a distinct word of the name (within
 * allowedEdits), or with prefixes, when a word of four or more letters begins one ("budget" in
 * "budgeting and forecasting"). Stops "it management" matching "cost management".
 */
export function wordsAlign(phrase: string, name: string, options: { prefixes?: boolean } = {}): boolean {
  const nameWords = name.split(" ");
  const used: boolean[] = [];
  for (const word of phrase.split(" ")) {
    if (!word) continue;
    const allowed = allowedEdits(word);
    const prefix = options.prefixes === true && word.length >= 4;
    const index = nameWords.findIndex(
      (candidate, i) =>
        !used[i] &&
        (candidate === word ||
          (prefix && candidate.startsWith(word)) ||
          (allowed > 0 && editDistance(word, candidate, allowed) <= allowed)),
    );
    if (index < 0) return false;
    used[index] = true;
  }
  return true;
}

// Three rows of the distance table, reused by every call (the core is synchronous, so never shared).
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Damerau-Levenshtein distance (optimal string alignment: an adjacent swap counts once), or limit + 1 as
 * soon as it must exceed limit.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  if ((rows[0]?.length ?? 0) < width)
    rows = [new Int32Array(width), new Int32Array(width), new Int32Array(width)];
  let [beforePrevious, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        value = Math.min(value, (beforePrevious[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] as number;
}
