// Where Rolecall's time goes, for whoever tunes the engine or the app (not part of `npm run bench`):
//   tsx bench/profile.ts queries [documents]   the query mix in a loop (SFIA 9 + DDaT, or synthetic)
//   tsx bench/profile.ts startup               one start-up to first answer on SFIA 9 + DDaT
//   tsx bench/profile.ts http [category]       the Slack app under 10 s of signed /role commands (the whole
//                                              mix, or one category of it: code, typo, question, free_text)
// Each prints the CPU profile's self time by package or source folder and by function.
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildKnowledge, loadKnowledge } from "../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";
import { importRealCorpus } from "./corpus/real.ts";
import { generateSyntheticCorpus } from "./corpus/synthetic.ts";
import { readVocabulary } from "./corpus/vocabulary.ts";
import { toDocuments } from "./documents.ts";
import { buildEngine } from "./engines.ts";
import { buildForBenchmarks, startScript } from "./lib/child.ts";
import { type CpuProfile, formatProfile, summariseProfile } from "./lib/cpu-profile.ts";
import { runLoadBenchmark } from "./load/load-bench.ts";
import { type BenchQuery, buildQueryMix, QUERY_CATEGORIES } from "./queries.ts";

const [mode = "queries", size] = process.argv.slice(2);

async function main(): Promise<void> {
  buildForBenchmarks();
  const real = await importRealCorpus();
  try {
    if (mode === "queries")
      await profileQueries(size ? synthetic(Number(size)) : await loadKnowledge(real.dir));
    else if (mode === "startup") await profileStartup(real.dir);
    else if (mode === "http") await profileHttp(real.dir, size);
    else throw new Error(`unknown mode "${mode}": use queries, startup or http`);
  } finally {
    await real.remove();
  }
}

function synthetic(documents: number): KnowledgeBase {
  const built = buildKnowledge(generateSyntheticCorpus(documents, 42, readVocabulary()).texts);
  return built.kb;
}

async function profileQueries(kb: KnowledgeBase): Promise<void> {
  const queries = buildQueryMix(kb, toDocuments(kb), { perCategory: 100, seed: 20250611 });
  const engine = buildEngine("rolecall", kb);
  for (const q of queries) engine.ask(q.text);
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  for (const category of QUERY_CATEGORIES) {
    const picked = queries.filter((q) => q.category === category);
    await session.post("Profiler.start");
    const started = performance.now();
    for (let round = 0; round < 5; round++) for (const q of picked) engine.ask(q.text);
    const elapsed = performance.now() - started;
    const { profile } = await session.post("Profiler.stop");
    console.log(`\n== ${category}: ${picked.length} queries × 5 in ${elapsed.toFixed(0)} ms`);
    console.log(formatProfile(summariseProfile(profile as unknown as CpuProfile, 15)));
  }
  await profileAll(session, engine, queries);
  session.disconnect();
}

async function profileAll(session: Session, engine: ReturnType<typeof buildEngine>, queries: BenchQuery[]) {
  await session.post("Profiler.start");
  for (let round = 0; round < 5; round++) for (const q of queries) engine.ask(q.text);
  const { profile } = await session.post("Profiler.stop");
  console.log("\n== the whole mix × 5");
  console.log(formatProfile(summariseProfile(profile as unknown as CpuProfile, 25)));
}

async function profileStartup(dir: string): Promise<void> {
  const profileDir = await mkdtemp(path.join(tmpdir(), "rolecall-profile-"));
  try {
    const child = startScript(
      path.join(import.meta.dirname, "measure-engine.ts"),
      ["rolecall", "real", dir, "PROG 3"],
      { nodeFlags: ["--cpu-prof", "--cpu-prof-interval=200", `--cpu-prof-dir=${profileDir}`] },
    );
    child.process.stdin.end(JSON.stringify({ warmup: [], timed: [] }));
    await child.exited;
    console.log(formatProfile(summariseProfile(await largestProfile(profileDir), 30)));
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
}

async function profileHttp(dir: string, category: string | undefined): Promise<void> {
  const profileDir = await mkdtemp(path.join(tmpdir(), "rolecall-profile-"));
  try {
    const kb = await loadKnowledge(dir);
    const queries = buildQueryMix(kb, toDocuments(kb), { perCategory: 100, seed: 20250611 }).filter(
      (q) => !category || q.category === category,
    );
    if (queries.length === 0) throw new Error(`no queries in category "${category}"`);
    const report = await runLoadBenchmark({
      knowledgeDir: dir,
      questions: queries.map((q) => q.text),
      connections: [10],
      durationSeconds: 10,
      warmupSeconds: 2,
      apps: ["rolecall"],
      rolecallNodeFlags: ["--cpu-prof", "--cpu-prof-interval=200", `--cpu-prof-dir=${profileDir}`],
      log: console.log,
    });
    console.log(JSON.stringify(report.runs));
    console.log(formatProfile(summariseProfile(await largestProfile(profileDir), 40)));
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
}

/** The largest profile is the main thread's (a worker thread, if any, writes a small one of its own). */
async function largestProfile(dir: string): Promise<CpuProfile> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
  const sized = await Promise.all(
    files.map(async (f) => ({ f, size: (await stat(path.join(dir, f))).size })),
  );
  const largest = sized.sort((a, b) => b.size - a.size)[0];
  if (!largest) throw new Error("no CPU profile was written");
  return JSON.parse(await readFile(path.join(dir, largest.f), "utf8")) as CpuProfile;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
