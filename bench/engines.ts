// The three engines under test, behind one shape: build from the knowledge base, then answer a
// question with a ranked list of entity ids (best first, each once).
import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { createRolecall } from "../src/core/engine.ts";
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";
import { type BenchDocument, toDocuments } from "./documents.ts";

export const ENGINE_NAMES = ["rolecall", "fuse", "minisearch"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface BenchEngine {
  name: EngineName;
  /** the timed part of a question: whatever the engine does to answer it */
  ask(question: string): unknown;
  /** entity ids from an ask() result, best first, without repeats */
  rankedEntities(result: unknown): string[];
}

/** Settings stated in docs/BENCHMARKS.md; plain fuse.js keeps every default but the keys. */
export const FUSE_OPTIONS = Object.freeze({ keys: ["code", "name", "text"] });
export const MINISEARCH_OPTIONS = Object.freeze({
  idField: "id",
  fields: ["code", "name", "text"],
  storeFields: ["entity"],
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { code: 3, name: 2 } },
});

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

export function buildEngine(name: EngineName, kb: KnowledgeBase): BenchEngine {
  switch (name) {
    case "rolecall": {
      const rolecall = createRolecall(kb);
      return {
        name,
        ask: (question) => rolecall.ask(question),
        rankedEntities: (result) =>
          unique((result as ReturnType<typeof rolecall.ask>).subjects.map((s) => s.id)),
      };
    }
    case "fuse": {
      const docs = toDocuments(kb);
      const fuse = new Fuse(docs, FUSE_OPTIONS);
      return {
        name,
        ask: (question) => fuse.search(question),
        rankedEntities: (result) =>
          unique((result as Array<{ item: BenchDocument }>).map((r) => r.item.entity)),
      };
    }
    case "minisearch": {
      const docs = toDocuments(kb);
      const mini = new MiniSearch<BenchDocument>(MINISEARCH_OPTIONS);
      mini.addAll(docs);
      return {
        name,
        ask: (question) => mini.search(question),
        rankedEntities: (result) =>
          unique((result as Array<{ entity?: unknown }>).map((r) => String(r.entity))),
      };
    }
  }
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
