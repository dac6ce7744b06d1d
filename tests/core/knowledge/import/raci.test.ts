// `rolecall import raci`: a RACI matrix from CSV or XLSX into a copy of the shipped knowledge, every bad
// cell named at once, re-imports that change nothing, and a moved Accountable announced as a change.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { diffSnapshots } from "../../../../src/core/changes/diff.ts";
import { toSnapshot } from "../../../../src/core/changes/snapshot.ts";
import { raciCsv } from "../../../../src/core/knowledge/export/raci.ts";
import { ImportError, runImport } from "../../../../src/core/knowledge/import/index.ts";
import { parseLetters } from "../../../../src/core/knowledge/import/raci.ts";
import { loadKnowledge } from "../../../../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../../../../src/core/knowledge/model.ts";
import { removeTempDirs, tempDir, writeTemp } from "./synthetic.ts";

afterAll(removeTempDirs);

const SHIPPED = path.resolve(import.meta.dirname, "../../../../knowledge");

async function importRaci(file: string, out: string, createRoles = false) {
  return runImport({ importer: "raci", files: [file], out, startFrom: SHIPPED, createRoles });
}

async function problemsOf(file: string, out: string, createRoles = false): Promise<readonly string[]> {
  try {
    await importRaci(file, out, createRoles);
  } catch (error) {
    if (error instanceof ImportError) return error.details;
    throw error;
  }
  throw new Error("the import succeeded");
}

async function folderFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true })).sort();
  } catch {
    return [];
  }
}

const CSV = [
  "Process,Kind,Details,Change manager,IT service manager,it-manager,Release manager",
  "Change management,process,,R,A,I,C",
  "Release management,,,C,I,,A/R",
  'Patch management,process,"Applying vendor patches to servers, on a schedule.",R,"R,A",,I',
].join("\n");

/** A workbook built the way a spreadsheet user would: a header row, then one row per process. */
async function workbook(dir: string, name: string, rows: readonly string[][], sheet = "Sheet1") {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  for (const row of rows) ws.addRow(row);
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

describe("reading RACI cells", () => {
  it.each([
    ["R", ["R"]],
    ["A/R", ["A", "R"]],
    ["R,A", ["R", "A"]],
    ["R/A", ["R", "A"]],
    [" c ", ["C"]],
  ])("reads %j as %j", (cell, letters) => {
    expect(parseLetters(cell)).toEqual(letters);
  });

  it("refuses anything that is not R, A, C or I", () => {
    expect(parseLetters("S")).toBeUndefined();
  });
});

describe("importing a RACI matrix from CSV", () => {
  it("updates the shipped rows by id and adds new ones, and the folder loads", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "k");
    const summary = await importRaci(await writeTemp(dir, "raci.csv", CSV), out);
    expect(summary).toMatchObject({ written: ["raci/raci.yaml"], added: { raci: 1 }, updated: { raci: 2 } });
    const kb = await loadKnowledge(out);
    expect(kb.raci.get("release-management")).toMatchObject({
      accountable: "release-manager",
      responsible: ["release-manager"],
      consulted: ["change-manager"],
      informed: ["it-service-manager"],
    });
    // What the spreadsheet does not say (aliases, sources) stays as the knowledge had it.
    expect(kb.raci.get("change-management")?.aliases).toContain("change enablement");
    expect(kb.raci.get("patch-management")).toMatchObject({
      kind: "process",
      description: "Applying vendor patches to servers, on a schedule.",
      accountable: "it-service-manager",
      responsible: ["change-manager", "it-service-manager"],
    });
  });

  it("changes nothing when the same file is imported again", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "k");
    const file = await writeTemp(dir, "raci.csv", CSV);
    await importRaci(file, out);
    const before = await readFile(path.join(out, "raci/raci.yaml"), "utf8");
    const again = await importRaci(file, out);
    expect(again).toMatchObject({ written: [], unchanged: ["raci/raci.yaml"], edited: [] });
    expect(again.upToDate).toEqual({ raci: 3 });
    expect(await readFile(path.join(out, "raci/raci.yaml"), "utf8")).toBe(before);
  });
});

