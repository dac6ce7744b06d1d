import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INTENTS } from "../src/core/answer/types.ts";
import { knowledgeJsonSchema } from "../src/core/knowledge/schema.ts";
import { sfiaSkillsCsv, TWO_SKILLS } from "./core/knowledge/import/synthetic.ts";
import { ROOT, runCli } from "./support/run-cli.ts";

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "rolecall-cli-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("rolecall ask", () => {
  it("prints the plain-text answer", async () => {
    const result = await runCli(["ask", "ITMG 5"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ITMG level 5: IT management (SFIA 7)");
    expect(result.stdout).toContain("Takes responsibility for the design, procurement");
  });

  it("prints one JSON object with intent, ranked subjects and text", async () => {
    const result = await runCli(["ask", "IT management level 6", "--json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(INTENTS).toContain(json.intent);
    expect(json.intent).toBe("level");
    expect(json.subjects[0]).toEqual({
      kind: "skill",
      id: "sfia:ITMG",
      name: "IT management",
      framework: "sfia",
      level: 6,
    });
    expect(json.text).toContain("Takes full responsibility for budgeting");
  });

  it("gives RACI answers a raci object of role names", async () => {
    const json = JSON.parse(
      (await runCli(["ask", "--json", "who is accountable for change management"])).stdout,
    );
    expect(json.intent).toBe("raci");
    expect(json.raci.accountable).toEqual(["IT service manager"]);
    expect(json.raci.responsible).toContain("Change manager");
    expect(Object.keys(json.raci).sort()).toEqual(["accountable", "consulted", "informed", "responsible"]);
  });

  it("reads another knowledge folder from --knowledge", async () => {
    const dir = path.join(scratch, "tiny");
    await writeTiny(dir);
    const json = JSON.parse((await runCli(["ask", "TINY 2", "--json", "--knowledge", dir])).stdout);
    expect(json.subjects[0]).toMatchObject({ kind: "skill", id: "test:TINY", level: 2 });
  });

  it("reads another knowledge folder from KNOWLEDGE_DIR", async () => {
    const dir = path.join(scratch, "tiny-env");
    await writeTiny(dir);
    const json = JSON.parse(
      (await runCli(["ask", "TINY 2", "--json"], { env: { KNOWLEDGE_DIR: dir } })).stdout,
    );
    expect(json.subjects[0]).toMatchObject({ id: "test:TINY" });
  });

  it("exits non-zero with every knowledge problem on stderr and no stack trace", async () => {
    const dir = path.join(scratch, "broken");
    await writeTiny(dir);
    await writeFile(path.join(dir, "broken.yaml"), "roles:\n  - id: x\n    name: X\n");
    const result = await runCli(["ask", "TINY 2", "--knowledge", dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/broken\.yaml:2:5 roles\[0\]\.summary: required field is missing/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 with usage for a missing question", async () => {
    const result = await runCli(["ask"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ask needs a question");
    expect(result.stderr).toContain("Usage: rolecall");
  });

  it("exits 2 for an unknown option or command, without a stack trace", async () => {
    for (const args of [["ask", "x", "--jsn"], ["frobnicate"]]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^rolecall: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("rolecall import into a new folder, as the README's recipe does", () => {
  let skills: string;

  beforeAll(async () => {
    skills = path.join(scratch, "skills.csv");
    await writeFile(skills, sfiaSkillsCsv(TWO_SKILLS));
  });

  it("keeps the shipped RACI beside the imported skills, and says where it started from", async () => {
    const out = path.join(scratch, "my-knowledge");
    const imported = await runCli(["import", "sfia", skills, "--out", out]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("so it starts as a copy of the knowledge in knowledge (");
    const json = JSON.parse(
      (await runCli(["ask", "who is accountable for change management", "--json", "--knowledge", out]))
        .stdout,
    );
    expect(json.raci.accountable).toEqual(["IT service manager"]);
  });

  it("starts from KNOWLEDGE_DIR when it is set", async () => {
    const tiny = path.join(scratch, "tiny-start");
    await writeTiny(tiny);
    const out = path.join(scratch, "from-tiny");
    const imported = await runCli(["import", "sfia", skills, "--out", out], { env: { KNOWLEDGE_DIR: tiny } });
    expect(imported.stdout).toContain(`so it starts as a copy of the knowledge in ${tiny} (1 file;`);
    const json = JSON.parse((await runCli(["ask", "TINY 2", "--json", "--knowledge", out])).stdout);
    expect(json.subjects[0]).toMatchObject({ id: "test:TINY", level: 2 });
  });

  it("holds only the import with --bare", async () => {
    const out = path.join(scratch, "bare");
    expect((await runCli(["import", "sfia", skills, "--out", out, "--bare"])).code).toBe(0);
    const json = JSON.parse(
      (await runCli(["ask", "list all processes", "--json", "--knowledge", out])).stdout,
    );
    expect(json.subjects).toEqual([]);
  });

  it("documents --bare in the usage", async () => {
    expect((await runCli(["--help"])).stdout).toContain("--bare");
  });
});

describe("rolecall export raci", () => {
  it("prints the RACI matrix as CSV in the layout import raci reads, and is in the usage", async () => {
    const result = await runCli(["export", "raci"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.split("\n")[0]).toMatch(/^ID,Name,Kind,Maturity,Aliases,Details,IT manager,/);
    expect((await runCli(["--help"])).stdout).toContain("export raci [--csv FILE | --xlsx FILE]");
  });
});

describe("a DATA_DIR under /proc, where no folder can be made", () => {
  const env = { DATA_DIR: "/proc/rolecall-test/data" };

  it("rolecall publish fails at once with one line naming the store", async () => {
    const result = await runCli(["publish"], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^rolecall publish: Cannot use the store at \/proc\/rolecall-test\/data\//);
  });

  it("rolecall import fails at once naming the folder it could not make", async () => {
    const csv = path.join(scratch, "proc-skills.csv");
    await writeFile(csv, sfiaSkillsCsv(TWO_SKILLS));
    const result = await runCli(["import", "sfia", csv, "--out", "/proc/rolecall-test/knowledge"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("/proc/rolecall-test");
  });

  it("rolecall ask still answers: the cache there is only a speed-up", async () => {
    const result = await runCli(["ask", "ITMG 5"], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ITMG level 5");
  });
});

describe("rolecall schema", () => {
  it("the committed JSON Schema is the one the code generates", async () => {
    const committed = JSON.parse(await readFile(path.join(ROOT, "knowledge/rolecall.schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(knowledgeJsonSchema())));
  });

  it("every shipped knowledge file points editors at the schema", async () => {
    const { readdir } = await import("node:fs/promises");
    for (const name of (await readdir(path.join(ROOT, "knowledge"))).filter((n) => n.endsWith(".yaml"))) {
      const text = await readFile(path.join(ROOT, "knowledge", name), "utf8");
      expect(text.startsWith("# yaml-language-server: $schema=./rolecall.schema.json"), name).toBe(true);
    }
  });
});

async function writeTiny(dir: string): Promise<void> {
  const { mkdir } = await import("node:fs/promises");
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, "tiny.yaml"),
    `frameworks:
  - id: test
    name: Test
    version: "1"
skills:
  - framework: test
    code: TINY
    name: Tiny skill
    description: A skill for tests.
    levels:
      - level: 2
        description: Does tiny things.
`,
  );
}
