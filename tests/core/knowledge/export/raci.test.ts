// `rolecall export raci`: the shipped RACI written as CSV and XLSX in the layout `import raci` reads, and
// importing either back into the same knowledge changes nothing; the command's errors are one line each.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { diffSnapshots } from "../../../../src/core/changes/diff.ts";
import { toSnapshot } from "../../../../src/core/changes/snapshot.ts";
import {
  EXPORT_MESSAGES,
  RACI_EXPORT_COLUMNS,
  RACI_EXPORT_SHEET,
  raciCsv,
  raciWorkbook,
} from "../../../../src/core/knowledge/export/raci.ts";
import { runImport } from "../../../../src/core/knowledge/import/index.ts";
import { buildKnowledge, loadKnowledge } from "../../../../src/core/knowledge/load.ts";
import { EXPORT_EXIT, EXPORT_TEXT, runExportCommand } from "../../../../src/terminal/export-command.ts";
import { cellLetters, SHIPPED_KNOWLEDGE, yamlRaciRows, yamlRoleNames } from "../../../support/raci-yaml.ts";
import { removeTempDirs, tempDir, writeTemp } from "../import/synthetic.ts";

afterAll(removeTempDirs);

async function exportCommand(...argv: string[]) {
  const io = { out: "", err: "" };
  const streams = {
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { write: (text: string) => (io.err += text) },
  } as unknown as Parameters<typeof runExportCommand>[1];
  const dataDir = await tempDir();
  const code = await runExportCommand(argv, streams, {
    knowledgeDir: SHIPPED_KNOWLEDGE,
    dataDir,
    profileFile: path.join(dataDir, "profile.json"),
  });
  return { code, ...io };
}

/** Imports the file into a new folder that starts as a copy of the shipped knowledge. */
async function importInto(file: string) {
  const out = path.join(await tempDir(), "k");
  const summary = await runImport({ importer: "raci", files: [file], out, startFrom: SHIPPED_KNOWLEDGE });
  return { out, summary };
}

describe("the exported CSV", () => {
  it("holds one row per RACI row of the YAML, each role's letters in its column", async () => {
    const records = parse(raciCsv(await loadKnowledge(SHIPPED_KNOWLEDGE))) as string[][];
    const [header = [], ...rows] = records;
    expect(header.slice(0, RACI_EXPORT_COLUMNS.length)).toEqual([...RACI_EXPORT_COLUMNS]);
    const names = yamlRoleNames();
    const expected = yamlRaciRows();
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r.id));
    const roleColumns = header.slice(RACI_EXPORT_COLUMNS.length);
    for (const [i, row] of expected.entries()) {
      const cells = rows[i]?.slice(RACI_EXPORT_COLUMNS.length) ?? [];
      const byName = new Map(roleColumns.map((name, c) => [name, cellLetters(cells[c] ?? "")]));
      for (const [roleId, letters] of row.letters)
        expect(byName.get(names.get(roleId) ?? roleId)).toBe(letters);
      const filled = [...byName.values()].filter((l) => l !== "").length;
      expect(filled).toBe(row.letters.size);
    }
  });
});

describe("a role column's heading", () => {
  it("is the role's id where another role has the same name, so the import finds the right role", () => {
    const { kb, problems } = buildKnowledge([
      {
        file: "k.yaml",
        text: [
          "roles:",
          "  - {id: ops-lead, name: Operations lead, summary: Ours.}",
          "  - {id: vendor-ops-lead, name: Operations lead, summary: The vendor's.}",
          "  - {id: tester, name: Tester, summary: Tests.}",
          "raci:",
          "  - {id: testing, kind: process, name: Testing, description: Testing things., accountable: ops-lead, responsible: tester}",
        ].join("\n"),
      },
    ]);
    expect(problems).toEqual([]);
    const [header] = parse(raciCsv(kb)) as string[][];
    expect(header?.slice(RACI_EXPORT_COLUMNS.length)).toEqual(["ops-lead", "Tester"]);
  });
});

