// The evaluation set (eval/questions.yaml) beside the baselines: every category's accuracy for Rolecall,
// plain fuse.js and MiniSearch on one corpus. Untimed and in this process: it measures answers, not speed.
// A baseline only ranks entities, so all three are scored the same way on the entities a question names:
//   top-1  the first entity ranked is one the question expects
//   top-k  every entity it expects is among the first k = max(3, how many it expects)
// A question expecting nothing (nonsense) is a hit when nothing is ranked. Questions naming no entity
// (only an intent, say) are left out of these two; Rolecall's "checks" column runs every check of the
// question as `npm run eval` does.
import type { CorpusName } from "../eval/corpora.ts";
import { checkAnswer } from "../eval/evaluate.ts";
import { CATEGORIES, type Category, type EvalQuestion, type SubjectRef } from "../eval/schema.ts";
import type { Answer } from "../src/core/answer/types.ts";
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";
import { buildEngine, ENGINE_NAMES, type EngineName } from "./engines.ts";

export interface EvalCategoryResult {
  questions: number;
  /** share of questions passing every check of the evaluation set (Rolecall only) */
  rolecallChecks: number;
  /** questions scored on ranked entities */
  ranked: number;
  top1: Record<EngineName, number>;
  topK: Record<EngineName, number>;
}

export interface EvalSetResult {
  corpus: CorpusName;
  questions: number;
  byCategory: Partial<Record<Category, EvalCategoryResult>>;
}

export function evaluateEngines(
  corpus: CorpusName,
  kb: KnowledgeBase,
  questions: readonly EvalQuestion[],
  log: (line: string) => void = () => {},
): EvalSetResult {
  const asked = questions.filter((q) => q.corpora.includes(corpus));
  const targets = asked.map(expectedEntities);
  const ranked: Record<EngineName, string[][]> = { rolecall: [], fuse: [], minisearch: [] };
  const checks: boolean[] = [];
  for (const name of ENGINE_NAMES) {
    const started = performance.now();
    const engine = buildEngine(name, kb);
    for (const question of asked) {
      const result = engine.ask(question.q);
      ranked[name].push(engine.rankedEntities(result));
      if (name === "rolecall") checks.push(checkAnswer(question, corpus, result as Answer, kb).pass);
    }
    log(
      `  evaluation set on ${corpus}, ${name}: ${asked.length} questions (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  const byCategory: Partial<Record<Category, EvalCategoryResult>> = {};
  for (const category of CATEGORIES) {
    const positions = asked.flatMap((q, i) => (q.category === category ? [i] : []));
    if (positions.length === 0) continue;
    const scored = positions.filter((i) => targets[i] !== undefined);
    const share = (hit: (i: number) => boolean) =>
      scored.length ? scored.filter(hit).length / scored.length : Number.NaN;
    const per = (score: (entities: readonly string[], want: readonly string[]) => boolean) =>
      Object.fromEntries(
        ENGINE_NAMES.map((name) => [name, share((i) => score(ranked[name][i] ?? [], targets[i] ?? []))]),
      ) as Record<EngineName, number>;
    byCategory[category] = {
      questions: positions.length,
      rolecallChecks: positions.filter((i) => checks[i]).length / positions.length,
      ranked: scored.length,
      top1: per((entities, want) =>
        want.length === 0 ? entities.length === 0 : want.includes(entities[0] ?? ""),
      ),
      topK: per((entities, want) => {
        const first = entities.slice(0, Math.max(3, want.length));
        return want.length === 0 ? entities.length === 0 : want.every((id) => first.includes(id));
      }),
    };
  }
  return { corpus, questions: asked.length, byCategory };
}

/** The entity ids a question expects to be ranked, [] for "nothing", undefined when it names none. */
function expectedEntities(question: EvalQuestion): string[] | undefined {
  const e = question.expect;
  if (question.category === "nonsense") return [];
  const id = e.top?.id ?? e.inTop3?.id;
  const included = (e.subjects?.include ?? []).flatMap((ref: SubjectRef) =>
    typeof ref === "string" ? [ref] : ref.id ? [ref.id] : [],
  );
  const all = [...new Set([...(id ? [id] : []), ...included])];
  return all.length > 0 ? all : undefined;
}
