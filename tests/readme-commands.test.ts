// The README's command-line examples work exactly as written: run through npm as a reader would, the
// --json one prints nothing but the JSON, and the files the import examples name are the real exports.
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { needsRealData, REALDATA } from "./support/real-data.ts";
import { type CliResult, ROOT, runProcess } from "./support/run-cli.ts";

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
/** every line of the README's ```sh blocks */
const shellLines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? "").split("\n"));

function sh(line: string): Promise<CliResult> {
  return runProcess("sh", ["-c", line]);
}

describe("the README's command-line examples", () => {
  it("run the CLI through npm silently, so npm's banner never comes before the output", () => {
    const cli = readme.match(/npm run(?: -s)? rolecall\b/g) ?? [];
    expect(cli.length).toBeGreaterThan(0);
    expect(cli.filter((c) => c !== "npm run -s rolecall")).toEqual([]);
  });

  it("ask --json prints one JSON object and nothing else", async () => {
    const line = shellLines.find((l) => l.includes(" ask ") && l.endsWith("--json"));
    expect(line).toBe('npm run -s rolecall -- ask "ITMG 5" --json');
    const result = await sh(line ?? "");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ intent: "level" });
  });

  it("ask prints the answer", async () => {
    const line = shellLines.find((l) => l.includes('ask "who is accountable'));
    const result = await sh(line ?? "false");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Change management/i);
  });

  it("import DDaT, which carries no version, only where one is known or given", () => {
    const ddat = shellLines.filter((l) => l.includes("import ddat"));
    expect(ddat.length).toBeGreaterThan(0);
    // A new folder starts from the shipped knowledge, whose DDaT framework has a version; --bare has none.
    for (const line of ddat) if (line.includes("--bare")) expect(line).toMatch(/ --version \S+/);
  });
});

describe.skipIf(needsRealData())("the README's example exports", () => {
  it.each(["sfia", "ddat"])("name the real %s export files", (importer) => {
    const lines = shellLines.filter((l) => l.includes(`import ${importer} `));
    const files = lines.flatMap((line) => line.split(/\s+/).filter((word) => word.endsWith(".csv")));
    expect(files.length).toBeGreaterThan(0);
    const folder = importer === "sfia" ? "sfia9" : "ddat-gdad-pcf";
    for (const file of files) {
      expect(existsSync(path.join(REALDATA, folder, path.basename(file))), file).toBe(true);
    }
  });
});

describe.skipIf(needsRealData())("the README's RACI spreadsheet and career ladder recipes", () => {
  it("import and answer as written, into a folder of the test's own", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "rolecall-readme-"));
    try {
      const recipe = shellLines.filter(
        (l) =>
          l.includes("import raci docs/examples/raci.csv") ||
          l.includes("import ladder ../shared/realdata") ||
          (l.includes(" ask ") && l.endsWith("--knowledge my-knowledge") && !l.includes("change management")),
      );
      expect(recipe).toHaveLength(6);
      const outputs: string[] = [];
      for (const line of recipe) {
        const result = await sh(line.replaceAll("my-knowledge", out));
        expect(result, line).toMatchObject({ code: 0, stderr: "" });
        outputs.push(result.stdout);
      }
      expect(outputs[1]).toMatch(/^Release management/);
      expect(outputs[4]).toMatch(/^Planning and Organising level 3 \(Engineering 2025-03\)/);
      expect(outputs[5]).toMatch(
        /^Backend Engineering level 3 and Backend Engineering level 4: how they differ/,
      );
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    // Six CLI processes one after another: a guard against a hang, sized for a busy two-core machine.
  }, 180_000);
});
