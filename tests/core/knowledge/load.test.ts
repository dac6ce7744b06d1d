import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildKnowledge, buildKnowledgeInTurns, loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { KnowledgeError, type KnowledgeProblem } from "../../../src/core/knowledge/problems.ts";

const BASE = `frameworks:
  - id: org
    name: Org
    version: "1"
roles:
  - id: change-manager
    name: Change manager
    summary: Runs change.
  - id: it-manager
    name: IT manager
    summary: Runs IT.
`;

function problemsOf(...files: Array<[string, string]>): KnowledgeProblem[] {
  return buildKnowledge(files.map(([file, text]) => ({ file, text }))).problems;
}

describe("a valid knowledge base", () => {
  it("loads with no problems", () => {
    const { kb, problems } = buildKnowledge([{ file: "base.yaml", text: BASE }]);
    expect(problems).toEqual([]);
    expect([...kb.roles.keys()]).toEqual(["change-manager", "it-manager"]);
  });

  it("loads the shipped knowledge folder", async () => {
    const kb = await loadKnowledge(path.resolve(import.meta.dirname, "../../../knowledge"));
    expect(kb.skills.get("sfia:ITMG")?.levels.map((l) => l.level)).toEqual([5, 6, 7]);
  });
});

describe("knowledge errors are reported with file, line, column, field and what was expected", () => {
  it("reports malformed YAML at its position", () => {
    const [problem] = problemsOf(["bad.yaml", "roles:\n  - id: [unclosed\n"]);
    expect(problem).toMatchObject({ file: "bad.yaml", field: "" });
    expect(problem?.line).toBeGreaterThanOrEqual(2);
    expect(problem?.message).toMatch(/YAML syntax error/);
  });

  it("reports a duplicate key", () => {
    const [problem] = problemsOf([
      "dup.yaml",
      "roles:\n  - id: a\n    name: A\n    name: B\n    summary: s\n",
    ]);
    expect(problem).toMatchObject({ file: "dup.yaml", line: 4, column: 5 });
    expect(problem?.message).toMatch(/duplicate key/);
  });

  it("reports a missing required field, naming the field", () => {
    const [problem] = problemsOf(["missing.yaml", "roles:\n  - id: a\n    name: A\n"]);
    expect(problem).toMatchObject({ file: "missing.yaml", line: 2, column: 5, field: "roles[0].summary" });
    expect(problem?.message).toBe("required field is missing (expected string)");
  });

  it("reports a wrong enum value with the allowed values", () => {
    const text = `${BASE}  - id: x\n    name: X\n    summary: s\n    knowledge:\n      - name: K\n        depth: Awre of\n        type: T\n        description: D\n`;
    const [problem] = problemsOf(["enum.yaml", text]);
    expect(problem).toMatchObject({ field: "roles[2].knowledge[0].depth", line: 17, column: 16 });
    expect(problem?.message).toContain('expected one of "Aware of", "Familiar with"');
    expect(problem?.message).toContain('got "Awre of"');
  });

  it("reports an unknown field", () => {
    const [problem] = problemsOf([
      "extra.yaml",
      "roles:\n  - id: a\n    name: A\n    summary: s\n    colour: red\n",
    ]);
    expect(problem).toMatchObject({ field: "roles[0].colour", line: 5, column: 5 });
    expect(problem?.message).toContain('unknown field "colour"');
  });

  it("reports an unknown role in a RACI row at the role's position", () => {
    const raci = `raci:\n  - id: change-management\n    kind: process\n    name: Change management\n    description: d\n    accountable: it-manager\n    responsible: [change-manger]\n`;
    const [problem] = problemsOf(["base.yaml", BASE], ["raci.yaml", raci]);
    expect(problem).toMatchObject({
      file: "raci.yaml",
      line: 7,
      column: 19,
      field: "raci[0].responsible[0]",
    });
    expect(problem?.message).toBe('unknown role "change-manger"; did you mean "change-manager"?');
  });

  it("reports two Accountable roles on one row", () => {
    const raci = `raci:\n  - id: change-management\n    kind: process\n    name: Change management\n    description: d\n    accountable: [it-manager, change-manager]\n`;
    const [problem] = problemsOf(["base.yaml", BASE], ["raci.yaml", raci]);
    expect(problem).toMatchObject({ file: "raci.yaml", line: 6, field: "raci[0].accountable" });
    expect(problem?.message).toBe("expected exactly one Accountable role, got 2");
  });

  it("reports a practice without a maturity", () => {
    const raci = `raci:\n  - id: devops\n    kind: practice\n    name: DevOps\n    description: d\n    accountable: it-manager\n`;
    const [problem] = problemsOf(["base.yaml", BASE], ["raci.yaml", raci]);
    expect(problem).toMatchObject({ field: "raci[0].maturity" });
  });

  it("reports an unknown YAML tag", () => {
    const [problem] = problemsOf(["tag.yaml", "roles: !!js/function 'x'\n"]);
    expect(problem).toMatchObject({ file: "tag.yaml", line: 1 });
    expect(problem?.message).toMatch(/tag/);
  });

  it("stops an alias bomb without expanding it", () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
    ].join("\n");
    const [problem] = problemsOf(["bomb.yaml", bomb]);
    expect(problem?.message).toMatch(/too many YAML alias expansions/);
  });

  it("reports a duplicate id across files with both places", () => {
    const other = "roles:\n  - id: it-manager\n    name: Other\n    summary: s\n";
    const [problem] = problemsOf(["base.yaml", BASE], ["other.yaml", other]);
    expect(problem).toMatchObject({ file: "other.yaml", line: 2, field: "roles[0].id" });
    expect(problem?.message).toBe('duplicate role id "it-manager"; already defined at base.yaml:9:5');
  });

  it("lists every problem at once instead of stopping at the first", () => {
    const problems = problemsOf(
      ["a.yaml", "roles:\n  - id: a\n    name: A\n"],
      ["b.yaml", "roles:\n  - id: b\n    summary: s\n"],
      ["c.yaml", "roles: [\n"],
    );
    expect(problems.map((p) => p.file)).toEqual(["a.yaml", "b.yaml", "c.yaml"]);
  });
});

