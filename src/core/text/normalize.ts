// How text is folded before it is compared: the same function serves names, passages and questions,
// so an exact name lookup and a question mentioning that name always agree.

/** Words people abbreviate in questions. Applied to questions and to names alike. A Map, not an object:
 * a question containing "constructor" must not find Object.prototype's. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    mgmt: "management",
    mgt: "management",
    mngmt: "management",
    mgnt: "management",
    mgr: "manager",
    mngr: "manager",
    lvl: "level",
    lvls: "levels",
    lv: "level",
    lev: "level",
    svc: "service",
    svcs: "services",
    infosec: "information security",
    mgrs: "managers",
    vs: "versus",
  }),
);

const FOLDED = /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/;

/** Lower-cases, strips accents, and turns punctuation into spaces. "Ensure/advise" -> "ensure advise". */
export function fold(text: string): string {
  // Phrases rebuilt from words already folded come back here many times a question.
  if (FOLDED.test(text)) return text;
  // Decomposing accents is the slow step, and plain ASCII has none to strip.
  const unaccented = isAscii(text) ? text : text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  return unaccented
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[’']s\b/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Splits "l7" into "level 7" and expands abbreviations, so "it mgmt lvl 6" reads as "it management level 6". */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const word of fold(text).split(" ")) {
    if (!word) continue;
    const levelShort = word.startsWith("l") ? /^(?:l|lv|lvl|level)(\d)$/.exec(word) : null;
    if (levelShort?.[1]) {
      out.push("level", levelShort[1]);
      continue;
    }
    const expanded = ABBREVIATIONS.get(word);
    if (expanded) out.push(...expanded.split(" "));
    else out.push(word);
  }
  return out;
}

/** The canonical form of a name or phrase for exact lookups. */
export function canonical(text: string): string {
  return words(text).join(" ");
}

/** A light English stemmer: enough that "budgeting", "budgets" and "budget" meet, and "SLAs" finds "SLA". */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ing") && word.length > 5) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length > 4 && !word.endsWith("eed")) return word.slice(0, -2);
  if (word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Words that carry no subject in a question. "it" is deliberately absent: it is IT. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "by",
  "can",
  "do",
  "does",
  "for",
  "from",
  "how",
  "i",
  "in",
  "into",
  "is",
  "me",
  "my",
  "of",
  "on",
  "or",
  "our",
  "please",
  "say",
  "show",
  "tell",
  "that",
  "the",
  "their",
  "them",
  "there",
  "this",
  "to",
  "us",
  "was",
  "we",
  "what",
  "whats",
  "when",
  "where",
  "which",
  "who",
  "whom",
  "whose",
  "why",
  "will",
  "with",
  "you",
  "your",
  "about",
  "mean",
  "means",
  "meaning",
  "require",
  "requires",
  "required",
  "need",
  "needs",
  "expected",
  "look",
  "like",
]);

/** Character trigrams of a folded string, padded so short words still produce some. */
export function trigrams(text: string): string[] {
  const padded = `  ${text} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}
