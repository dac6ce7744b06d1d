// The `rolecall import` command handler (src/terminal/import-command.ts), driven with captured output.
import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../../src/core/knowledge/load.ts";
import { IMPORT_EXIT, IMPORT_USAGE, runImportCommand } from "../../../../src/terminal/import-command.ts";
import { removeTempDirs, sfiaSkillsCsv, TWO_SKILLS, tempDir, writeTemp } from "./synthetic.ts";

afterAll(removeTempDirs);

function captureIo() {
  const io = { out: "", err: "" };
  return {
    io,
    streams: {
      stdout: { write: (text: string) => (io.out += text) },
      stderr: { write: (text: string) => (io.err += text) },
    },
  };
}

async function run(...argv: string[]) {
  const { io, streams } = captureIo();
  const code = await runImportCommand(argv, streams);
  return { code, ...io };
}

let dir: string;
let skills: string;

beforeEach(async () => {
  dir = await tempDir();
  skills = await writeTemp(dir, "skills.csv", sfiaSkillsCsv(TWO_SKILLS));
});

describe("rolecall import with good arguments", () => {
  it("imports, prints one paragraph, and the folder loads", async () => {
    const out = path.join(dir, "knowledge");
    const result = await run("sfia", skills, "--out", out);
    expect(result).toMatchObject({ code: IMPORT_EXIT.ok, err: "" });
    expect(result.out.trimEnd().split("\n")).toHaveLength(1);
    expect(result.out).toContain("Imported SFIA 9 into");
    expect(result.out).toContain("2 skills, 3 skill levels");
    expect(result.out).toContain("Wrote 2 files: sfia/framework.yaml, sfia/skills-made-up-category.yaml.");
    expect((await loadKnowledge(out)).skills.get("sfia:AAAA")?.levels).toHaveLength(2);
  });

  it("prints the summary as JSON with --json", async () => {
    const result = await run("sfia", skills, "--out", path.join(dir, "k"), "--json", "--version", "9.1");
    expect(result.code).toBe(IMPORT_EXIT.ok);
    const summary = JSON.parse(result.out);
    expect(summary).toMatchObject({
      ok: true,
      framework: { id: "sfia", version: "9.1" },
      counts: { skills: 2, "skill levels": 3 },
      added: { skills: 2 },
    });
  });

  it("prints usage on --help", async () => {
    expect(await run("--help")).toMatchObject({ code: IMPORT_EXIT.ok, out: `${IMPORT_USAGE}\n` });
  });
});

