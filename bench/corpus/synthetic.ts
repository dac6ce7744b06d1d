// Synthetic frameworks of any size: skills with a code, a 2-4 word name, a description and four level
// texts, so a skill is five documents. Words come from the real framework text (see vocabulary.ts);
// the same seed always gives the same corpus. The corpus is YAML text in memory, loaded through the
// same parser and validator as knowledge read from disk.
import type { KnowledgeText } from "../../src/core/knowledge/load.ts";
import { createRandom, type Random } from "../lib/random.ts";
import type { Vocabulary } from "./vocabulary.ts";

export const SYNTHETIC_FRAMEWORK = "synth";
/** documents per synthetic skill: its description and four levels */
export const DOCUMENTS_PER_SKILL = 5;
const SKILLS_PER_FILE = 2000;

export interface SyntheticCorpus {
  texts: KnowledgeText[];
  skills: number;
  documents: number;
}

export function generateSyntheticCorpus(
  documents: number,
  seed: number,
  vocabulary: Vocabulary,
): SyntheticCorpus {
  const random = createRandom(seed);
  const skillCount = Math.ceil(documents / DOCUMENTS_PER_SKILL);
  const codes = uniqueCodes(skillCount, random, new Set(vocabulary.nameWords));
  const names = uniqueNames(skillCount, random, vocabulary.nameWords);
  const texts: KnowledgeText[] = [
    {
      file: "synthetic/framework.yaml",
      text: [
        "frameworks:",
        `  - id: ${SYNTHETIC_FRAMEWORK}`,
        "    name: Synth",
        "    fullName: Synthetic Skills Framework",
        '    version: "1"',
        "",
      ].join("\n"),
    },
  ];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length <= 1) return;
    texts.push({ file: `synthetic/skills-${texts.length}.yaml`, text: `${lines.join("\n")}\n` });
    lines = [];
  };
  for (let i = 0; i < skillCount; i++) {
    if (i % SKILLS_PER_FILE === 0) {
      flush();
      lines = ["skills:"];
    }
    const first = 1 + random.int(4);
    lines.push(
      `  - framework: ${SYNTHETIC_FRAMEWORK}`,
      `    code: ${codes[i]}`,
      `    name: ${JSON.stringify(names[i])}`,
      `    description: ${JSON.stringify(prose(random, vocabulary, 15, 30))}`,
      "    levels:",
    );
    for (let level = first; level < first + 4; level++) {
      lines.push(
        `      - level: ${level}`,
        `        description: ${JSON.stringify(prose(random, vocabulary, 25, 50))}`,
      );
    }
  }
  flush();
  return { texts, skills: skillCount, documents: skillCount * DOCUMENTS_PER_SKILL };
}

function uniqueCodes(count: number, random: Random, words: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const codes: string[] = [];
  while (codes.length < count) {
    let code = "";
    for (let i = 0; i < 4; i++) code += String.fromCharCode(65 + random.int(26));
    if (seen.has(code) || words.has(code.toLowerCase())) continue;
    seen.add(code);
    codes.push(code);
  }
  return codes;
}

function uniqueNames(count: number, random: Random, words: readonly string[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  while (names.length < count) {
    const picked = Array.from({ length: 2 + random.int(3) }, () => random.pick(words));
    const key = picked.join(" ");
    if (new Set(picked).size !== picked.length || seen.has(key)) continue;
    seen.add(key);
    names.push(capitalise(key));
  }
  return names;
}

/** Sentences of words drawn with their real frequencies. */
function prose(random: Random, vocabulary: Vocabulary, min: number, max: number): string {
  const length = min + random.int(max - min + 1);
  const sentences: string[] = [];
  let sentence: string[] = [];
  for (let i = 0; i < length; i++) {
    sentence.push(random.pick(vocabulary.tokens));
    if (sentence.length >= 8 + random.int(9) || i === length - 1) {
      sentences.push(`${capitalise(sentence.join(" "))}.`);
      sentence = [];
    }
  }
  return sentences.join(" ");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