describe("loading a folder", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rolecall-knowledge-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a 10 MB file without reading it, and still reports the other files", async () => {
    await writeFile(path.join(dir, "ok.yaml"), BASE);
    const huge = path.join(dir, "huge.yaml");
    await writeFile(huge, "");
    await truncate(huge, 10 * 1024 * 1024);
    await writeFile(path.join(dir, "broken.yaml"), "roles:\n  - id: x\n");
    const error = await loadKnowledge(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    const problems = (error as KnowledgeError).problems;
    expect(problems.find((p) => p.file.endsWith("huge.yaml"))?.message).toMatch(
      /10\.0 MB, over the 5\.0 MB limit/,
    );
    expect(problems.some((p) => p.file.endsWith("broken.yaml"))).toBe(true);
  });

  it("names each problem as file:line:col in the error message", async () => {
    await writeFile(path.join(dir, "roles.yaml"), "roles:\n  - id: a\n    name: A\n");
    const error = (await loadKnowledge(dir).catch((e: unknown) => e)) as KnowledgeError;
    expect(error.message).toMatch(/roles\.yaml:2:5 roles\[0\]\.summary: required field is missing/);
  });

  it("reports a missing folder clearly", async () => {
    const error = (await loadKnowledge(path.join(dir, "nope")).catch((e: unknown) => e)) as KnowledgeError;
    expect(error.problems[0]?.message).toBe("cannot read knowledge: folder not found");
  });

  it("reports an empty folder clearly", async () => {
    const error = (await loadKnowledge(dir).catch((e: unknown) => e)) as KnowledgeError;
    expect(error.problems[0]?.message).toBe("no knowledge files (*.yaml) in this folder");
  });

  it("reads files in sub-folders", async () => {
    await mkdir(path.join(dir, "org"));
    await writeFile(path.join(dir, "org", "roles.yml"), BASE);
    const kb = await loadKnowledge(dir);
    expect(kb.roles.has("it-manager")).toBe(true);
  });

  it("refuses bytes that are not UTF-8, naming the file, line and column", async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${BASE}  - id: cafe\n    name: Caf`),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    await writeFile(path.join(dir, "roles.yaml"), latin1);
    const error = (await loadKnowledge(dir).catch((e: unknown) => e)) as KnowledgeError;
    expect(error.problems).toEqual([
      {
        file: expect.stringMatching(/roles\.yaml$/),
        line: 13,
        column: 14,
        field: "",
        message: "not valid UTF-8 (byte 0xe9); save the file as UTF-8",
      },
    ]);
  });

  it("follows symbolic links to files", async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), "rolecall-knowledge-target-"));
    try {
      await writeFile(path.join(elsewhere, "roles.yaml"), BASE);
      await symlink(path.join(elsewhere, "roles.yaml"), path.join(dir, "roles.yaml"));
      const kb = await loadKnowledge(dir);
      expect(kb.roles.has("it-manager")).toBe(true);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it("loads a Kubernetes ConfigMap mount once: links beside a hidden folder of the files", async () => {
    await mkdir(path.join(dir, "..2026_12_01"));
    await writeFile(path.join(dir, "..2026_12_01", "roles.yaml"), BASE);
    await symlink("..2026_12_01", path.join(dir, "..data"));
    await symlink(path.join("..data", "roles.yaml"), path.join(dir, "roles.yaml"));
    const kb = await loadKnowledge(dir);
    expect([...kb.roles.keys()]).toEqual(["change-manager", "it-manager"]);
  });

  it("says so when the only files are links that lead nowhere", async () => {
    await symlink(path.join(dir, "gone.yaml"), path.join(dir, "roles.yaml"));
    const error = (await loadKnowledge(dir).catch((e: unknown) => e)) as KnowledgeError;
    expect(error.problems[0]?.message).toMatch(
      /^no knowledge files \(\*\.yaml\) in this folder: the symbolic link .*roles\.yaml leads to no readable file$/,
    );
  });
});

describe("control characters in knowledge text", () => {
  it("are refused raw in the file, at their line and column", () => {
    const [problem] = problemsOf(["roles.yaml", `${BASE.replace("Runs IT.", "Runs\u0000\u0001 IT.")}`]);
    expect(problem).toEqual({
      file: "roles.yaml",
      line: 11,
      column: 18,
      field: "",
      message:
        "control character U+0000 is not allowed in knowledge text (it would be posted to Slack as is); remove it",
    });
  });

  it("are refused when written as escapes in a quoted string, naming the field", () => {
    const [problem] = problemsOf(["roles.yaml", BASE.replace("Runs IT.", '"Runs\\u0000\\u0001 IT."')]);
    expect(problem).toMatchObject({ file: "roles.yaml", line: 11, column: 14, field: "roles[1].summary" });
    expect(problem?.message).toMatch(/^control character U\+0000 is not allowed/);
  });

  it("leave tabs alone", () => {
    expect(problemsOf(["roles.yaml", BASE.replace("Runs IT.", '"Runs\\tIT."')])).toEqual([]);
  });
});

describe("building a large folder", () => {
  it("lets the event loop run between files, so a running bot keeps answering", async () => {
    const texts = Array.from({ length: 20 }, (_, i) => ({
      file: `roles-${i}.yaml`,
      text: `roles:\n  - id: role-${i}\n    name: Role ${i}\n    summary: Does ${i}.\n`,
    }));
    let turns = 0;
    let building = true;
    const count = () => {
      turns += 1;
      if (building) setImmediate(count);
    };
    setImmediate(count);
    const { kb, problems } = await buildKnowledgeInTurns(texts);
    building = false;
    expect(problems).toEqual([]);
    expect(kb.roles.size).toBe(20);
    expect(turns).toBeGreaterThanOrEqual(texts.length - 1);
  });
});