describe("rolecall import into a folder with no knowledge yet", () => {
  const SHIPPED = path.resolve(import.meta.dirname, "../../../../knowledge");

  it("starts from the shipped knowledge, so the RACI and organisation roles stay", async () => {
    const out = path.join(dir, "new");
    const result = await run("sfia", skills, "--out", out, "--knowledge", SHIPPED);
    expect(result.code).toBe(IMPORT_EXIT.ok);
    const kb = await loadKnowledge(out);
    expect(kb.raci.get("change-management")?.accountable).toBe("it-service-manager");
    expect(kb.roles.has("cio")).toBe(true);
    expect(kb.skills.has("sfia:AAAA")).toBe(true);
  });

  it("says in the summary that it started from that knowledge", async () => {
    const result = await run("sfia", skills, "--out", path.join(dir, "new"), "--knowledge", SHIPPED);
    expect(result.out).toMatch(
      / held no knowledge yet, so it starts as a copy of the knowledge in \S*knowledge \(\d+ files; pass --bare for SFIA alone\)\./,
    );
  });

  it("starts an empty folder the same way", async () => {
    const out = path.join(dir, "empty");
    await mkdir(out);
    await run("sfia", skills, "--out", out, "--knowledge", SHIPPED);
    expect((await loadKnowledge(out)).raci.has("incident-management")).toBe(true);
  });

  it("keeps a schema file the empty folder already has, even when the import fails", async () => {
    const out = path.join(dir, "own-schema");
    await mkdir(out);
    await writeTemp(out, "rolecall.schema.json", "{}");
    await run("sfia", skills, "--out", out, "--knowledge", SHIPPED, "--version", "no way");
    expect(await readdir(out)).toEqual(["rolecall.schema.json"]);
  });

  it("holds only the import with --bare", async () => {
    const out = path.join(dir, "bare");
    const result = await run("sfia", skills, "--out", out, "--bare");
    expect(result.out).not.toContain("starts as a copy");
    const kb = await loadKnowledge(out);
    expect([kb.raci.size, kb.roles.size, kb.skills.size]).toEqual([0, 0, 2]);
  });

  it("copies nothing when the import fails", async () => {
    const out = path.join(dir, "failed");
    const result = await run("sfia", skills, "--out", out, "--knowledge", SHIPPED, "--version", "no way");
    expect(result.code).toBe(IMPORT_EXIT.failed);
    await expect(stat(out)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("leaves an empty folder empty when the import fails", async () => {
    const out = path.join(dir, "empty-failed");
    await mkdir(out);
    await run("sfia", skills, "--out", out, "--knowledge", SHIPPED, "--version", "no way");
    expect(await readdir(out)).toEqual([]);
  });

  it("refuses to start from a folder with no knowledge, naming --bare", async () => {
    const result = await run(
      "sfia",
      skills,
      "--out",
      path.join(dir, "k"),
      "--knowledge",
      path.join(dir, "none"),
    );
    expect(result.code).toBe(IMPORT_EXIT.failed);
    expect(result.err).toContain("pass --bare to import this framework alone");
  });
});

describe("rolecall import with bad arguments", () => {
  it.each([
    [["sfia", "x.csv", "--out", "k", "--bare", "--knowledge", "knowledge"], "--bare imports with no other"],
    [[], "say which importer to run"],
    [["itil", "x.csv", "--out", "k"], 'there is no importer called "itil"'],
    [["sfia", "--out", "k"], "give the sfia CSV file(s) to import"],
    [["sfia", "x.csv"], "--out DIR"],
    [["sfia", "x.csv", "--out", "k", "--frobnicate"], "Unknown option '--frobnicate'"],
    [["sfia", "x.csv", "--out"], "--out"],
    [["raci", "--out", "k"], "give the raci file(s) to import"],
    [["ladder", "x.yml", "--out", "k", "--create-roles"], "--create-roles is for import raci"],
  ])("%j exits 2 with a usage line", async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(IMPORT_EXIT.usage);
    expect(result.err).toContain(message);
    expect(result.err).toContain(IMPORT_USAGE);
    expect(result.out).toBe("");
  });
});

describe("rolecall import with bad input", () => {
  it("exits 1 with the file and row, and no stack trace", async () => {
    const bad = await writeTemp(dir, "bad.csv", `${sfiaSkillsCsv(TWO_SKILLS)}3,,,,4\r\n`);
    const result = await run("sfia", bad, "--out", path.join(dir, "k"));
    expect(result.code).toBe(IMPORT_EXIT.failed);
    expect(result.err).toBe(
      `rolecall import: ${bad}: row 4 (line 6): has 5 column(s) but the header has 22: the row is truncated or a cell lost its quotes\n`,
    );
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it("reports the error as JSON with --json", async () => {
    const missing = path.join(dir, "missing.csv");
    const result = await run("ddat", missing, "--out", path.join(dir, "k"), "--json");
    expect(result.code).toBe(IMPORT_EXIT.failed);
    expect(JSON.parse(result.out)).toEqual({
      ok: false,
      error: { code: "IMPORT_FILE_MISSING", message: `${missing}: file not found`, file: missing },
    });
  });
});

describe("rolecall import raci and ladder with bad input", () => {
  it("exits 1 listing every bad cell", async () => {
    const sheet = await writeTemp(
      dir,
      "raci.csv",
      ["Process,Change manager,IT manager", "Change management,A,A", "Release management,R,"].join("\n"),
    );
    const result = await run("raci", sheet, "--out", path.join(dir, "k"));
    expect(result.code).toBe(IMPORT_EXIT.failed);
    expect(result.err).toBe(
      [
        "rolecall import: 2 problems in the RACI matrix, so nothing was imported:",
        `  ${sheet}!C2: two Accountable roles (Change manager, IT manager)`,
        `  ${sheet}!A3: no Accountable role for Release management; exactly one role must be A`,
        "",
      ].join("\n"),
    );
  });

  it("gives the problems as a list with --json", async () => {
    const ladder = await writeTemp(dir, "ladder.md", "---\ntitle: [unclosed\n---\n");
    const result = await run("ladder", ladder, "--out", path.join(dir, "k"), "--json");
    expect(result.code).toBe(IMPORT_EXIT.failed);
    const { error } = JSON.parse(result.out);
    expect(error.code).toBe("IMPORT_BAD_LADDER");
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/ladder\.md:\d+ the front matter is not valid YAML: /);
  });
});
