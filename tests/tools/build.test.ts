// tools/build.mjs, which npm start and npm run -s rolecall run first: dist/ is rebuilt only when it is
// missing or was built from other source, and a fresh dist/ needs no compiler at all.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { build, STAMP_FILE, sourceHash, staleReason } from "../../tools/build.mjs";

let root: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** A project whose dist/ was built from its src/ as it is now; it has no node_modules, so no tsc. */
function builtProject(): void {
  write("src/main.ts", "export {};\n");
  write("src/core/engine.ts", "export const x = 1;\n");
  write("tsconfig.json", "{}\n");
  write("dist/src/main.js", "");
  write("dist/src/cli.js", "");
  write(STAMP_FILE, `${sourceHash(root)}\n`);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "rolecall-build-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("whether dist/ must be built again", () => {
  it("is not when it was built from the source there is now", () => {
    builtProject();
    expect(staleReason(root)).toBeUndefined();
  });

  it("is when a source file changed, was added, or a tsconfig changed", () => {
    builtProject();
    write("src/core/engine.ts", "export const x = 2;\n");
    expect(staleReason(root)).toBe("src/ changed since dist/ was built");
    builtProject();
    write("src/core/new.ts", "export {};\n");
    expect(staleReason(root)).toBe("src/ changed since dist/ was built");
    builtProject();
    write("tsconfig.json", '{ "compilerOptions": {} }\n');
    expect(staleReason(root)).toBe("src/ changed since dist/ was built");
  });

  it("is when an entry point is missing or nothing says what it was built from", () => {
    builtProject();
    rmSync(path.join(root, "dist/src/cli.js"));
    expect(staleReason(root)).toBe("dist/src/cli.js is missing");
    builtProject();
    rmSync(path.join(root, STAMP_FILE));
    expect(staleReason(root)).toBe("src/ changed since dist/ was built");
  });

  it("is not where there is no source to build from, as in the runtime image", () => {
    builtProject();
    rmSync(path.join(root, "src"), { recursive: true });
    expect(staleReason(root)).toBeUndefined();
  });
});

describe("build --if-stale", () => {
  it("does nothing, and needs no compiler, when dist/ is fresh", () => {
    builtProject();
    const lines: string[] = [];
    expect(build({ onlyIfStale: true, root, log: (l) => lines.push(l) })).toBe(0);
    expect(lines).toEqual([]);
  });

  it("says in one line what to do when dist/ is stale and TypeScript is not installed", () => {
    builtProject();
    write("src/main.ts", "export const changed = true;\n");
    const lines: string[] = [];
    expect(build({ onlyIfStale: true, root, log: (l) => lines.push(l) })).toBe(1);
    expect(lines).toEqual([
      "Cannot build dist/ (src/ changed since dist/ was built): TypeScript is not installed. Run npm install (with dev dependencies), then npm run build.",
    ]);
  });
});
