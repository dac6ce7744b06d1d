// Free search, help, and the helpful "not found".
import type { KnowledgeBase } from "../knowledge/model.ts";
import { GENERIC_NAME_WORDS } from "../query/vocabulary.ts";
import type { SearchIndex } from "../search/build.ts";
import type { WordMemo } from "../search/names.ts";
import { SEARCH_SETTINGS } from "../search/settings.ts";
import { STOPWORDS, words } from "../text/normalize.ts";
import { followUp, makeAnswer, skillHandle } from "./build.ts";
import { MESSAGES } from "./messages.ts";
import type { Answer, FollowUp, SourceRef, Subject } from "./types.ts";

export const EXAMPLE_QUESTIONS: readonly string[] = Object.freeze([
  "ITMG 5",
  "what changes from level 5 to 6 in IT management",
  "who is accountable for change management",
  "what is the IT service manager accountable for",
  "IT service manager qualifications",
  "what does level 5 mean",
  "what does Working mean",
  "SLA",
]);

export function searchAnswer(
  kb: KnowledgeBase,
  index: SearchIndex,
  text: string,
  memo: WordMemo = new Map(),
): Answer {
  const { passages, terms, unresolved, asWritten } = index.passages.search(text);
  if (passages.length === 0 || onlyGenericHits(asWritten, unresolved)) return notFoundAnswer(index, text);
  const subjects = new Map<string, Subject>();
  const sources = new Map<string, SourceRef>();
  for (const passage of passages) {
    if (passage.subject) subjects.set(`${passage.subject.kind}:${passage.subject.id}`, passage.subject);
    if (passage.source) sources.set(`${passage.source.title}:${passage.source.level ?? ""}`, passage.source);
  }
  const didYouMean = suggestions(index, text, "aligned", memo);
  const related: FollowUp[] = [...subjects.values()].slice(0, 3).map((s) => {
    const skill = s.kind === "skill" ? kb.skills.get(s.id) : undefined;
    const question = skill ? `${skillHandle(skill)}${s.level ? ` level ${s.level}` : ""}` : s.name;
    return followUp("related", s.level ? `${s.name} level ${s.level}` : s.name, question);
  });
  const followUps = [
    ...didYouMean,
    ...related.filter((r) => !didYouMean.some((d) => d.question === r.question)),
  ];
  return makeAnswer("search", `Results for “${text}”`, {
    summary: `The best ${passages.length === 1 ? "passage" : `${passages.length} passages`} mentioning ${terms.map((t) => `“${t}”`).join(", ")}.`,
    sections: [{ title: "Best matches", passages }],
    subjects: [...subjects.values()],
    sources: [...sources.values()],
    followUps,
  });
}

/**
 * "banana management", "PLORF 5", "kxcd wrrt": words the knowledge doesn't use as written, and the only
 * words found as written are ones half the knowledge uses, or numbers. Passages sharing "management" or
 * "5", or a guessed spelling of gibberish, are not an answer.
 */
function onlyGenericHits(asWritten: readonly string[], unresolved: readonly string[]): boolean {
  const generic = (t: string) =>
    /^\d+$/.test(t) || GENERIC_NAME_WORDS.has(t) || GENERIC_NAME_WORDS.has(`${t}s`);
  return unresolved.some((w) => !/^\d+$/.test(w)) && asWritten.every(generic);
}

/**
 * Names the text may have meant, for "did you mean". Beside search results, only names whose words the
 * whole text spells, misspells or begins ("SLA" for SLA manager), or that a word the knowledge never uses
 * as written misspells ("chnge" for Change manager): a correctly spelt word of a longer question is
 * already searched for. When nothing was found at all, any name close enough by fuse.js over shared
 * trigrams.
 */
