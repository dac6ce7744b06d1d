// `npm run bench`: Rolecall against plain fuse.js and MiniSearch on the combined corpus (the shipped
// knowledge + SFIA 9 + DDaT), on the shipped knowledge alone and on synthetic corpora of 10k and 100k
// documents, with the evaluation set's categories on both real corpora; then the Slack app under HTTP
// load against a bare Bolt app.
// Prints the results and writes docs/BENCHMARKS.md and bench/results/latest.json.
//   npm run bench                 the full run (about ten minutes on two cores)
//   npm run bench -- --quick      smaller mixes, 10k only, short load runs; prints only, writes nothing
//   npm run bench -- --no-load    skips the HTTP load benchmark
//   npm run bench -- --render     measures nothing: rewrites docs/BENCHMARKS.md from bench/results/latest.json
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { QUESTIONS_FILE } from "../eval/floors.ts";
import { loadQuestions } from "../eval/schema.ts";
import { buildKnowledge, loadKnowledge } from "../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";
import { importRealCorpus, SHIPPED_KNOWLEDGE } from "./corpus/real.ts";
import { generateSyntheticCorpus } from "./corpus/synthetic.ts";
import { readVocabulary, type Vocabulary } from "./corpus/vocabulary.ts";
import { toDocuments } from "./documents.ts";
import { type EngineMeasurement, measureEngine, scoreSamples, subsetPositions } from "./engine-bench.ts";
import { ENGINE_NAMES, type EngineName } from "./engines.ts";
import { type EvalSetResult, evaluateEngines } from "./eval-set.ts";
import { buildForBenchmarks, REPO_ROOT } from "./lib/child.ts";
import { describeMachine } from "./lib/machine.ts";
import { type LoadReport, runLoadBenchmark } from "./load/load-bench.ts";
import { type PublishReport, runPublishBenchmark } from "./publish-bench.ts";
import { type BenchQuery, buildQueryMix } from "./queries.ts";
import { NOTES_END, NOTES_START, renderReport } from "./report.ts";
import {
  type BenchResults,
  type CorpusResult,
  checkTargets,
  type EngineSummary,
  ms,
  pct,
} from "./results.ts";

const QUERY_SEED = 20250611;
const SYNTHETIC_SEED = 42;
const REPORT_FILE = path.join(REPO_ROOT, "docs/BENCHMARKS.md");
const RESULTS_FILE = path.join(REPO_ROOT, "bench/results/latest.json");

const flags = new Set(process.argv.slice(2));
const quick = flags.has("--quick");
const settings = {
  /** queries per category in each corpus's mix (four categories) */
  queriesPerCategory: {
    combined: quick ? 25 : 100,
    shipped: quick ? 25 : 100,
    10000: quick ? 25 : 100,
    100000: 50,
  } as Record<string, number>,
  /** start-ups measured per engine on the real corpus (median reported) */
  realStartups: quick ? 1 : 3,
  /** plain fuse.js is timed on this many queries per category (all when absent): it takes seconds a query at 100k */
  fusePerCategory: { 10000: quick ? 5 : 10, 100000: 2 } as Record<string, number | undefined>,
  /** untimed questions first, from the start of the (shuffled) mix */
  warmup: {
    rolecall: 100,
    minisearch: 100,
    fuse: { combined: 20, shipped: 20, 10000: 4, 100000: 1 } as Record<string, number>,
  },
  syntheticSizes: quick ? [10000] : [10000, 100000],
  /** fresh processes per publish mode (median reported) */
  publishRuns: quick ? 1 : 3,
  load: flags.has("--no-load")
    ? undefined
    : { connections: [10, 50], durationSeconds: quick ? 3 : 10, warmupSeconds: quick ? 1 : 3 },
};

const log = (line: string) => process.stdout.write(`${line}\n`);
/** the 1-minute load average as each phase starts: above the core count, something else was busy too */
const loadAverages: Record<string, number> = {};
const noteLoad = (phase: string) => {
  loadAverages[phase] = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
};

