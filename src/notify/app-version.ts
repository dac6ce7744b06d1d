// The running Rolecall's version (package.json), which stamps each published snapshot: an instance still
// running an older release during a rolling deploy must not announce its knowledge over a newer one's.
import { readFileSync } from "node:fs";

let cached: string | undefined | null = null;

/** package.json's version, read once; undefined when it cannot be read (then only other stamps order). */
export function appVersion(): string | undefined {
  if (cached !== null) return cached;
  try {
    // The same relative path from src/notify and from a compiled dist/notify.
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    cached = typeof version === "string" && version.trim() !== "" ? version.trim() : undefined;
  } catch {
    cached = undefined;
  }
  return cached;
}

/** What stamps this instance's publishes besides the framework versions (see ContentVersion). */
export function versionStamp(knowledgeRevision: string | undefined): { app?: string; revision?: string } {
  const app = appVersion();
  return { ...(app ? { app } : {}), ...(knowledgeRevision ? { revision: knowledgeRevision } : {}) };
}
