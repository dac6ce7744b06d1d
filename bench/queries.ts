// The fixed query mix: known-item questions derived from the corpus itself, each with the one entity a
// good answer is about. Four categories, equally many of each, shuffled with a fixed seed:
//   code      exact code and level, "PROG 3"
//   typo      a name with one or two typos in words of 5+ letters, "Programing/software developmnet"
//   question  a multi-word question naming the entity, "what does Data engineering require at level 3"
//   free_text a distinctive 3-5 word phrase from the entity's own text, with no name in it
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";
import type { BenchDocument } from "./documents.ts";
import { createRandom, type Random } from "./lib/random.ts";

export const QUERY_CATEGORIES = ["code", "typo", "question", "free_text"] as const;
export type QueryCategory = (typeof QUERY_CATEGORIES)[number];

export interface BenchQuery {
  text: string;
  category: QueryCategory;
  /** how the question was phrased, for accuracy by form */
  form: string;
  /** the entity id a good answer ranks first */
  expected: string;
}

interface Named {
  entity: string;
  name: string;
  kind: "skill" | "role" | "role_level" | "raci";
}

/** Matches what Rolecall and people treat as a typed code (ITMG), not DDaT's slugs. */
const TYPED_CODE = /^[A-Z0-9]{2,8}$/;
const FUNCTION_WORDS = new Set(
  "a about an and are as at be by can do does for from have in into is it its of on or that the their them they this to was were what when where which who will with you your".split(
    " ",
  ),
);

export function buildQueryMix(
  kb: KnowledgeBase,
  docs: readonly BenchDocument[],
  options: { perCategory: number; seed: number },
): BenchQuery[] {
  const random = createRandom(options.seed);
  const n = options.perCategory;
  const queries = [
    ...codeQueries(kb, random, n),
    ...typoQueries(kb, random, n),
    ...questionQueries(kb, random, n),
    ...freeTextQueries(docs, random, n),
  ];
  return random.shuffle(queries);
}

function codeQueries(kb: KnowledgeBase, random: Random, n: number): BenchQuery[] {
  const skills = [...kb.skills.values()].filter((s) => TYPED_CODE.test(s.code));
  return cycle(random, skills, n).map((skill) => {
    const level = random.pick(skill.levels).level;
    return { text: `${skill.code} ${level}`, category: "code", form: "CODE n", expected: skill.id };
  });
}

function typoQueries(kb: KnowledgeBase, random: Random, n: number): BenchQuery[] {
  const all = namedEntities(kb);
  const known = new Set(all.map((e) => e.name.toLowerCase()));
  const names = unambiguous(all).filter((e) => e.name.split(/[\s/]+/).some((w) => w.length >= 5));
  const queries: BenchQuery[] = [];
  for (const entity of cycle(random, names, n)) {
    const typos = 1 + random.int(2);
    let text = entity.name;
    for (let attempt = 0; attempt < 10; attempt++) {
      text = withTypos(entity.name, typos, random);
      if (!known.has(text.toLowerCase())) break;
    }
    queries.push({
      text,
      category: "typo",
      form: `${entity.kind} name, ${typos} typo${typos > 1 ? "s" : ""}`,
      expected: entity.entity,
    });
  }
  return queries;
}

function questionQueries(kb: KnowledgeBase, random: Random, n: number): BenchQuery[] {
  type Ask = () => BenchQuery;
  const unique = new Set(unambiguous(namedEntities(kb)).map((e) => e.entity));
  const skills = [...kb.skills.values()].filter((s) => unique.has(s.id));
  const roles = [...kb.roles.values()].filter((r) => unique.has(r.id));
  const roleLevels = [...kb.roles.values()]
    .flatMap((r) => r.roleLevels ?? [])
    .filter((l) => unique.has(l.id));
  const levels = [...kb.levels.values()];
  const askers: Array<[number, Ask]> = [];
  askers.push([
    roles.length > 0 ? 0.5 : 1,
    () => {
      const skill = random.pick(skills);
      const level = random.pick(skill.levels).level;
      return {
        text: `what does ${skill.name} require at level ${level}`,
        category: "question",
        form: "what does <skill> require at level <n>",
        expected: skill.id,
      };
    },
  ]);
  if (roleLevels.length > 0) {
    askers.push([
      0.15,
      () => {
        const roleLevel = random.pick(roleLevels);
        return {
          text: `who is a ${roleLevel.name}`,
          category: "question",
          form: "who is a <role level>",
          expected: roleLevel.id,
        };
      },
    ]);
    askers.push([
      0.15,
      () => {
        const roleLevel = random.pick(roleLevels);
        return {
          text: `what is a ${roleLevel.name}`,
          category: "question",
          form: "what is a <role level>",
          expected: roleLevel.id,
        };
      },
    ]);
  }
  if (roles.length > 0) {
    askers.push([
      0.1,
      () => {
        const role = random.pick(roles);
        return {
          text: `tell me about the ${role.name} role`,
          category: "question",
          form: "tell me about the <role> role",
          expected: role.id,
        };
      },
    ]);
  }
  if (levels.length > 0 && roles.length > 0) {
    askers.push([
      0.1,
      () => {
        const level = random.pick(levels);
        return {
          text: `what does ${level.name} mean`,
          category: "question",
          form: "what does <level name> mean",
          expected: level.id,
        };
      },
    ]);
  }
  const total = askers.reduce((sum, [weight]) => sum + weight, 0);
  const queries: BenchQuery[] = [];
  for (const [weight, ask] of askers) {
    const count = Math.round((weight / total) * n);
    for (let i = 0; i < count && queries.length < n; i++) queries.push(ask());
  }
  while (queries.length < n) queries.push((askers[0] as [number, Ask])[1]());
  return queries;
}

