// One engine on one corpus, in a fresh process, so start-up and memory are its own:
//   node dist/bench/measure-engine.js <engine> real <knowledge dir> <first question>
//   node dist/bench/measure-engine.js <engine> synthetic <documents> <seed> <first question>
// (compiled, as npm start runs Rolecall: see lib/child.ts)
// It loads the knowledge (YAML from disk, or the synthetic corpus generated and parsed in memory), builds
// the engine, answers the first question, and prints a line starting with ANSWERED. Then it reads the
// query plan (JSON) from stdin, warms up, times each query, and prints a line starting with RESULT.
// Modules are imported dynamically so their loading is measured too.
import { once } from "node:events";

const startedAt = performance.now();

export interface EngineStartup {
  /** ms from this process's time origin to this script running (node start-up) */
  bootMs: number;
  /** ms importing the engine's modules */
  modulesMs: number;
  /** ms loading the knowledge: reading and validating YAML (and, for synthetic, generating it first) */
  knowledgeMs: number;
  /** of knowledgeMs, ms generating the synthetic YAML (0 for the real corpus) */
  generateMs: number;
  /** ms building the engine's index from the loaded knowledge */
  buildMs: number;
  /** ms answering the first question */
  firstAnswerMs: number;
  /** ms from the process's time origin to the first answer */
  totalMs: number;
  rssAfterFirstAnswer: number;
  heapAfterFirstAnswer: number;
}

export interface QueryPlan {
  /** questions answered untimed first */
  warmup: string[];
  /** questions timed one by one, in order */
  timed: string[];
}

export interface EngineRun {
  startup: EngineStartup;
  /** per timed question: ms and the first three entities */
  samples: Array<{ ms: number; top: string[] }>;
  rssAfterQueries: number;
  heapAfterQueries: number;
}

async function main(): Promise<void> {
  const [engineName = "", corpus = "", ...rest] = process.argv.slice(2);
  const bootMs = startedAt;
  const modulesStart = performance.now();
  const { buildEngine, isEngineName } = await import("./engines.ts");
  const { buildKnowledge, loadKnowledge } = await import("../src/core/knowledge/load.ts");
  const modulesMs = performance.now() - modulesStart;
  if (!isEngineName(engineName)) throw new Error(`unknown engine "${engineName}"`);

  const knowledgeStart = performance.now();
  let generateMs = 0;
  let kb: Awaited<ReturnType<typeof loadKnowledge>>;
  let first: string;
  if (corpus === "real") {
    const [dir = "", question = ""] = rest;
    kb = await loadKnowledge(dir);
    first = question;
  } else if (corpus === "synthetic") {
    const [documents = "", seed = "", question = ""] = rest;
    const { readVocabulary } = await import("./corpus/vocabulary.ts");
    const { generateSyntheticCorpus } = await import("./corpus/synthetic.ts");
    const generateStart = performance.now();
    const generated = generateSyntheticCorpus(Number(documents), Number(seed), readVocabulary());
    generateMs = performance.now() - generateStart;
    const built = buildKnowledge(generated.texts);
    if (built.problems.length > 0) throw new Error(`synthetic corpus invalid: ${built.problems[0]?.message}`);
    kb = built.kb;
    first = question;
  } else {
    throw new Error(`unknown corpus "${corpus}"`);
  }
  const knowledgeMs = performance.now() - knowledgeStart;

  const buildStart = performance.now();
  const engine = buildEngine(engineName, kb);
  const buildMs = performance.now() - buildStart;

  const answerStart = performance.now();
  engine.ask(first);
  const answeredAt = performance.now();
  const memory = process.memoryUsage();
  const startup: EngineStartup = {
    bootMs,
    modulesMs,
    knowledgeMs,
    generateMs,
    buildMs,
    firstAnswerMs: answeredAt - answerStart,
    totalMs: answeredAt,
    rssAfterFirstAnswer: memory.rss,
    heapAfterFirstAnswer: memory.heapUsed,
  };
  process.stdout.write(`ANSWERED ${JSON.stringify(startup)}\n`);

  const plan = JSON.parse(await readStdin()) as QueryPlan;
  for (const question of plan.warmup) engine.ask(question);
  const samples: EngineRun["samples"] = [];
  for (const question of plan.timed) {
    const start = performance.now();
    const result = engine.ask(question);
    const ms = performance.now() - start;
    samples.push({ ms, top: engine.rankedEntities(result).slice(0, 3) });
  }
  const after = process.memoryUsage();
  const run: EngineRun = { startup, samples, rssAfterQueries: after.rss, heapAfterQueries: after.heapUsed };
  process.stdout.write(`RESULT ${JSON.stringify(run)}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  process.stdin.on("data", (chunk: Buffer) => chunks.push(chunk));
  await once(process.stdin, "end");
  return Buffer.concat(chunks).toString("utf8");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
