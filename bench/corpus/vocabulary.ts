// Words for the synthetic corpora, read at run time from the real framework text (kept in memory only,
// never written anywhere), so word frequencies and lengths are those of real skill descriptions.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { DDAT_FILES, SFIA9_FILES } from "./real.ts";

export interface Vocabulary {
  /** every word of the source text in order, repeats included: sampling from it follows real frequencies */
  tokens: readonly string[];
  /** distinct words of 4+ letters that are not function words, for names */
  nameWords: readonly string[];
}

const FUNCTION_WORDS = new Set(
  "about above after also among and any are been being between both but can could does each either for from have into its more most much must not only other over such than that the their them then there these they this those through under upon very was were what when where which while who whom will with within without would your you".split(
    " ",
  ),
);

export function readVocabulary(): Vocabulary {
  const texts: string[] = [];
  const [sfiaSkills] = SFIA9_FILES;
  const [ddatRoles, ddatSkills] = DDAT_FILES;
  texts.push(...cells(iconv.decode(readFileSync(sfiaSkills), "win1252")));
  texts.push(...cells(readFileSync(ddatRoles, "utf8")));
  texts.push(...cells(readFileSync(ddatSkills, "utf8")));
  const tokens: string[] = [];
  for (const text of texts) {
    for (const match of text.toLowerCase().matchAll(/[a-z]+/g)) {
      if (match[0].length >= 2 || match[0] === "a") tokens.push(match[0]);
    }
  }
  const nameWords = [...new Set(tokens)].filter((w) => w.length >= 4 && !FUNCTION_WORDS.has(w)).sort();
  return { tokens, nameWords };
}

/** Long prose cells only: codes, URLs and level numbers are not vocabulary. */
function cells(csv: string): string[] {
  const rows: string[][] = parse(csv, { relax_column_count: true, skip_empty_lines: true });
  return rows.flat().filter((cell) => cell.length > 40 && !cell.startsWith("http"));
}