export function suggestions(
  index: SearchIndex,
  text: string,
  reach: "aligned" | "any",
  memo: WordMemo = new Map(),
): FollowUp[] {
  const content = words(text).filter((w) => !STOPWORDS.has(w));
  const single = content.filter((w) => w.length >= 4 && (reach === "any" || !index.passages.knows(w)));
  const phrases = new Set([content.join(" "), ...single]);
  const seen = new Set<string>();
  const found: Array<{ name: string; score: number }> = [];
  const options = { limit: 3, threshold: SEARCH_SETTINGS.suggestScore };
  for (const phrase of phrases) {
    if (!phrase) continue;
    // Shared letters are not enough to suggest a name: its words must read as misspellings of the
    // phrase's ("incidnet" for Incident manager), never "Expert" for "asdfghjkl qwerty". The aligned
    // lookup finds only such names, and scores few of them.
    const hits = index.names.aligned(phrase, { ...options, prefixes: true }, memo);
    for (const hit of hits) {
      if (hit.score > SEARCH_SETTINGS.suggestScore) continue;
      const key = `${hit.entry.ref.kind}:${hit.entry.ref.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ name: hit.entry.display, score: hit.score });
    }
  }
  return found
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((s) => followUp("did_you_mean", s.name, s.name));
}

export function notFoundAnswer(index: SearchIndex, text: string): Answer {
  const didYouMean = suggestions(index, text, "any");
  const examples = EXAMPLE_QUESTIONS.slice(0, 3).map((q) => followUp("example", q, q));
  return makeAnswer("not_found", MESSAGES.notFoundTitle, {
    summary: MESSAGES.notFound(text.length > 80 ? `${text.slice(0, 77)}…` : text),
    sections: didYouMean.length
      ? [{ title: MESSAGES.didYouMean, items: didYouMean.map((d) => d.label) }]
      : [],
    followUps: [...didYouMean, ...examples],
  });
}

export function tooLongAnswer(length: number): Answer {
  return makeAnswer("not_found", MESSAGES.tooLongTitle, {
    summary: MESSAGES.tooLong(length, SEARCH_SETTINGS.maxQuestionLength),
    followUps: EXAMPLE_QUESTIONS.slice(0, 3).map((q) => followUp("example", q, q)),
  });
}

export function helpAnswer(kb: KnowledgeBase): Answer {
  const frameworks = [...kb.frameworks.values()].map((f) => ({
    label: f.name,
    value: `${f.fullName ?? f.name}, version ${f.version}`,
  }));
  return makeAnswer("help", MESSAGES.helpTitle, {
    summary:
      "Ask about skill levels, roles and who is responsible for what. I answer from the skills frameworks and the RACI in the knowledge base.",
    sections: [
      {
        title: "You can ask",
        items: [
          "What a skill requires at a level: “ITMG 5”, “IT management level 6”",
          "What a generic level means: “what does level 5 mean”, “what does Working mean”",
          "What changes between levels: “compare ITMG 5 and 6”, “what changes from Working to Practitioner”",
          "How two roles differ: “difference between the IT manager and the IT service manager”",
          "What the knowledge base holds: “list all processes”, “DDaT levels”, “roles”",
          "Career steps: “how do I get from IT service manager to senior IT service manager”, “which roles need ITMG at level 6”",
          "From where you stand, once your profile is set: “what do I need for the next level”, “what's my gap to head of IT service management”, “compare me with lead developer”",
          "Who is responsible, accountable, consulted or informed: “who is accountable for change management”",
          "What a role is accountable for: “what is the IT service manager accountable for”",
          "A role's profile or one part of it: “IT service manager qualifications”",
          "Anything else, as free search: “budgeting”, “SLA”, “ITIL”",
        ],
      },
      { title: "Frameworks I know", facts: frameworks },
    ],
    facts: [
      { label: "Skills", value: String(kb.skills.size) },
      { label: "Roles", value: String(kb.roles.size) },
      { label: "RACI rows", value: String(kb.raci.size) },
    ],
    followUps: EXAMPLE_QUESTIONS.map((q) => followUp("example", q, q)),
  });
}
