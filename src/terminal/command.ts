// What every CLI command shares: where output goes, how knowledge is found, and the usage error.
import path from "node:path";
import type { CommandConfig } from "../config.ts";
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
export function knowledgeDir(option: string | undefined, config: CommandConfig): string {
  return path.resolve(option ?? config.knowledgeDir);
}

/** ROLECALL_DEFAULT_FRAMEWORK, as the bot reads it: the framework preferred when a name is in two. */
export function defaultFramework(config: CommandConfig): { defaultFramework?: string } {
  return config.defaultFramework ? { defaultFramework: config.defaultFramework } : {};
}

/** Where validated knowledge is cached between runs: DATA_DIR (default ./data). */
export function knowledgeCacheFile(config: CommandConfig): string {
  return knowledgeCachePath(config.dataDir);
}

export function loadKnowledgeFor(option: string | undefined, config: CommandConfig): Promise<KnowledgeBase> {
  return loadKnowledge(knowledgeDir(option, config), { cacheFile: knowledgeCacheFile(config) });
}
