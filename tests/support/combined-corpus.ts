// The combined corpus for tests: the shipped knowledge with SFIA 9 and DDaT from ../shared/realdata
// imported into a temporary copy (eval/corpora.ts), built once per test process and read-only.
//   const kb = await combinedKnowledge();
// The folder is removed when the process exits.
import { rmSync } from "node:fs";
import path from "node:path";
import { type BuiltCorpus, buildCombinedCorpus } from "../../eval/corpora.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../../src/core/knowledge/model.ts";

let built: Promise<BuiltCorpus> | undefined;
let knowledge: Promise<KnowledgeBase> | undefined;

export function combinedCorpus(): Promise<BuiltCorpus> {
  built ??= buildCombinedCorpus().then((corpus) => {
    process.once("exit", () => rmSync(path.dirname(corpus.dir), { recursive: true, force: true }));
    return corpus;
  });
  return built;
}

export function combinedKnowledge(): Promise<KnowledgeBase> {
  knowledge ??= combinedCorpus().then((corpus) => loadKnowledge(corpus.dir));
  return knowledge;
}