async function main(): Promise<void> {
  if (flags.has("--render")) return rerender();
  const started = performance.now();
  const machine = describeMachine();
  log(`Rolecall benchmarks on ${machine.cpu} (${machine.cores} cores), node ${machine.node}`);
  log("Compiling src/ and bench/ into dist/ (every measured process runs compiled, as npm start does)…");
  buildForBenchmarks();
  const corpora: CorpusResult[] = [];
  let load: LoadReport | undefined;
  let publish: PublishReport | undefined;

  log("Importing SFIA 9 and DDaT into a temporary copy of the shipped knowledge…");
  const questions = await loadQuestions(QUESTIONS_FILE);
  const evaluations: EvalSetResult[] = [];
  const real = await importRealCorpus();
  try {
    const kb = await loadKnowledge(real.dir);
    const realMix = mixFor(kb, "combined");
    corpora.push(
      await benchCorpus({
        id: "combined",
        label: "Shipped + SFIA 9 + DDaT",
        kb,
        queries: realMix,
        args: ["real", real.dir],
        preparationMs: real.importMs,
        startups: settings.realStartups,
      }),
    );
    evaluations.push(evaluateEngines("combined", kb, questions, log));
    noteLoad("publishing");
    log("Publishing the combined corpus while answering: index built in turns, and at once…");
    publish = await runPublishBenchmark({ knowledgeDir: real.dir, runs: settings.publishRuns, log });
    if (settings.load) {
      noteLoad("HTTP load");
      log("HTTP load: Rolecall and a bare Bolt app…");
      load = await runLoadBenchmark({
        knowledgeDir: real.dir,
        questions: realMix.map((q) => q.text),
        ...settings.load,
        log,
      });
    }
  } finally {
    await real.remove();
  }

  const shipped = await loadKnowledge(SHIPPED_KNOWLEDGE);
  corpora.push(
    await benchCorpus({
      id: "shipped",
      label: "Shipped knowledge",
      kb: shipped,
      queries: mixFor(shipped, "shipped"),
      args: ["real", SHIPPED_KNOWLEDGE],
      preparationMs: 0,
      startups: settings.realStartups,
    }),
  );
  evaluations.push(evaluateEngines("shipped", shipped, questions, log));

  let vocabulary: Vocabulary | undefined;
  for (const size of settings.syntheticSizes) {
    vocabulary ??= readVocabulary();
    log(`Generating the synthetic corpus of ${size.toLocaleString("en-GB")} documents…`);
    const prepared = performance.now();
    const generated = generateSyntheticCorpus(size, SYNTHETIC_SEED, vocabulary);
    const built = buildKnowledge(generated.texts);
    if (built.problems.length > 0) throw new Error(`synthetic corpus invalid: ${built.problems[0]?.message}`);
    corpora.push(
      await benchCorpus({
        id: `synthetic-${size}`,
        label: `Synthetic, ${size.toLocaleString("en-GB")} documents`,
        kb: built.kb,
        queries: mixFor(built.kb, String(size)),
        args: ["synthetic", String(size), String(SYNTHETIC_SEED)],
        preparationMs: performance.now() - prepared,
        startups: 1,
        fuseKey: String(size),
      }),
    );
  }

  noteLoad("end");
  const results: BenchResults = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    machine,
    durationSeconds: (performance.now() - started) / 1000,
    settings,
    loadAverages,
    corpora,
    evaluations,
    ...(load ? { load } : {}),
    ...(publish ? { publish } : {}),
    targets: checkTargets(corpora, load, publish),
  };
  const notes = await existingNotes();
  const report = renderReport(results, notes);
  log("");
  log(report);
  if (quick) {
    log("(--quick: nothing written)");
    return;
  }
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  formatLikeTheRepo(RESULTS_FILE);
  await writeFile(REPORT_FILE, report);
  log(`Wrote ${path.relative(REPO_ROOT, REPORT_FILE)} and ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
}

function mixFor(kb: KnowledgeBase, key: string): BenchQuery[] {
  const perCategory = settings.queriesPerCategory[key] ?? 100;
  return buildQueryMix(kb, toDocuments(kb), { perCategory, seed: QUERY_SEED });
}

interface CorpusSpec {
  id: string;
  label: string;
  kb: KnowledgeBase;
  queries: BenchQuery[];
  /** measure-engine.ts arguments naming the corpus (the first question is added) */
  args: string[];
  preparationMs: number;
  startups: number;
  fuseKey?: string;
}

async function benchCorpus(spec: CorpusSpec): Promise<CorpusResult> {
  const { queries } = spec;
  const documents = toDocuments(spec.kb).length;
  const key = spec.fuseKey ?? spec.id;
  const fusePerCategory = settings.fusePerCategory[key];
  const all = queries.map((_, i) => i);
  const fusePositions = fusePerCategory === undefined ? all : subsetPositions(queries, fusePerCategory);
  // The first answer is a fixed, simple question: the first code query of the mix.
  const first = queries.find((q) => q.category === "code")?.text ?? queries[0]?.text ?? "help";
  noteLoad(spec.label);
  log(`${spec.label}: ${documents.toLocaleString("en-GB")} documents, ${queries.length} queries`);

  const measured = {} as Record<EngineName, EngineMeasurement>;
  for (const engine of ENGINE_NAMES) {
    const positions = engine === "fuse" ? fusePositions : all;
    const warmup = engine === "fuse" ? (settings.warmup.fuse[key] ?? 2) : settings.warmup[engine];
    const t = performance.now();
    measured[engine] = await measureEngine(engine, [...spec.args, first], queries, {
      positions,
      warmup,
      startups: spec.startups,
    });
    const scored = scoreSamples(queries, measured[engine].samples);
    log(
      `  ${engine.padEnd(10)} start-up ${ms(measured[engine].wallToFirstAnswerMs)}, p50 ${ms(scored.latency.p50)}, p99 ${ms(scored.latency.p99)}, top-3 ${pct(scored.accuracy.top3)} (${((performance.now() - t) / 1000).toFixed(0)} s)`,
    );
  }
  const engines = Object.fromEntries(
    ENGINE_NAMES.map((engine): [EngineName, EngineSummary] => {
      const m = measured[engine];
      return [
        engine,
        {
          buildMs: m.startup.buildMs,
          startup: m.startup,
          wallToFirstAnswerMs: m.wallToFirstAnswerMs,
          startupsMeasured: m.startupsMeasured,
          rssAfterQueries: m.rssAfterQueries,
          warmupQueries: m.warmupQueries,
          all: scoreSamples(queries, m.samples),
          onFuseSubset: scoreSamples(queries, m.samples, fusePositions),
        },
      ];
    }),
  ) as Record<EngineName, EngineSummary>;
  const rolecallMisses = measured.rolecall.samples.flatMap((sample) => {
    const query = queries[sample.position] as BenchQuery;
    return sample.top[0] === query.expected
      ? []
      : [{ category: query.category, form: query.form, expected: query.expected, got: sample.top }];
  });
  return {
    id: spec.id,
    label: spec.label,
    documents,
    queries: queries.length,
    preparationMs: spec.preparationMs,
    fuseQueries: fusePositions.length,
    engines,
    fuseOverRolecallP50: engines.fuse.onFuseSubset.latency.p50 / engines.rolecall.onFuseSubset.latency.p50,
    rolecallMisses,
  };
}

/** The repo's formatter (biome, run by `npm run lint`) lays JSON out its own way. */
function formatLikeTheRepo(file: string): void {
  try {
    execFileSync(path.join(REPO_ROOT, "node_modules/.bin/biome"), ["format", "--write", file], {
      stdio: "ignore",
    });
  } catch {
    log(`(could not format ${path.relative(REPO_ROOT, file)} with biome)`);
  }
}

/** After editing the notes (or the report's layout), without measuring again. */
async function rerender(): Promise<void> {
  const results = JSON.parse(await readFile(RESULTS_FILE, "utf8")) as BenchResults;
  results.targets = checkTargets(results.corpora, results.load, results.publish);
  await writeFile(REPORT_FILE, renderReport(results, await existingNotes()));
  log(`Rewrote ${path.relative(REPO_ROOT, REPORT_FILE)} from ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
}

/** Hand-written notes in docs/BENCHMARKS.md survive a regeneration. */
async function existingNotes(): Promise<string> {
  try {
    const text = await readFile(REPORT_FILE, "utf8");
    const start = text.indexOf(NOTES_START);
    const end = text.indexOf(NOTES_END);
    return start >= 0 && end > start ? text.slice(start + NOTES_START.length, end).trim() : "";
  } catch {
    return "";
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
