import { existsSync } from "node:fs";
import { mkdir, open, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  IMPORT_LIMITS,
  ImportError,
  type ImportRequest,
  runImport,
} from "../../../../src/core/knowledge/import/index.ts";
import { needsRealData } from "../../../support/real-data.ts";
import { SFIA9, snapshot } from "./real-data.ts";
import {
  DDAT_ROLES_HEADER,
  ddatRolesCsv,
  ONE_DDAT_ROW,
  removeTempDirs,
  SFIA_SKILLS_HEADER,
  SKILL_A,
  SKILL_B,
  sfiaSkillsCsv,
  TWO_SKILLS,
  tempDir,
  writeTemp,
} from "./synthetic.ts";

afterAll(removeTempDirs);

async function failure(request: ImportRequest): Promise<ImportError> {
  try {
    await runImport(request);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("the import succeeded");
}

let dir: string;
let out: string;

beforeEach(async () => {
  dir = await tempDir();
  out = path.join(dir, "knowledge");
});

async function sfiaFailure(name: string, content: string | Uint8Array): Promise<ImportError> {
  const file = await writeTemp(dir, name, content);
  const error = await failure({ importer: "sfia", files: [file], out });
  expect(error.file).toBe(file);
  expect(existsSync(out)).toBe(false);
  return error;
}

describe("an unknown importer or a missing file", () => {
  it("names the importers there are", async () => {
    const error = await failure({ importer: "itil", files: ["x.csv"], out });
    expect(error.code).toBe("IMPORT_UNKNOWN_IMPORTER");
    expect(error.message).toContain("sfia, ddat");
  });

  it("names the file that is missing", async () => {
    const missing = path.join(dir, "nope.csv");
    const error = await failure({ importer: "sfia", files: [missing], out });
    expect(error).toMatchObject({ code: "IMPORT_FILE_MISSING", file: missing });
    expect(error.message).toBe(`${missing}: file not found`);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a folder given as a file", async () => {
    const error = await failure({ importer: "ddat", files: [dir], out });
    expect(error).toMatchObject({ code: "IMPORT_FILE_MISSING", file: dir });
  });
});

describe("an empty file", () => {
  it("is refused when it has no bytes", async () => {
    expect((await sfiaFailure("empty.csv", "")).code).toBe("IMPORT_EMPTY_FILE");
  });

  it("is refused when it is only blank lines", async () => {
    expect((await sfiaFailure("blank.csv", "\r\n \r\n")).code).toBe("IMPORT_EMPTY_FILE");
  });

  it("is refused when it has a header but no rows", async () => {
    const error = await sfiaFailure("header.csv", `${SFIA_SKILLS_HEADER}\r\n`);
    expect(error.code).toBe("IMPORT_EMPTY_FILE");
    expect(error.message).toContain("no data rows");
  });
});

describe("a file in the wrong encoding", () => {
  it("refuses UTF-16 with a byte order mark", async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(sfiaSkillsCsv(TWO_SKILLS), "utf16le"),
    ]);
    const error = await sfiaFailure("utf16.csv", utf16);
    expect(error.code).toBe("IMPORT_BAD_ENCODING");
    expect(error.message).toContain("UTF-16");
  });

  it("refuses UTF-16 without a byte order mark, by its NUL bytes", async () => {
    const error = await sfiaFailure("utf16-nobom.csv", Buffer.from(sfiaSkillsCsv(TWO_SKILLS), "utf16le"));
    expect(error).toMatchObject({ code: "IMPORT_BAD_ENCODING", line: 1 });
  });

  it("refuses a binary file and says on which line its first NUL byte is", async () => {
    const error = await sfiaFailure("binary.csv", Buffer.from("a,b\nc,d\ne\u0000f,g\n", "latin1"));
    expect(error).toMatchObject({ code: "IMPORT_BAD_ENCODING", line: 3 });
    expect(error.message).toContain("NUL byte");
  });

  it("refuses bytes that are neither UTF-8 nor Windows-1252", async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${SFIA_SKILLS_HEADER}\r\n`),
      Buffer.from([0x31, 0x2c, 0x81, 0x0d, 0x0a]),
    ]);
    const error = await sfiaFailure("odd.csv", bytes);
    expect(error).toMatchObject({ code: "IMPORT_BAD_ENCODING", line: 2 });
  });

  it("reads Windows-1252 as Windows-1252, so 0x92 is a curly apostrophe", async () => {
    const csv = sfiaSkillsCsv([{ code: "CCCC", name: "Someone\u2019s skill", levels: { 3: "Does it." } }]);
    const file = await writeTemp(dir, "cp1252.csv", iconv.encode(csv, "win1252"));
    const summary = await runImport({ importer: "sfia", files: [file], out });
    expect(summary.inputs[0]?.encoding).toBe("windows-1252");
    expect(await readFile(path.join(out, "sfia/skills-made-up-category.yaml"), "utf8")).toContain(
      "name: Someone\u2019s skill",
    );
  });
});

describe("a file with the wrong columns", () => {
  it("says which columns were expected and which were found", async () => {
    const error = await sfiaFailure("people.csv", "Name,Description\r\nAda,Engineer\r\n");
    expect(error).toMatchObject({ code: "IMPORT_WRONG_COLUMNS", row: 1 });
    expect(error.message).toContain('Expected columns: "#", "Levels", "Code", "URL", "Skill", "Category"');
    expect(error.message).toContain('Found: "Name", "Description"');
  });

  it("names the one column a skills file lacks", async () => {
    const renamed = sfiaSkillsCsv(TWO_SKILLS).replace("Overall description", "Summary");
    const error = await sfiaFailure("renamed.csv", renamed);
    expect(error.code).toBe("IMPORT_WRONG_COLUMNS");
    expect(error.message).toContain('needs the column(s) "Overall description"');
    expect(error.message).toContain('"Summary"');
  });

  it("says what a DDaT file should look like", async () => {
    const file = await writeTemp(dir, "skills.csv", sfiaSkillsCsv(TWO_SKILLS));
    const error = await failure({ importer: "ddat", files: [file], out, version: "2024" });
    expect(error).toMatchObject({ code: "IMPORT_WRONG_COLUMNS", file });
    expect(error.message).toContain('"Role Family", "Role", "Role Description", "Role Level"');
  });

  it("names the missing column of a DDaT role content file", async () => {
    const header = DDAT_ROLES_HEADER.replace("Skill Level Description,", "");
    const file = await writeTemp(dir, "roles.csv", `${header}\na,b,c,d,e,f,g,h,i\n`);
    const error = await failure({ importer: "ddat", files: [file], out, version: "2024" });
    expect(error.code).toBe("IMPORT_WRONG_COLUMNS");
    expect(error.message).toContain('needs the column(s) "Skill Level Description"');
  });
});

describe("a truncated row", () => {
  it.skipIf(needsRealData())(
    "reports the row and line where a quoted cell is cut off, in a cut-short copy of the real export",
    async () => {
      const bytes = await readFile(SFIA9.skills);
      const rowStart = bytes.indexOf("\n12,") + 1;
      const cellStart = bytes.indexOf(',"', rowStart) + 2;
      const line = bytes.subarray(0, rowStart).toString("latin1").split("\n").length;
      const error = await sfiaFailure("cut.csv", bytes.subarray(0, cellStart + 10));
      expect(error).toMatchObject({ code: "IMPORT_BAD_CSV", row: 13, line });
      expect(error.message).toContain(`cut.csv: row 13 (line ${line}): a quoted cell is never closed`);
    },
  );

  it("reports a row with fewer columns than the header", async () => {
    const csv = `${sfiaSkillsCsv(TWO_SKILLS)}3,,,,4\r\n`;
    const error = await sfiaFailure("short.csv", csv);
    expect(error).toMatchObject({ code: "IMPORT_BAD_ROW", row: 4, line: 6 });
    expect(error.message).toContain("has 5 column(s) but the header has 22");
  });
});

describe("a row with bad values", () => {
  it("reports a skill without a code", async () => {
    const csv = sfiaSkillsCsv([{ code: "", name: "Nameless", levels: { 1: "x" } }]);
    expect(await sfiaFailure("nocode.csv", csv)).toMatchObject({ code: "IMPORT_BAD_ROW", row: 2 });
  });

  it("reports a skill defined twice", async () => {
    const error = await sfiaFailure("twice.csv", sfiaSkillsCsv([SKILL_A, SKILL_B, SKILL_A]));
    expect(error).toMatchObject({ code: "IMPORT_BAD_ROW", row: 4 });
    expect(error.message).toContain("the skill AAAA is already defined in row 2");
  });

  it("reports a skill with no level text", async () => {
    const error = await sfiaFailure(
      "nolevels.csv",
      sfiaSkillsCsv([{ code: "DDDD", name: "Empty", levels: {} }]),
    );
    expect(error).toMatchObject({ code: "IMPORT_BAD_ROW", row: 2 });
  });

  it("reports a DDaT skill level that is not one of the four", async () => {
    const row: string[] = [...ONE_DDAT_ROW];
    row[7] = "Master";
    const file = await writeTemp(dir, "roles.csv", ddatRolesCsv([ONE_DDAT_ROW, row]));
    const error = await failure({ importer: "ddat", files: [file], out, version: "2024" });
    expect(error).toMatchObject({ code: "IMPORT_BAD_ROW", file, row: 3 });
    expect(error.message).toContain('"Master" is not one of Awareness, Working, Practitioner, Expert');
    expect(existsSync(out)).toBe(false);
  });
});

describe("a huge file", () => {
  it("is refused from its size, before it is read", async () => {
    const file = path.join(dir, "huge.csv");
    const handle = await open(file, "w");
    await handle.truncate(IMPORT_LIMITS.maxInputBytes + 1);
    await handle.close();
    const error = await failure({ importer: "sfia", files: [file], out });
    expect(error).toMatchObject({ code: "IMPORT_FILE_TOO_LARGE", file });
    expect(error.message).toContain("over the 50.0 MB limit");
  });
});

describe("inputs that do not fit together", () => {
  it.skipIf(needsRealData())("refuses the attributes file without the levels file", async () => {
    const skills = await writeTemp(dir, "skills.csv", sfiaSkillsCsv(TWO_SKILLS));
    const error = await failure({ importer: "sfia", files: [skills, SFIA9.attributes], out });
    expect(error).toMatchObject({ code: "IMPORT_INPUTS", file: SFIA9.attributes });
  });

  it("refuses the same kind of file twice", async () => {
    const skills = await writeTemp(dir, "skills.csv", sfiaSkillsCsv(TWO_SKILLS));
    const error = await failure({ importer: "sfia", files: [skills, skills], out });
    expect(error.code).toBe("IMPORT_INPUTS");
  });

  it("refuses a version that could not be an id", async () => {
    const skills = await writeTemp(dir, "skills.csv", sfiaSkillsCsv(TWO_SKILLS));
    const error = await failure({ importer: "sfia", files: [skills], out, version: "nine/ten" });
    expect(error.code).toBe("IMPORT_BAD_VERSION");
  });

  it("asks for --version when neither the URLs nor the file name say which SFIA this is", async () => {
    const csv = sfiaSkillsCsv(TWO_SKILLS).replaceAll("/skillcode/9/", "/skills/");
    const error = await sfiaFailure("skills.csv", csv);
    expect(error.code).toBe("IMPORT_BAD_VERSION");
    expect(error.message).toContain("--version");
  });
});

describe("a folder the import cannot safely write to", () => {
  async function folderWith(files: Record<string, string>): Promise<Record<string, string>> {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(out, name)), { recursive: true });
      await writeFile(path.join(out, name), text);
    }
    return snapshot(out);
  }

  it("refuses when the knowledge already there is invalid, and touches nothing", async () => {
    const before = await folderWith({ "broken.yaml": "roles:\n  - id: [unclosed\n" });
    const skills = await writeTemp(dir, "skills.csv", sfiaSkillsCsv(TWO_SKILLS));
    const error = await failure({ importer: "sfia", files: [skills], out });
    expect(error.code).toBe("IMPORT_EXISTING_INVALID");
    expect(error.message).toMatch(/broken\.yaml:\d+:\d+ YAML syntax error/);
    expect(await snapshot(out)).toEqual(before);
  });

  it("refuses to overwrite a hand-written file where it would write its own", async () => {
    const before = await folderWith({ "sfia/framework.yaml": "# Ours.\nframeworks: []\n" });
    const skills = await writeTemp(dir, "skills.csv", sfiaSkillsCsv(TWO_SKILLS));
    const error = await failure({ importer: "sfia", files: [skills], out });
    expect(error.code).toBe("IMPORT_WOULD_OVERWRITE");
    expect(error.file).toContain(path.join("sfia", "framework.yaml"));
    expect(await snapshot(out)).toEqual(before);
  });

  it("reports a folder it cannot write to, and touches nothing", async () => {
    const before = await folderWith({
      "notes.yaml": "# Notes.\n",
      sfia: "a file where the import needs a folder\n",
    });
    const skills = await writeTemp(dir, "skills.csv", sfiaSkillsCsv(TWO_SKILLS));
    const error = await failure({ importer: "sfia", files: [skills], out });
    expect(error.code).toBe("IMPORT_WRITE_FAILED");
    expect(error.message).toContain("nothing was imported");
    expect(await snapshot(out)).toEqual(before);
  });

  it("refuses a result the loader would reject, and touches nothing", async () => {
    const before = await folderWith({
      "roles.yaml": `frameworks:
  - id: org
    name: Org
    version: "1"
roles:
  - id: made-up-team
    name: Made-up team
    framework: org
    summary: A team.
    roleLevels:
      - id: ddat-senior-made-up-role
        name: Our senior
        description: Clashes with the imported level id.
`,
    });
    const file = await writeTemp(dir, "roles.csv", ddatRolesCsv([ONE_DDAT_ROW]));
    const error = await failure({ importer: "ddat", files: [file], out, version: "2024" });
    expect(error.code).toBe("IMPORT_RESULT_INVALID");
    expect(error.message).toContain('duplicate role id "ddat-senior-made-up-role"');
    expect(await snapshot(out)).toEqual(before);
  });
});
