// Publishing a large knowledge folder while answering: Rolecall (index built in turns) against the same
// publish with the index built at once, each in fresh child processes (measure-publish.ts), median of runs.
import path from "node:path";
import { startScript } from "./lib/child.ts";
import { median } from "./lib/stats.ts";
import type { PublishMode, PublishPhase, PublishRun } from "./measure-publish.ts";

const SCRIPT = path.join(import.meta.dirname, "measure-publish.ts");

export interface PublishReport {
  runs: number;
  /** per mode, the median of each figure over the runs */
  modes: Record<PublishMode, { first: PublishPhase; edit: PublishPhase }>;
}

export async function runPublishBenchmark(options: {
  knowledgeDir: string;
  runs: number;
  log: (line: string) => void;
}): Promise<PublishReport> {
  const modes = {} as PublishReport["modes"];
  for (const mode of ["at-once", "in-turns"] as const) {
    const runs: PublishRun[] = [];
    for (let i = 0; i < options.runs; i++) runs.push(await measureOnce(mode, options.knowledgeDir));
    modes[mode] = {
      first: medianPhase(runs.map((r) => r.first)),
      edit: medianPhase(runs.map((r) => r.edit)),
    };
    const { first, edit } = modes[mode];
    options.log(
      `  ${mode.padEnd(9)} first publish ${first.publishMs.toFixed(0)} ms, longest stall ${first.longestStallMs.toFixed(1)} ms; edit ${edit.publishMs.toFixed(0)} ms, longest stall ${edit.longestStallMs.toFixed(1)} ms`,
    );
  }
  return { runs: options.runs, modes };
}

async function measureOnce(mode: PublishMode, knowledgeDir: string): Promise<PublishRun> {
  const child = startScript(SCRIPT, [mode, knowledgeDir]);
  const { match } = await child.waitForLine(/^RESULT (.*)$/);
  await child.exited;
  return JSON.parse(match[1] as string) as PublishRun;
}

function medianPhase(phases: readonly PublishPhase[]): PublishPhase {
  const of = (pick: (p: PublishPhase) => number) => median(phases.map(pick));
  return {
    status: [...new Set(phases.map((p) => p.status))].join(" / "),
    publishMs: of((p) => p.publishMs),
    longestStallMs: of((p) => p.longestStallMs),
    p99StallMs: of((p) => p.p99StallMs),
  };
}