describe("importing a RACI matrix from XLSX", () => {
  it("reads the first sheet's cells, combinations included", async () => {
    const dir = await tempDir();
    const file = await workbook(dir, "raci.xlsx", [
      ["Name", "Type", "Description", "Change manager", "IT service manager", "IT manager"],
      ["Change management", "Process", "", "R/A", "C", "I"],
      ["Service desk tool", "tool", "The ticketing tool the service desk works in.", "I", "A", "R"],
    ]);
    const out = path.join(dir, "k");
    const summary = await importRaci(file, out);
    expect(summary.inputs).toEqual([{ file, encoding: "xlsx", rows: 2 }]);
    const kb = await loadKnowledge(out);
    expect(kb.raci.get("change-management")).toMatchObject({
      accountable: "change-manager",
      responsible: ["change-manager"],
      consulted: ["it-service-manager"],
      informed: ["it-manager"],
    });
    expect(kb.raci.get("service-desk-tool")).toMatchObject({
      kind: "tool",
      accountable: "it-service-manager",
    });
  });

  it("reads the sheet named with --sheet, and names the sheets when there is no such one", async () => {
    const dir = await tempDir();
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Legend").addRow(["R = Responsible, A = Accountable"]);
    const matrix = book.addWorksheet("Matrix");
    matrix.addRow(["Process", "Change manager", "IT service manager"]);
    matrix.addRow(["Change management", "C", "A/R"]);
    const file = path.join(dir, "raci.xlsx");
    await book.xlsx.writeFile(file);
    const out = path.join(dir, "k");
    await expect(
      runImport({ importer: "raci", files: [file], out, startFrom: SHIPPED, sheet: "Sheets" }),
    ).rejects.toThrow(`${file}: has no sheet called "Sheets"; its sheets are "Legend", "Matrix"`);
    await runImport({ importer: "raci", files: [file], out, startFrom: SHIPPED, sheet: "matrix" });
    expect((await loadKnowledge(out)).raci.get("change-management")).toMatchObject({
      accountable: "it-service-manager",
      consulted: ["change-manager"],
    });
  });

  it("keeps the rows by the id column, so a renamed row updates the same id", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "k");
    const rows = (name: string) => [
      ["ID", "Process", "Change manager", "IT service manager"],
      ["change-management", name, "R", "A"],
    ];
    await importRaci(await workbook(dir, "a.xlsx", rows("Change management")), out);
    await importRaci(await workbook(dir, "a.xlsx", rows("Change enablement")), out);
    const kb = await loadKnowledge(out);
    expect(kb.raci.get("change-management")?.name).toBe("Change enablement");
    expect([...kb.raci.values()].filter((r) => r.name === "Change management")).toEqual([]);
  });
});

describe("the README's example spreadsheet", () => {
  it("imports as the README shows, and the moved Accountable is answered", async () => {
    const out = path.join(await tempDir(), "my-knowledge");
    const example = path.resolve(import.meta.dirname, "../../../../docs/examples/raci.csv");
    const summary = await importRaci(example, out);
    expect(summary).toMatchObject({ added: { raci: 1 }, updated: { raci: 2 } });
    expect((await loadKnowledge(out)).raci.get("release-management")?.accountable).toBe("release-manager");
  });
});

