// A cache of validated knowledge files, keyed by each file's content hash and the schema's fingerprint.
// Parsing YAML is most of start-up on full frameworks (about 0.5 s for SFIA 9 + DDaT); an unchanged file
// read back from JSON costs milliseconds. A changed file, or a changed schema, misses and is parsed afresh.
import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeDirs } from "./make-dirs.ts";
import { type KnowledgeFile, knowledgeJsonSchema } from "./schema.ts";

// 2: files with control characters are refused, so entries cached before that check are not trusted.
const FORMAT = 2;

export interface ParsedFileCache {
  get(file: string, hash: string): KnowledgeFile | undefined;
  set(file: string, hash: string, data: KnowledgeFile): void;
}

interface CacheDocument {
  format: number;
  schema: string;
  entries: Record<string, { hash: string; data: KnowledgeFile }>;
}

/** Where the cache lives in a data folder; the bot and the CLI share it. */
export function knowledgeCachePath(dataDir: string): string {
  return path.resolve(dataDir, "knowledge-cache.json");
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

let schemaFingerprint: string | undefined;
function currentSchemaFingerprint(): string {
  schemaFingerprint ??= contentHash(JSON.stringify(knowledgeJsonSchema()));
  return schemaFingerprint;
}

/** A cache kept in one JSON file. Entries not used by the last load are dropped when it is saved. */
export class KnowledgeFileCache implements ParsedFileCache {
  private used: CacheDocument["entries"] = {};
  private changed = false;

  private constructor(
    private readonly location: string,
    private readonly stored: CacheDocument["entries"],
  ) {}

  /** Opens the cache; a missing, unreadable or outdated cache file simply starts empty. */
  static async open(location: string): Promise<KnowledgeFileCache> {
    try {
      const document = JSON.parse(await readFile(location, "utf8")) as Partial<CacheDocument>;
      if (document.format === FORMAT && document.schema === currentSchemaFingerprint() && document.entries) {
        return new KnowledgeFileCache(location, document.entries);
      }
    } catch {
      // A cache is an optimisation: any problem reading it means parsing the YAML instead.
    }
    return new KnowledgeFileCache(location, {});
  }

  get(file: string, hash: string): KnowledgeFile | undefined {
    const entry = this.stored[file];
    if (entry?.hash !== hash) return undefined;
    this.used[file] = entry;
    return entry.data;
  }

  set(file: string, hash: string, data: KnowledgeFile): void {
    this.used[file] = { hash, data };
    this.changed = true;
  }

  /** Writes the entries this load used, atomically, when anything changed. */
  async save(): Promise<void> {
    const dropped = Object.keys(this.stored).some((file) => !(file in this.used));
    if (!this.changed && !dropped) return;
    const document: CacheDocument = {
      format: FORMAT,
      schema: currentSchemaFingerprint(),
      entries: this.used,
    };
    await makeDirs(path.dirname(this.location));
    const temporary = `${this.location}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(document));
    await rename(temporary, this.location);
  }
}
