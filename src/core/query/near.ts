// Tolerates a typo in a cue word ("acountable", "comapre") without a dictionary.

/** True when word is within one edit of target (two for long words), so short words never collide. */
export function isNearWord(word: string, target: string): boolean {
  if (word === target) return true;
  if (word.length < 5 || target.length < 5) return false;
  const allowed = target.length >= 9 ? 2 : 1;
  if (Math.abs(word.length - target.length) > allowed) return false;
  return editDistance(word, target, allowed) <= allowed;
}

/**
 * True when every word of the phrase is a plausible misspelling of a distinct word of the name: short words
 * must match exactly, longer ones within one or two edits. Stops "it management" matching "cost management".
 */
export function wordsAlign(phrase: string, name: string): boolean {
  const nameWords = name.split(" ");
  const used = new Set<number>();
  for (const word of phrase.split(" ")) {
    if (!word) continue;
    const allowed = word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2;
    const index = nameWords.findIndex(
      (candidate, i) =>
        !used.has(i) && (candidate === word || editDistance(word, candidate, allowed) <= allowed),
    );
    if (index < 0) return false;
    used.add(index);
  }
  return true;
}

/** Damerau-Levenshtein distance (adjacent swaps count once), stopping early once it exceeds limit. */
function editDistance(a: string, b: string, limit: number): number {
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
