import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyImportPlan } from "../../../../src/core/knowledge/import/apply.ts";
import { editKnowledgeFile } from "../../../../src/core/knowledge/import/edit-file.ts";
import { ImportError } from "../../../../src/core/knowledge/import/errors.ts";
import { scanKnowledgeFolder } from "../../../../src/core/knowledge/import/folder.ts";
import { parseCsvText } from "../../../../src/core/knowledge/import/read-csv.ts";
import { planSfiaImport } from "../../../../src/core/knowledge/import/sfia.ts";
import { snapshot } from "./real-data.ts";
import { removeTempDirs, sfiaSkillsCsv, TWO_SKILLS, tempDir } from "./synthetic.ts";

afterAll(removeTempDirs);

describe("when the folder does not load after writing", () => {
  it("puts every file back as it was and removes the files and folders it created", async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, "frameworks.yaml"),
      '# Ours.\nframeworks:\n  - id: sfia\n    name: SFIA\n    version: "8"\n',
    );
    const before = await snapshot(dir);
    const plan = planSfiaImport([parseCsvText(sfiaSkillsCsv(TWO_SKILLS), "skills.csv")]);
    const folder = await scanKnowledgeFolder(dir);

    const failing = applyImportPlan(plan, folder, {
      verify: async () => {
        expect(existsSync(path.join(dir, "sfia/framework.yaml"))).toBe(true);
        throw new Error("disk went away");
      },
    });

    await expect(failing).rejects.toMatchObject({ code: "IMPORT_RESULT_INVALID" });
    await expect(failing).rejects.toBeInstanceOf(ImportError);
    expect(await snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, "sfia"))).toBe(false);
  });
});

describe("editing a hand-written knowledge file", () => {
  const text = `# yaml-language-server: $schema=./rolecall.schema.json
# Our skills.
skills:
  - framework: sfia
    code: ITMG
    name: IT management
    description: Moves.
    levels: [{ level: 5, description: Five. }]
    sources: [ a, b ]

  # Stays.
  - framework: sfia
    code: KEEP
    name: Kept
    description: Stays.
    levels: [{ level: 3, description: Three. }]
    sources: [ a ]
roles:
  - id: r
    name: R
    summary: Stays too.
`;

  it("removes only the moved record, keeping comments and the file's flow-list style", () => {
    expect(
      editKnowledgeFile(text, [{ kind: "skills", index: 0 }], [], ""),
    ).toBe(`# yaml-language-server: $schema=./rolecall.schema.json
# Our skills.
skills:
  # Stays.
  - framework: sfia
    code: KEEP
    name: Kept
    description: Stays.
    levels: [ { level: 3, description: Three. } ]
    sources: [ a ]
roles:
  - id: r
    name: R
    summary: Stays too.
`);
  });

  it("moves the file's opening comment to the next section when the first section empties", () => {
    const edited = editKnowledgeFile(
      text,
      [
        { kind: "skills", index: 0 },
        { kind: "skills", index: 1 },
      ],
      [],
      "",
    );
    expect(edited).toBe(`# yaml-language-server: $schema=./rolecall.schema.json
# Our skills.
roles:
  - id: r
    name: R
    summary: Stays too.
`);
  });

  it("writes the earlier version after the name of a skill left behind", () => {
    const edited = editKnowledgeFile(
      text,
      [{ kind: "skills", index: 0 }],
      [{ kind: "skills", index: 1 }],
      "7",
    );
    expect(edited).toContain('    name: Kept\n    version: "7"\n    description: Stays.');
  });
});

describe("reading CSV text", () => {
  it("numbers rows as records (the header is row 1) and lines as the text file has them", () => {
    const table = parseCsvText('a,b\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n', "t.csv");
    expect(table.rows.map((r) => [r.row, r.line, r.cells])).toEqual([
      [2, 2, ["1", "two\nlines"]],
      [3, 5, ["3", "4"]],
    ]);
  });

  it("skips rows whose cells are all blank and counts them", () => {
    const table = parseCsvText("a,b\n1,2\n,\n", "t.csv");
    expect(table.rows).toHaveLength(1);
    expect(table.blankRows).toBe(1);
  });

  it("reports a stray quote with its row and line", () => {
    expect(() => parseCsvText('a,b\n1,2\n3,"x"y\n', "t.csv")).toThrow(
      /t\.csv: row 3 \(line 3\): a double quote/,
    );
  });
});
