// One publish of a knowledge folder while the bot would be answering, in a fresh process with a fresh
// embedded store, measuring how long the event loop is held at a time (what a waiting question waits):
//   node dist/bench/measure-publish.js <in-turns|at-once> <knowledge dir>
// (compiled, as npm start runs Rolecall: see lib/child.ts)
// in-turns is Rolecall as it runs: the new index is built in turns while the old one answers (liveRolecall).
// at-once is the baseline, the same publish with the index built in one go as before.
// Two publishes: the first, of the whole folder into an empty store (start-up), and one after an edit of
// one file (what a running bot sees). Prints a line starting with RESULT.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createRolecall } from "../src/core/engine.ts";
import { knowledgeCachePath } from "../src/core/knowledge/cache.ts";
import { loadKnowledge } from "../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";
import { liveRolecall } from "../src/core/live.ts";
import { silentLogger } from "../src/log.ts";
import { createPublisher } from "../src/notify/publisher.ts";
import { createStore } from "../src/store/index.ts";
import { SHIPPED_KNOWLEDGE } from "./corpus/real.ts";

export type PublishMode = "in-turns" | "at-once";

export interface PublishPhase {
  status: string;
  /** wall time of the publish, from reading the folder to the outcome */
  publishMs: number;
  /** the longest the event loop was held at once during it */
  longestStallMs: number;
  p99StallMs: number;
}

export interface PublishRun {
  mode: PublishMode;
  first: PublishPhase;
  edit: PublishPhase;
}

const EDITED_FILE = "raci.yaml";

async function main(): Promise<void> {
  const [mode, source] = process.argv.slice(2) as [PublishMode, string];
  if ((mode !== "in-turns" && mode !== "at-once") || !source)
    throw new Error("usage: measure-publish.js <in-turns|at-once> <knowledge dir>");
  const root = await mkdtemp(path.join(tmpdir(), "rolecall-publish-bench-"));
  try {
    const dir = path.join(root, "knowledge");
    await cp(source, dir, { recursive: true });
    const dataDir = path.join(root, "data");
    const store = await createStore({ dataDir });
    await store.migrate();
    const live = liveRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE), "shipped", {});
    const onKnowledge =
      mode === "in-turns"
        ? (kb: KnowledgeBase, hash: string) => live.swap(kb, hash)
        : (kb: KnowledgeBase) => {
            createRolecall(kb);
          };
    const publisher = createPublisher({
      knowledgeDir: dir,
      cacheFile: knowledgeCachePath(dataDir),
      store,
      logger: silentLogger,
      onKnowledge,
    });
    const first = await measured(() => publisher.publish("startup"));
    await editOneDescription(path.join(dir, EDITED_FILE));
    const edit = await measured(() => publisher.publish("watch"));
    await store.close();
    const run: PublishRun = { mode, first, edit };
    process.stdout.write(`RESULT ${JSON.stringify(run)}\n`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** An edit a channel is told about: the first RACI row's description gains a sentence. */
async function editOneDescription(file: string): Promise<void> {
  const text = await readFile(file, "utf8");
  const edited = text.replace(/^(\s+description: )(.+)$/m, "$1$2 Reviewed by the publish benchmark.");
  if (edited === text) throw new Error(`${file} has no one-line description to edit`);
  await writeFile(file, edited);
}

async function measured(publish: () => Promise<{ status: string }>): Promise<PublishPhase> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const outcome = await publish();
  const publishMs = performance.now() - started;
  delay.disable();
  return {
    status: outcome.status,
    publishMs,
    longestStallMs: delay.max / 1e6,
    p99StallMs: delay.percentile(99) / 1e6,
  };
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