function freeTextQueries(docs: readonly BenchDocument[], random: Random, n: number): BenchQuery[] {
  const folded = docs.map((d) => ` ${fold(d.text)} `);
  const queries: BenchQuery[] = [];
  const nameWords = (doc: BenchDocument) => new Set(fold(doc.name).split(" "));
  for (let tries = 0; queries.length < n && tries < n * 50; tries++) {
    const position = random.int(docs.length);
    const doc = docs[position] as BenchDocument;
    const words = fold(doc.text).split(" ").filter(Boolean);
    const length = 3 + random.int(3);
    if (words.length < length + 2) continue;
    const start = random.int(words.length - length + 1);
    const phrase = words.slice(start, start + length);
    const named = nameWords(doc);
    const content = phrase.filter((w) => w.length >= 4 && !FUNCTION_WORDS.has(w));
    // A phrase made of the entity's own name is a name lookup, not free text.
    if (content.length < 2 || content.every((w) => named.has(w))) continue;
    const needle = ` ${phrase.join(" ")} `;
    if (!isDistinctive(needle, doc.entity, docs, folded)) continue;
    queries.push({
      text: phrase.join(" "),
      category: "free_text",
      form: "3-5 words of its text",
      expected: doc.entity,
    });
  }
  return queries;
}

/** The phrase appears in no document about another entity. */
function isDistinctive(
  needle: string,
  entity: string,
  docs: readonly BenchDocument[],
  folded: readonly string[],
): boolean {
  for (let i = 0; i < docs.length; i++) {
    if (docs[i]?.entity !== entity && folded[i]?.includes(needle)) return false;
  }
  return true;
}

/** Entities whose name no other entity shares: "Technical architect" is a role and a role level. */
function unambiguous(named: readonly Named[]): Named[] {
  const counts = new Map<string, number>();
  for (const e of named) counts.set(e.name.toLowerCase(), (counts.get(e.name.toLowerCase()) ?? 0) + 1);
  return named.filter((e) => counts.get(e.name.toLowerCase()) === 1);
}

function namedEntities(kb: KnowledgeBase): Named[] {
  const named: Named[] = [];
  for (const skill of kb.skills.values()) named.push({ entity: skill.id, name: skill.name, kind: "skill" });
  for (const role of kb.roles.values()) {
    named.push({ entity: role.id, name: role.name, kind: "role" });
    for (const level of role.roleLevels ?? [])
      named.push({ entity: level.id, name: level.name, kind: "role_level" });
  }
  for (const row of kb.raci.values()) named.push({ entity: row.id, name: row.name, kind: "raci" });
  return named;
}

/** n items: a shuffled pass over the pool, repeated if the pool is smaller than n. */
function cycle<T>(random: Random, pool: readonly T[], n: number): T[] {
  if (pool.length === 0) return [];
  const out: T[] = [];
  while (out.length < n) out.push(...random.shuffle(pool).slice(0, n - out.length));
  return out;
}

/** Swaps, drops or replaces a letter (never the first) in distinct words of 5+ letters where possible. */
export function withTypos(name: string, typos: number, random: Random): string {
  const parts = name.split(/(\s+|\/)/);
  const long = parts.flatMap((p, i) => (/^[A-Za-z]{5,}$/.test(p) ? [i] : []));
  const targets =
    long.length >= typos
      ? random.sample(long, typos)
      : Array.from({ length: typos }, () => random.pick(long));
  for (const index of targets) parts[index] = typo(parts[index] as string, random);
  return parts.join("");
}

function typo(word: string, random: Random): string {
  const at = 1 + random.int(word.length - 2);
  const letters = [...word];
  switch (random.int(3)) {
    case 0:
      [letters[at], letters[at + 1]] = [letters[at + 1] as string, letters[at] as string];
      if (letters.join("") !== word) break;
      letters.splice(at, 1);
      break;
    case 1:
      letters.splice(at, 1);
      break;
    default: {
      let replacement = letters[at] as string;
      while (replacement === letters[at]) replacement = String.fromCharCode(97 + random.int(26));
      letters[at] = replacement;
    }
  }
  return letters.join("");
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
