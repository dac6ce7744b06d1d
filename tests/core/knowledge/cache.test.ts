import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contentHash, type ParsedFileCache } from "../../../src/core/knowledge/cache.ts";
import { buildKnowledge, loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { KnowledgeError } from "../../../src/core/knowledge/problems.ts";

const ROLES = `frameworks:
  - {id: org, name: Org, version: "1"}
roles:
  - id: change-manager
    name: Change manager
    summary: Runs change.
`;
const RACI = `raci:
  - id: change-management
    kind: process
    name: Change management
    description: Controls change.
    accountable: change-manager
`;

let dir: string;
let cacheFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "rolecall-cache-"));
  cacheFile = path.join(dir, "cache", "knowledge-cache.json");
  await writeFile(path.join(dir, "roles.yaml"), ROLES);
  await writeFile(path.join(dir, "raci.yaml"), RACI);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the parsed-knowledge cache", () => {
  it("gives the same knowledge from the cache as from the YAML", async () => {
    const fresh = await loadKnowledge(dir, { cacheFile });
    const cached = await loadKnowledge(dir, { cacheFile });
    expect(cached.raci.get("change-management")).toEqual(fresh.raci.get("change-management"));
    expect([...cached.roles.keys()]).toEqual([...fresh.roles.keys()]);
  });

  it("serves a file whose hash matches from the cache, without parsing its YAML", () => {
    const served: string[] = [];
    const cache: ParsedFileCache = {
      get: (file, hash) => {
        served.push(file);
        return hash === contentHash(ROLES)
          ? { roles: [{ id: "from-cache", name: "Cached", summary: "s" }] }
          : undefined;
      },
      set: () => undefined,
    };
    const { kb } = buildKnowledge([{ file: "roles.yaml", text: ROLES }], { cache });
    expect(served).toEqual(["roles.yaml"]);
    expect([...kb.roles.keys()]).toEqual(["from-cache"]);
  });

  it("parses a file again when its text changes", async () => {
    await loadKnowledge(dir, { cacheFile });
    await writeFile(path.join(dir, "roles.yaml"), ROLES.replace("Runs change.", "Runs all change."));
    const kb = await loadKnowledge(dir, { cacheFile });
    expect(kb.roles.get("change-manager")?.summary).toBe("Runs all change.");
  });

  it("still locates a problem inside a file that came from the cache", async () => {
    await loadKnowledge(dir, { cacheFile });
    await writeFile(path.join(dir, "roles.yaml"), ROLES.replace("change-manager", "change-lead"));
    const error = (await loadKnowledge(dir, { cacheFile }).catch((e: unknown) => e)) as KnowledgeError;
    expect(error).toBeInstanceOf(KnowledgeError);
    expect(error.problems[0]).toMatchObject({ line: 6, column: 18, field: "raci[0].accountable" });
    expect(error.problems[0]?.file.endsWith("raci.yaml")).toBe(true);
  });

  it("ignores a corrupt cache file", async () => {
    await loadKnowledge(dir, { cacheFile });
    await writeFile(cacheFile, "{not json");
    const kb = await loadKnowledge(dir, { cacheFile });
    expect(kb.roles.has("change-manager")).toBe(true);
  });

  it("ignores a cache written for another schema", async () => {
    await loadKnowledge(dir, { cacheFile });
    const document = JSON.parse(await readFile(cacheFile, "utf8"));
    const roles = Object.keys(document.entries).find((f) => f.endsWith("roles.yaml")) ?? "";
    document.schema = "another-schema";
    document.entries[roles].data.roles[0].summary = "stale";
    await writeFile(cacheFile, JSON.stringify(document));
    const kb = await loadKnowledge(dir, { cacheFile });
    expect(kb.roles.get("change-manager")?.summary).toBe("Runs change.");
  });

  it("drops entries for files that no longer exist", async () => {
    await loadKnowledge(dir, { cacheFile });
    await rm(path.join(dir, "raci.yaml"));
    await loadKnowledge(dir, { cacheFile });
    const entries = Object.keys(JSON.parse(await readFile(cacheFile, "utf8")).entries);
    expect(entries.some((f) => f.endsWith("raci.yaml"))).toBe(false);
  });
});
