// What every CLI command shares: where output goes, how knowledge is found, and the usage error.
import path from "node:path";
import { knowledgeCachePath } from "../core/knowledge/cache.ts";
import { loadKnowledge } from "../core/knowledge/load.ts";
import type { KnowledgeBase } from "../core/knowledge/model.ts";

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export class UsageError extends Error {
  readonly code = "USAGE";
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** --knowledge wins over KNOWLEDGE_DIR, which wins over ./knowledge. */
export function knowledgeDir(option?: string): string {
  return path.resolve(option ?? process.env.KNOWLEDGE_DIR ?? "knowledge");
}

/** ROLECALL_DEFAULT_FRAMEWORK, as the bot reads it: the framework preferred when a name is in two. */
export function defaultFramework(): { defaultFramework?: string } {
  const value = process.env.ROLECALL_DEFAULT_FRAMEWORK?.trim().toLowerCase();
  return value ? { defaultFramework: value } : {};
}

/** Where validated knowledge is cached between runs: DATA_DIR (default ./data). */
export function knowledgeCacheFile(): string {
  return knowledgeCachePath(process.env.DATA_DIR || "data");
}

export function loadKnowledgeFor(option?: string): Promise<KnowledgeBase> {
  return loadKnowledge(knowledgeDir(option), { cacheFile: knowledgeCacheFile() });
}
