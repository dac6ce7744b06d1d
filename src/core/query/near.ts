// Tolerates a typo in a cue word ("acountable", "comapre") without a dictionary.

/** True when word is within one edit of target (two for long words), so short words never collide. */
export function isNearWord(word: string, target: string): boolean {
  if (word === target) return true;
  if (word.length < 5 || target.length < 5) return false;
  const allowed = target.length >= 9 ? 2 : 1;
  if (Math.abs(word.length - target.length) > allowed) return false;
  return editDistance(word, target, allowed) <= allowed;
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
