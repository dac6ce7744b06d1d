// The shape of src/ is checked, not hoped for: each part imports only the parts and packages it may (see
// the README's Architecture section), so the core stays Slack-free, notify and store know no adapter, and
// config reads the environment without pulling in Slack.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

/** A part is a folder under src/ (core, slack…) or a file directly in it (config, log…). */
type Part =
  | "core"
  | "store"
  | "notify"
  | "feedback"
  | "render"
  | "terminal"
  | "slack"
  | "config"
  | "log"
  | "work-tracker"
  | "slack-ids"
  | "ops"
  | "main"
  | "cli";

const SHARED: Part[] = ["log", "work-tracker", "slack-ids"];

/** What each part may import from src/; anything not listed is forbidden. main and cli wire everything. */
const ALLOWED_PARTS: Record<Part, readonly Part[]> = {
  core: ["core"],
  store: ["store", "core"],
  notify: ["notify", "core", "store", ...SHARED],
  feedback: ["feedback", "core", "store", ...SHARED],
  render: ["render", "core"],
  terminal: ["terminal", "core", "render", "notify", "feedback", "store", "config", ...SHARED],
  slack: ["slack", "core", "render", "notify", "feedback", "store", "config", ...SHARED],
  config: ["config", ...SHARED],
  log: ["log"],
  "work-tracker": ["work-tracker"],
  "slack-ids": ["slack-ids"],
  // Operations endpoints and metrics: fed through plain calls, so they need nothing else of Rolecall's.
  ops: ["ops"],
  main: ["core", "store", "notify", "feedback", "render", "terminal", "slack", "config", "ops", ...SHARED],
  cli: ["core", "terminal", "config", ...SHARED],
};

/** Packages each part may import besides node built-ins. */
const ALLOWED_PACKAGES: Record<Part, readonly string[]> = {
  core: ["fuse.js", "yaml", "zod", "diff", "csv-parse", "csv-stringify", "iconv-lite", "exceljs"],
  store: ["better-sqlite3", "pg", "zod"],
  notify: ["zod"],
  feedback: [],
  render: [],
  terminal: [],
  slack: ["@slack/bolt", "zod"],
  config: ["dotenv", "zod"],
  log: [],
  "work-tracker": [],
  "slack-ids": [],
  ops: ["prom-client"],
  main: [],
  cli: ["dotenv"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|cts|js|mjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every module specifier in import/export statements, dynamic import() and require(). */
function importedModules(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1] ?? ""));
}

function partOf(file: string): Part | undefined {
  const [first, second] = path.relative(SRC, file).split(path.sep);
  if (first === undefined || first.startsWith("..")) return undefined;
  const name = second === undefined ? first.replace(/\.[cm]?[jt]s$/, "") : first;
  return name in ALLOWED_PARTS ? (name as Part) : undefined;
}

/** The package a bare specifier names: "csv-parse/sync" is csv-parse, "@slack/bolt" is itself. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** Why this import breaks the layering, or undefined when it is allowed. */
function violation(file: string, specifier: string): string | undefined {
  const from = partOf(file);
  if (!from) return `${path.relative(SRC, file)} is in no known part of src/`;
  if (specifier.startsWith("node:")) return undefined;
  if (!specifier.startsWith(".")) {
    const pkg = packageOf(specifier);
    return ALLOWED_PACKAGES[from].includes(pkg) ? undefined : `${from} may not import the package ${pkg}`;
  }
  const to = partOf(path.resolve(path.dirname(file), specifier));
  if (!to) return `${from} imports ${specifier}, outside src/`;
  return ALLOWED_PARTS[from].includes(to) ? undefined : `${from} may not import ${to}`;
}