describe("a cell a spreadsheet would run as a formula", () => {
  it("is written with the apostrophe that keeps it text, and imports back as written", async () => {
    const formula = '=HYPERLINK("http://attacker.example","Click for the process")';
    const { kb, problems } = buildKnowledge([
      {
        file: "k.yaml",
        text: [
          "roles:",
          "  - {id: ops-lead, name: Operations lead, summary: Ours.}",
          "raci:",
          `  - id: testing`,
          "    kind: process",
          "    name: Testing",
          `    description: '${formula.replaceAll("'", "''")}'`,
          "    aliases: ['+44 test line', '@testing', '-test']",
          "    accountable: ops-lead",
        ].join("\n"),
      },
    ]);
    expect(problems).toEqual([]);
    const csv = raciCsv(kb);
    const [, row = []] = parse(csv) as string[][];
    expect(row[RACI_EXPORT_COLUMNS.indexOf("Details")]).toBe(`'${formula}`);
    expect(row[RACI_EXPORT_COLUMNS.indexOf("Aliases")]).toBe("'+44 test line, @testing, -test");
    expect(csv).not.toMatch(/(^|,)"?=/m);

    const out = path.join(await tempDir(), "k");
    const file = await writeTemp(await tempDir(), "raci.csv", csv);
    await runImport({
      importer: "raci",
      files: [file],
      out,
      startFrom: SHIPPED_KNOWLEDGE,
      createRoles: true,
    });
    const imported = (await loadKnowledge(out)).raci.get("testing");
    expect(imported?.description).toBe(formula);
    expect(imported?.aliases).toEqual(["+44 test line", "@testing", "-test"]);
  });
});

describe("a round trip of the shipped RACI", () => {
  it("through CSV: the re-import updates nothing, announces nothing, and exports the same file", async () => {
    const shipped = await loadKnowledge(SHIPPED_KNOWLEDGE);
    const csv = raciCsv(shipped);
    const file = await writeTemp(await tempDir(), "raci.csv", csv);
    const { out, summary } = await importInto(file);
    expect(summary.counts).toMatchObject({ processes: 21, practices: 8, tools: 8 });
    expect(summary).toMatchObject({ added: {}, updated: {}, upToDate: { raci: 37 } });
    const imported = await loadKnowledge(out);
    expect(diffSnapshots(toSnapshot(shipped), toSnapshot(imported))).toEqual([]);
    expect(raciCsv(imported)).toBe(csv);
  });

  it("through XLSX: the same", async () => {
    const shipped = await loadKnowledge(SHIPPED_KNOWLEDGE);
    const dir = await tempDir();
    const file = path.join(dir, "raci.xlsx");
    await writeFile(file, await raciWorkbook(shipped));
    const { out, summary } = await importInto(file);
    expect(summary.inputs).toEqual([{ file, encoding: "xlsx", rows: 37 }]);
    expect(summary).toMatchObject({ added: {}, updated: {}, upToDate: { raci: 37 } });
    const imported = await loadKnowledge(out);
    expect(diffSnapshots(toSnapshot(shipped), toSnapshot(imported))).toEqual([]);
    expect(raciCsv(imported)).toBe(raciCsv(shipped));
  });

  it("writes every XLSX cell as text on one sheet named RACI", async () => {
    const file = path.join(await tempDir(), "raci.xlsx");
    await writeFile(file, await raciWorkbook(await loadKnowledge(SHIPPED_KNOWLEDGE)));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual([RACI_EXPORT_SHEET]);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.actualRowCount).toBe(38);
    const types = new Set<ExcelJS.ValueType>();
    sheet.eachRow((row) => row.eachCell((cell) => types.add(cell.type)));
    expect([...types]).toEqual([ExcelJS.ValueType.String]);
  });
});

describe("rolecall export raci", () => {
  it("prints the CSV on stdout without a file option", async () => {
    const result = await exportCommand("raci");
    expect(result).toMatchObject({ code: EXPORT_EXIT.ok, err: "" });
    expect(result.out).toBe(raciCsv(await loadKnowledge(SHIPPED_KNOWLEDGE)));
  });

  it("writes --csv FILE and --xlsx FILE, and says where", async () => {
    const dir = await tempDir();
    const csv = path.join(dir, "matrix.csv");
    expect(await exportCommand("raci", "--csv", csv)).toMatchObject({
      code: EXPORT_EXIT.ok,
      out: `Wrote the RACI matrix to ${csv}\n`,
    });
    expect(await readFile(csv, "utf8")).toBe(raciCsv(await loadKnowledge(SHIPPED_KNOWLEDGE)));
    const xlsx = path.join(dir, "matrix.xlsx");
    expect((await exportCommand("raci", "--xlsx", xlsx)).code).toBe(EXPORT_EXIT.ok);
    expect((await readFile(xlsx)).subarray(0, 2).toString()).toBe("PK");
  });

  it("refuses a path it cannot write with one line and exit 1", async () => {
    const file = path.join(await tempDir(), "no-such-folder", "raci.csv");
    expect(await exportCommand("raci", "--csv", file)).toEqual({
      code: EXPORT_EXIT.failed,
      out: "",
      err: `rolecall export: cannot write ${file} (ENOENT), so nothing was exported\n`,
    });
  });

  it("refuses --csv and --xlsx together", async () => {
    expect(await exportCommand("raci", "--csv", "a.csv", "--xlsx", "a.xlsx")).toEqual({
      code: EXPORT_EXIT.usage,
      out: "",
      err: `rolecall export: ${EXPORT_TEXT.bothFiles}\n`,
    });
  });

  it("says so when the knowledge has no RACI", async () => {
    const dir = await tempDir();
    await writeTemp(
      dir,
      "roles.yaml",
      "roles:\n  - id: tester\n    name: Tester\n    summary: Tests things.\n",
    );
    const result = await exportCommand("raci", "--knowledge", dir);
    expect(result.code).toBe(EXPORT_EXIT.failed);
    expect(result.err).toBe(`rolecall export: ${EXPORT_MESSAGES.noRaci} (knowledge folder ${dir})\n`);
  });

  it("names what it can export when asked for something else", async () => {
    expect(await exportCommand("skills")).toMatchObject({
      code: EXPORT_EXIT.usage,
      err: 'rolecall export: there is nothing called "skills" to export; rolecall export raci writes the RACI matrix\n',
    });
  });
});
