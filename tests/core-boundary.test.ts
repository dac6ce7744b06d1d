// The core answers questions without knowing about Slack: no file under src/core may import the Slack
// SDK or the Slack adapter.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CORE = path.resolve(import.meta.dirname, "../src/core");

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

function forbidden(file: string, specifier: string): boolean {
  if (specifier.startsWith("@slack/")) return true;
  if (!specifier.startsWith(".")) return false;
  const target = path.resolve(path.dirname(file), specifier);
  return !target.startsWith(`${CORE}${path.sep}`);
}

describe("the core", () => {
  const files = sourceFiles(CORE);

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("imports neither @slack/* nor anything outside src/core", () => {
    const violations = files.flatMap((file) =>
      importedModules(readFileSync(file, "utf8"))
        .filter((specifier) => forbidden(file, specifier))
        .map((specifier) => `${path.relative(CORE, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
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

  it("flags a relative import that leaves src/core, such as the Slack adapter", () => {
    expect(forbidden(path.join(CORE, "engine.ts"), "../slack/app.ts")).toBe(true);
    expect(forbidden(path.join(CORE, "engine.ts"), "./answer/types.ts")).toBe(false);
  });
});