describe("a spreadsheet with problems", () => {
  it("names every bad cell with its file, sheet and cell, and writes nothing", async () => {
    const dir = await tempDir();
    const file = await workbook(dir, "raci.xlsx", [
      ["Process", "Kind", "Change manager", "IT manager", "Change manger", "IT service manager"],
      ["Change management", "process", "A", "A", "", "R"],
      ["Incident management", "process", "R", "", "", "C"],
      ["Problem management", "process", "", "", "", ""],
      ["", "process", "R", "A", "", ""],
      ["Release management", "process", "X", "A", "", ""],
      ["Capacity management", "procedure", "R", "A", "", ""],
      ["", "process", "", "", "", ""],
    ]);
    const out = path.join(dir, "k");
    expect(await problemsOf(file, out)).toEqual([
      `${file}!Sheet1!E1: no role called "Change manger"; did you mean "Change manager"? (pass --create-roles to add it as a new role)`,
      `${file}!Sheet1!D2: two Accountable roles (Change manager, IT manager)`,
      `${file}!Sheet1!A3: no Accountable role for Incident management; exactly one role must be A`,
      `${file}!Sheet1!A4: Problem management is an empty row: no role is R, A, C or I`,
      `${file}!Sheet1!A5: the row has RACI letters but no name`,
      `${file}!Sheet1!C6: "X" is not R, A, C or I (write one letter or several, e.g. A/R)`,
      `${file}!Sheet1!B7: "procedure" is not process, practice or tool`,
      `${file}!Sheet1!A7: Capacity management needs details (a details or description column), as the knowledge has no description for it yet`,
      `${file}!Sheet1!A8: the row has cells but no name`,
    ]);
    expect(await folderFiles(out)).toEqual([]);
  });

  it("refuses a file named .xlsx that is not a workbook, writing nothing", async () => {
    const dir = await tempDir();
    const file = await writeTemp(dir, "raci.xlsx", "Process,Change manager\nChange management,A\n");
    const out = path.join(dir, "k");
    await expect(importRaci(file, out)).rejects.toMatchObject({ code: "IMPORT_BAD_SPREADSHEET", file });
    expect(await folderFiles(out)).toEqual([]);
  });

  it("names CSV cells without a sheet, and a new row with no details", async () => {
    const dir = await tempDir();
    const file = await writeTemp(
      dir,
      "raci.csv",
      ["Process,Change manager,IT service manager", "Brand new process,R,A"].join("\n"),
    );
    expect(await problemsOf(file, path.join(dir, "k"))).toEqual([
      `${file}!A2: Brand new process needs details (a details or description column), as the knowledge has no description for it yet`,
    ]);
  });

  it("reports a role column twice and a row id twice", async () => {
    const dir = await tempDir();
    const file = await writeTemp(
      dir,
      "raci.csv",
      [
        "Process,Change manager,change-manager,IT service manager",
        "Change management,R,,A",
        "Change management,R,,A",
      ].join("\n"),
    );
    expect(await problemsOf(file, path.join(dir, "k"))).toEqual([
      `${file}!C1: "change-manager" is the same role as ${file}!B1 (Change manager)`,
      `${file}!A3: the id "change-management" is already used by row 2`,
    ]);
  });

  it("reads a practice's maturity, and refuses one that is not a level and name", async () => {
    const dir = await tempDir();
    const sheet = (maturity: string) =>
      [
        "Practice,Kind,Maturity,Details,Change manager,IT service manager",
        `Pairing,practice,${maturity},Two people at one keyboard.,R,A`,
      ].join("\n");
    const out = path.join(dir, "k");
    await importRaci(await writeTemp(dir, "raci.csv", sheet("3 - Defined")), out);
    expect((await loadKnowledge(out)).raci.get("pairing")?.maturity).toEqual({ level: 3, name: "Defined" });
    const bad = await writeTemp(dir, "bad.csv", sheet("very"));
    expect(await problemsOf(bad, path.join(dir, "k2"))).toEqual([
      `${bad}!C2: "very" is not a maturity; write a level 1-5 and its name, e.g. "3 Defined"`,
    ]);
  });

  it("adds unknown role columns as roles with --create-roles", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "k");
    const file = await writeTemp(
      dir,
      "raci.csv",
      ["Process,Change manager,Head of Platform", "Change management,R,A"].join("\n"),
    );
    const summary = await importRaci(file, out, true);
    expect(summary.notes).toContain("created 1 role: Head of Platform");
    const kb = await loadKnowledge(out);
    expect(kb.roles.get("head-of-platform")?.name).toBe("Head of Platform");
    expect(kb.raci.get("change-management")?.accountable).toBe("head-of-platform");
  });
});

function letters(kb: KnowledgeBase) {
  return [...kb.raci.values()].map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    description: r.description,
    maturity: r.maturity,
    aliases: r.aliases,
    accountable: r.accountable,
    responsible: [...r.responsible].sort(),
    consulted: [...r.consulted].sort(),
    informed: [...r.informed].sort(),
  }));
}

describe("a round trip of the shipped RACI through a spreadsheet", () => {
  it("keeps every row's values, and importing it again changes nothing", async () => {
    const shipped = await loadKnowledge(SHIPPED);
    const dir = await tempDir();
    const out = path.join(dir, "k");
    const file = await writeTemp(dir, "raci.csv", raciCsv(shipped));
    const first = await importRaci(file, out);
    expect(first.counts).toMatchObject({ processes: 21, practices: 8, tools: 8 });
    const imported = await loadKnowledge(out);
    expect(sortById(letters(imported))).toEqual(sortById(letters(shipped)));
    expect(diffSnapshots(toSnapshot(shipped), toSnapshot(imported))).toEqual([]);
    const again = await importRaci(file, out);
    expect(again.written).toEqual([]);
  });
});

describe("re-importing a spreadsheet with a moved Accountable", () => {
  it("is published as that RACI move", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "k");
    const rows = (release: [string, string]) =>
      ["Process,Release manager,IT manager", `Release management,${release[0]},${release[1]}`].join("\n");
    await importRaci(await writeTemp(dir, "raci.csv", rows(["A/R", "I"])), out);
    const before = toSnapshot(await loadKnowledge(out));
    await importRaci(await writeTemp(dir, "raci.csv", rows(["R", "A"])), out);
    const after = toSnapshot(await loadKnowledge(out));
    const summaries = diffSnapshots(before, after).map((c) => c.summary);
    expect(summaries).toContain("Release management: Accountable moved from Release manager to IT manager");
  });
});

function sortById<T extends { id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.id.localeCompare(b.id));
}
