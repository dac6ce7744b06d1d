// The shape of one benchmark run's results (bench/results/latest.json), and the targets it is held to.

import type { Scored } from "./engine-bench.ts";
import type { EngineName } from "./engines.ts";
import type { EvalSetResult } from "./eval-set.ts";
import type { Machine } from "./lib/machine.ts";
import type { LoadReport, LoadRun } from "./load/load-bench.ts";
import type { EngineStartup } from "./measure-engine.ts";
import type { PublishReport } from "./publish-bench.ts";

export interface EngineSummary {
  /** ms building the engine from the loaded knowledge (median over start-ups) */
  buildMs: number;
  startup: EngineStartup;
  wallToFirstAnswerMs: number;
  startupsMeasured: number;
  rssAfterQueries: number;
  warmupQueries: number;
  /** over every query this engine was timed on */
  all: Scored;
  /** over the queries plain fuse.js was timed on, for like-for-like comparisons */
  onFuseSubset: Scored;
}

export interface Miss {
  category: string;
  form: string;
  expected: string;
  got: string[];
}

export interface CorpusResult {
  id: string;
  label: string;
  documents: number;
  queries: number;
  /** ms importing (real) or generating and parsing (synthetic) the corpus in the parent, for the record */
  preparationMs: number;
  fuseQueries: number;
  engines: Record<EngineName, EngineSummary>;
  /** fuse.js p50 / Rolecall p50, on fuse's queries */
  fuseOverRolecallP50: number;
  /** Rolecall's top-1 misses, without the question text (it may quote licensed framework text) */
  rolecallMisses: Miss[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  date: string;
  command: string;
  machine: Machine;
  durationSeconds: number;
  settings: Record<string, unknown>;
  /** 1-minute load average as each phase started (and at the end) */
  loadAverages: Record<string, number>;
  corpora: CorpusResult[];
  /** the evaluation set's categories on each real corpus, Rolecall beside the baselines */
  evaluations?: EvalSetResult[];
  load?: LoadReport;
  /** publishing the combined corpus while answering; absent from runs before it was measured */
  publish?: PublishReport;
  targets: TargetCheck[];
}

const MIB = 1024 * 1024;

export function checkTargets(
  corpora: readonly CorpusResult[],
  load: LoadReport | undefined,
  publish?: PublishReport,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  // Runs before the combined corpus called the SFIA 9 + DDaT import alone "real".
  const real = corpora.find((c) => c.id === "combined") ?? corpora.find((c) => c.id === "real");
  if (real) {
    const on = real.id === "real" ? "SFIA 9 + DDaT" : real.label;
    const rc = real.engines.rolecall;
    const fuse = real.engines.fuse;
    checks.push(
      {
        target: `${on}: p50 ≤ 2 ms a question`,
        measured: ms(rc.all.latency.p50),
        met: rc.all.latency.p50 <= 2,
      },
      {
        target: `${on}: p99 ≤ 20 ms a question`,
        measured: ms(rc.all.latency.p99),
        met: rc.all.latency.p99 <= 20,
      },
      {
        target: `${on}: ≥ 30× faster than plain fuse.js at p50`,
        measured: `${real.fuseOverRolecallP50.toFixed(0)}×`,
        met: real.fuseOverRolecallP50 >= 30,
      },
      {
        target: `${on}: top-3 accuracy no worse than plain fuse.js`,
        measured: `${pct(rc.onFuseSubset.accuracy.top3)} vs ${pct(fuse.onFuseSubset.accuracy.top3)}`,
        met: rc.onFuseSubset.accuracy.top3 >= fuse.onFuseSubset.accuracy.top3,
      },
      {
        target: `${on}: start-up to first answer ≤ 1.5 s`,
        measured: `${ms(rc.wallToFirstAnswerMs)} (spawn to answer, median of ${rc.startupsMeasured})`,
        met: rc.wallToFirstAnswerMs <= 1500,
      },
      {
        target: `${on}: RSS ≤ 150 MB (decimal, the stricter reading), after the query mix`,
        measured: describeRss(rc.rssAfterQueries),
        met: rc.rssAfterQueries <= 150e6,
      },
    );
  }
  const large = corpora.find((c) => c.id === "synthetic-100000");
  if (large) {
    const p99 = large.engines.rolecall.all.latency.p99;
    checks.push({ target: "100k documents: p99 ≤ 50 ms", measured: ms(p99), met: p99 <= 50 });
  }
  if (load) {
    for (const connections of [...new Set(load.runs.map((r) => r.connections))]) {
      const bare = load.runs.find((r) => r.app === "bare-bolt" && r.connections === connections);
      const rc = load.runs.find((r) => r.app === "rolecall" && r.connections === connections);
      if (!bare || !rc) continue;
      const share = rc.requestsPerSecond / bare.requestsPerSecond;
      checks.push({
        target: `HTTP, ${connections} connections: ≥ 50% of the bare Bolt app's throughput`,
        measured: `${pct(share)} (${rc.requestsPerSecond.toFixed(0)} vs ${bare.requestsPerSecond.toFixed(0)} req/s)${cpuShare(rc, bare)}`,
        met: share >= 0.5 && rc.non2xx === 0,
      });
      if (connections === 10) {
        checks.push({
          target: "HTTP, 10 connections: p99 ≤ 100 ms",
          measured: `${rc.latencyMs.p99} ms`,
          met: rc.latencyMs.p99 <= 100 && rc.non2xx === 0,
        });
      }
    }
  }
  if (publish) {
    const { first, edit } = publish.modes["in-turns"];
    const atOnce = publish.modes["at-once"];
    const longest = Math.max(first.longestStallMs, edit.longestStallMs);
    const before = Math.max(atOnce.first.longestStallMs, atOnce.edit.longestStallMs);
    checks.push({
      target:
        "Publishing the combined corpus: no event-loop stall over 100 ms (questions keep being answered)",
      measured: `${ms(longest)} longest (index built at once: ${ms(before)})`,
      met: longest <= 100,
    });
  }
  return checks;
}

/** The steadier figure beside throughput: the bare app's CPU time a request as a share of Rolecall's. */
function cpuShare(rc: LoadRun, bare: LoadRun): string {
  if (rc.cpuMsPerRequest === undefined || bare.cpuMsPerRequest === undefined) return "";
  const share = bare.cpuMsPerRequest / rc.cpuMsPerRequest;
  return `; by CPU time a request ${pct(share)} (${rc.cpuMsPerRequest.toFixed(3)} vs ${bare.cpuMsPerRequest.toFixed(3)} ms)`;
}

/** The target says MB; where MiB and decimal MB disagree about it, say so. */
function describeRss(bytes: number): string {
  const text = `${(bytes / MIB).toFixed(0)} MiB = ${(bytes / 1e6).toFixed(0)} MB`;
  const underMib = bytes <= 150 * MIB;
  const underMb = bytes <= 150e6;
  if (underMib === underMb) return text;
  return `${text}: within 150 MiB, over 150 MB (decimal) by ${((bytes - 150e6) / 1e6).toFixed(1)} MB`;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 10) return `${value.toFixed(1)} ms`;
  return `${Math.round(value).toLocaleString("en-GB")} ms`;
}

export function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(0)} MiB`;
}
