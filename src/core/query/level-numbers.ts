// Levels written as words: "level five", "fifth level", "level VI", "5th level". Only a number beside a
// level word (or another level number) is a level, so "five areas" stays free text.

const CARDINALS: ReadonlyMap<string, number> = new Map([
  ["one", 1],
  ["two", 2],
  ["three", 3],
  ["four", 4],
  ["five", 5],
  ["six", 6],
  ["seven", 7],
  ["eight", 8],
  ["nine", 9],
]);
const ORDINALS: ReadonlyMap<string, number> = new Map([
  ["first", 1],
  ["second", 2],
  ["third", 3],
  ["fourth", 4],
  ["fifth", 5],
  ["sixth", 6],
  ["seventh", 7],
  ["eighth", 8],
  ["ninth", 9],
  ["1st", 1],
  ["2nd", 2],
  ["3rd", 3],
  ["4th", 4],
  ["5th", 5],
  ["6th", 6],
  ["7th", 7],
  ["8th", 8],
  ["9th", 9],
]);
/** Roman numerals are read only straight after a level word: "I" alone is a pronoun. */
const ROMAN: ReadonlyMap<string, number> = new Map([
  ["i", 1],
  ["ii", 2],
  ["iii", 3],
  ["iv", 4],
  ["v", 5],
  ["vi", 6],
  ["vii", 7],
  ["viii", 8],
  ["ix", 9],
]);
const RANGE_WORDS = new Set(["to", "and", "or", "versus", "through"]);

/** Tokens with level numbers written as words turned into digits; every other token unchanged. */
export function digitLevels(tokens: readonly string[], isLevelWord: (word: string) => boolean): string[] {
  const out = [...tokens];
  const levelWordAt = (i: number) => i >= 0 && i < tokens.length && isLevelWord(tokens[i] ?? "");
  const isDigit = (i: number) => /^[1-9]$/.test(out[i] ?? "");
  // Two passes, so "level five to six" reads six as a level once five has become 5.
  for (let pass = 0; pass < 2; pass++) {
    tokens.forEach((token, i) => {
      if (isDigit(i)) return;
      const word = CARDINALS.get(token) ?? ORDINALS.get(token);
      const roman = ROMAN.get(token);
      const besideLevel = levelWordAt(i - 1) || levelWordAt(i + 1);
      const inRange =
        (RANGE_WORDS.has(tokens[i - 1] ?? "") && isDigit(i - 2)) ||
        (RANGE_WORDS.has(tokens[i + 1] ?? "") && isDigit(i + 2));
      if (word !== undefined && (besideLevel || inRange)) out[i] = String(word);
      else if (roman !== undefined && (levelWordAt(i - 1) || (inRange && token !== "i")))
        out[i] = String(roman);
    });
  }
  return out;
}
