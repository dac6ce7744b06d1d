// The running Rolecall's version (package.json), which stamps each published snapshot: an instance still
// running an older release during a rolling deploy must not announce its knowledge over a newer one's.
import { readFileSync } from "node:fs";

const PACKAGE_NAME = "rolecall";

let cached: string | undefined | null = null;

/** package.json's version, read once; undefined when it cannot be read (then only other stamps order). */
export function appVersion(): string | undefined {
  if (cached === null) cached = findVersion();
  return cached;
}

/** Looks up from this file for Rolecall's package.json: src/notify/ in a clone, dist/src/notify/ compiled. */
function findVersion(): string | undefined {
  for (let up = "../"; up.length <= 5 * 3; up += "../") {
    try {
      const text = readFileSync(new URL(`${up}package.json`, import.meta.url), "utf8");
      const { name, version } = JSON.parse(text) as { name?: unknown; version?: unknown };
      if (name !== PACKAGE_NAME) continue;
      return typeof version === "string" && version.trim() !== "" ? version.trim() : undefined;
    } catch {
      // no package.json at this level, or not JSON: look further up
    }
  }
  return undefined;
}

/** What stamps this instance's publishes besides the framework versions (see ContentVersion). */
export function versionStamp(knowledgeRevision: string | undefined): { app?: string; revision?: string } {
  const app = appVersion();
  return { ...(app ? { app } : {}), ...(knowledgeRevision ? { revision: knowledgeRevision } : {}) };
}