/** Part -> parts it actually imports. */
function partGraph(files: readonly string[]): Map<Part, Set<Part>> {
  const graph = new Map<Part, Set<Part>>();
  for (const file of files) {
    const from = partOf(file);
    if (!from) continue;
    for (const specifier of importedModules(readFileSync(file, "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const to = partOf(path.resolve(path.dirname(file), specifier));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Set<Part>();
      edges.add(to);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Each cycle found, as "a -> b -> a". */
function cycles(graph: ReadonlyMap<Part, ReadonlySet<Part>>): string[] {
  const found: string[] = [];
  const visit = (part: Part, trail: Part[]) => {
    for (const next of graph.get(part) ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) found.push([...trail.slice(at), next].join(" -> "));
      else visit(next, [...trail, next]);
    }
  };
  for (const part of graph.keys()) visit(part, [part]);
  return [...new Set(found)];
}

describe("the layering of src/", () => {
  const files = sourceFiles(SRC);

  it("has source files in every part to check", () => {
    const parts = new Set(files.map(partOf));
    for (const part of ["core", "store", "notify", "slack", "terminal", "config", "log"] as const) {
      expect(parts.has(part)).toBe(true);
    }
  });

  it("has each part import only what it may", () => {
    const problems = files.flatMap((file) =>
      importedModules(readFileSync(file, "utf8")).flatMap((specifier) => {
        const why = violation(file, specifier);
        return why ? [`${path.relative(SRC, file)}: ${specifier} (${why})`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it("has only config.ts read the environment", () => {
    const readers = files
      .filter((file) => /\bprocess\.env\b/.test(readFileSync(file, "utf8").replace(/^\s*(\/\/|\*).*$/gm, "")))
      .map((file) => path.relative(SRC, file));
    expect(readers).toEqual(["config.ts"]);
  });

  it("has no import loops between parts", () => {
    expect(cycles(partGraph(files))).toEqual([]);
  });
});

describe("inside the core", () => {
  const CORE = path.join(SRC, "core");
  /** What each folder of the core may import from the rest of it: one direction, answer on top. */
  const CORE_ALLOWED: Record<string, readonly string[]> = {
    text: ["text"],
    knowledge: ["knowledge", "text"],
    subjects: ["knowledge"],
    search: ["search", "subjects", "knowledge", "text"],
    query: ["query", "search", "subjects", "knowledge", "text"],
    changes: ["changes", "search", "subjects", "knowledge", "text"],
    profile: ["profile"],
    answer: ["answer", "query", "search", "subjects", "knowledge", "profile", "text"],
    personal: ["answer", "query", "search", "subjects", "knowledge", "profile", "text"],
    engine: ["answer", "query", "search", "subjects", "knowledge", "profile", "personal", "text"],
    live: ["engine", "search", "knowledge"],
  };
  const folderOf = (file: string) =>
    path
      .relative(CORE, file)
      .split(path.sep)[0]
      ?.replace(/\.[cm]?[jt]s$/, "") ?? "";

  it("has search and query import answer for nothing, and each folder import only those below it", () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(CORE)) {
      const from = folderOf(file);
      for (const specifier of importedModules(readFileSync(file, "utf8"))) {
        if (!specifier.startsWith(".")) continue;
        const to = folderOf(path.resolve(path.dirname(file), specifier));
        if (!(CORE_ALLOWED[from] ?? []).includes(to))
          wrong.push(`${path.relative(SRC, file)} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("the layering rules", () => {
  const at = (file: string) => path.join(SRC, file);

  it("keep the core from importing Slack, the store, or any package it is not allowed", () => {
    expect(violation(at("core/engine.ts"), "@slack/bolt")).toBeDefined();
    expect(violation(at("core/engine.ts"), "../store/types.ts")).toBeDefined();
    expect(violation(at("core/engine.ts"), "../slack/app.ts")).toBeDefined();
    expect(violation(at("core/engine.ts"), "left-pad")).toBeDefined();
    expect(violation(at("core/engine.ts"), "./answer/types.ts")).toBeUndefined();
    expect(violation(at("core/engine.ts"), "fuse.js")).toBeUndefined();
  });

  it("keep notify and store from importing an adapter, and store from importing notify", () => {
    expect(violation(at("notify/delivery.ts"), "../slack/render/escape.ts")).toBeDefined();
    expect(violation(at("notify/delivery.ts"), "@slack/bolt")).toBeDefined();
    expect(violation(at("store/sqlite.ts"), "../terminal/console.ts")).toBeDefined();
    expect(violation(at("store/sqlite.ts"), "../notify/fan-out.ts")).toBeDefined();
    expect(violation(at("notify/fan-out.ts"), "../store/types.ts")).toBeUndefined();
  });

  it("keep config from importing an adapter", () => {
    expect(violation(at("config.ts"), "./slack/logging.ts")).toBeDefined();
    expect(violation(at("config.ts"), "./terminal/command.ts")).toBeDefined();
    expect(violation(at("config.ts"), "./log.ts")).toBeUndefined();
  });

  it("find a loop between parts", () => {
    const graph = new Map<Part, Set<Part>>([
      ["slack", new Set<Part>(["notify"])],
      ["notify", new Set<Part>(["slack"])],
    ]);
    expect(cycles(graph)).toContain("slack -> notify -> slack");
  });
});

describe("the import scanner", () => {
  it("finds static, type-only, re-exported, dynamic and required imports", () => {
    const source = [
      'import { App } from "@slack/bolt";',
      'import type { X } from "../slack/ids.ts";',
      'export * from "@slack/web-api";',
      'const m = await import("@slack/socket-mode");',
      'const r = require("@slack/types");',
      'import "./side-effect.ts";',
    ].join("\n");
    expect(importedModules(source)).toEqual([
      "@slack/bolt",
      "../slack/ids.ts",
      "@slack/web-api",
      "./side-effect.ts",
      "@slack/socket-mode",
      "@slack/types",
    ]);
  });
});
