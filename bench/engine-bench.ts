// Runs one engine on one corpus in a fresh child process (measure-engine.ts) and scores its answers
// against the query mix.
import path from "node:path";
import type { EngineName } from "./engines.ts";
import { startScript } from "./lib/child.ts";
import { type LatencySummary, median, summarise } from "./lib/stats.ts";
import type { EngineRun, EngineStartup, QueryPlan } from "./measure-engine.ts";
import { type BenchQuery, QUERY_CATEGORIES } from "./queries.ts";

const MEASURE = path.join(import.meta.dirname, "measure-engine.ts");

export interface Sample {
  /** position of the query in the corpus's mix */
  position: number;
  ms: number;
  /** the first three entities answered */
  top: string[];
}

export interface EngineMeasurement {
  engine: EngineName;
  /** median of each figure over the start-ups measured */
  startup: EngineStartup;
  /** ms from spawning bench/measure-engine.ts to its first answer (median), as this process saw it */
  wallToFirstAnswerMs: number;
  startupsMeasured: number;
  rssAfterQueries: number;
  heapAfterQueries: number;
  warmupQueries: number;
  samples: Sample[];
}

export interface Accuracy {
  queries: number;
  top1: number;
  top3: number;
}

export interface Scored {
  latency: LatencySummary;
  accuracy: Accuracy;
  byCategory: Record<string, Accuracy & { p50: number; p99: number }>;
  byForm: Record<string, Accuracy>;
}

export async function measureEngine(
  engine: EngineName,
  corpusArgs: readonly string[],
  queries: readonly BenchQuery[],
  options: { positions: readonly number[]; warmup: number; startups: number },
): Promise<EngineMeasurement> {
  const full = await runChild(engine, corpusArgs, {
    warmup: options.positions.slice(0, options.warmup).map((i) => (queries[i] as BenchQuery).text),
    timed: options.positions.map((i) => (queries[i] as BenchQuery).text),
  });
  const startups = [{ startup: full.run.startup, wall: full.wall }];
  for (let i = 1; i < options.startups; i++) {
    const again = await runChild(engine, corpusArgs, { warmup: [], timed: [] });
    startups.push({ startup: again.run.startup, wall: again.wall });
  }
  return {
    engine,
    startup: medianStartup(startups.map((s) => s.startup)),
    wallToFirstAnswerMs: median(startups.map((s) => s.wall)),
    startupsMeasured: startups.length,
    rssAfterQueries: full.run.rssAfterQueries,
    heapAfterQueries: full.run.heapAfterQueries,
    warmupQueries: Math.min(options.warmup, options.positions.length),
    samples: full.run.samples.map((s, i) => ({
      position: options.positions[i] as number,
      ms: s.ms,
      top: s.top,
    })),
  };
}

async function runChild(
  engine: EngineName,
  corpusArgs: readonly string[],
  plan: QueryPlan,
): Promise<{ run: EngineRun; wall: number }> {
  const child = startScript(MEASURE, [engine, ...corpusArgs]);
  child.process.stdin.end(JSON.stringify(plan));
  const answered = await child.waitForLine(/^ANSWERED /);
  const result = await child.waitForLine(/^RESULT (.*)$/);
  await child.exited;
  return { run: JSON.parse(result.match[1] ?? "{}") as EngineRun, wall: answered.at - child.spawnedAt };
}

function medianStartup(startups: readonly EngineStartup[]): EngineStartup {
  const first = startups[0] as EngineStartup;
  const out = { ...first };
  for (const key of Object.keys(first) as Array<keyof EngineStartup>) {
    out[key] = median(startups.map((s) => s[key]));
  }
  return out;
}

/** Latency and accuracy over the samples whose positions are given (all of them by default). */
export function scoreSamples(
  queries: readonly BenchQuery[],
  samples: readonly Sample[],
  positions?: readonly number[],
): Scored {
  const wanted = positions ? new Set(positions) : undefined;
  const picked = wanted ? samples.filter((s) => wanted.has(s.position)) : samples;
  const group = (key: (q: BenchQuery) => string) => {
    const groups = new Map<string, Sample[]>();
    for (const sample of picked) {
      const name = key(queries[sample.position] as BenchQuery);
      groups.set(name, [...(groups.get(name) ?? []), sample]);
    }
    return groups;
  };
  const byCategory = group((q) => q.category);
  return {
    latency: summarise(picked.map((s) => s.ms)),
    accuracy: accuracy(queries, picked),
    byCategory: Object.fromEntries(
      QUERY_CATEGORIES.filter((c) => byCategory.has(c)).map((category) => {
        const samplesOf = byCategory.get(category) ?? [];
        const latency = summarise(samplesOf.map((s) => s.ms));
        return [category, { ...accuracy(queries, samplesOf), p50: latency.p50, p99: latency.p99 }];
      }),
    ),
    byForm: Object.fromEntries(
      [...group((q) => q.form)]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([form, s]) => [form, accuracy(queries, s)]),
    ),
  };
}

/** top-1 / top-3: the expected entity is first / among the first three. */
function accuracy(queries: readonly BenchQuery[], samples: readonly Sample[]): Accuracy {
  let top1 = 0;
  let top3 = 0;
  for (const sample of samples) {
    const expected = queries[sample.position]?.expected;
    if (sample.top[0] === expected) top1++;
    if (expected !== undefined && sample.top.slice(0, 3).includes(expected)) top3++;
  }
  const n = samples.length || 1;
  return { queries: samples.length, top1: top1 / n, top3: top3 / n };
}

/** The first perCategory queries of each category, in mix order: the same subset for every engine. */
export function subsetPositions(queries: readonly BenchQuery[], perCategory: number): number[] {
  const taken = new Map<string, number>();
  const positions: number[] = [];
  queries.forEach((query, i) => {
    const count = taken.get(query.category) ?? 0;
    if (count >= perCategory) return;
    taken.set(query.category, count + 1);
    positions.push(i);
  });
  return positions;
}
