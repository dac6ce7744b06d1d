// The RACI written out as a spreadsheet, in exactly the layout `rolecall import raci` reads: an id, name,
// kind, maturity, aliases and details column, then one column per role with R, A, C and I in its cells.
// Importing the file again changes nothing (tests/core/knowledge/export/raci.test.ts shows it).
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { RACI_COLUMNS } from "../import/raci.ts";
import type { KnowledgeBase, RaciRow, Role } from "../model.ts";
import { matrixRoles, raciCell } from "../raci-matrix.ts";
import { ExportError } from "./errors.ts";

/** The columns before the roles, each headed by a name the importer reads as that column. */
export const RACI_EXPORT_COLUMNS = Object.freeze(["ID", "Name", "Kind", "Maturity", "Aliases", "Details"]);

/** The worksheet's name in an exported workbook. */
export const RACI_EXPORT_SHEET = "RACI";

/** Between aliases in the aliases column; the importer splits on it. */
const ALIAS_SEPARATOR = ", ";

export const EXPORT_MESSAGES = Object.freeze({
  noRaci: "the knowledge has no RACI rows to export",
});

/** The header row and one row per RACI row, as the spreadsheet holds them. */
export function raciSheetRows(kb: KnowledgeBase): string[][] {
  const rows = [...kb.raci.values()];
  if (rows.length === 0) throw new ExportError("EXPORT_NO_RACI", EXPORT_MESSAGES.noRaci);
  const roles = matrixRoles(kb, rows);
  const header = [...RACI_EXPORT_COLUMNS, ...roles.map((role) => roleHeader(kb, role))];
  return [header, ...rows.map((row) => [...rowCells(row), ...roles.map((role) => raciCell(row, role.id))])];
}

export function raciCsv(kb: KnowledgeBase): string {
  const rows = raciSheetRows(kb).map((row) => row.map(inertInSpreadsheets));
  return stringify(rows, { record_delimiter: "unix" });
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A spreadsheet opening the CSV would run a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula: knowledge text is untrusted, so such a cell gets the apostrophe spreadsheets read as "text".
 * `import raci` takes it off again (CSV_TEXT_MARK in import/sheet.ts), so the round trip changes nothing.
 */
function inertInSpreadsheets(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export async function raciWorkbook(kb: KnowledgeBase): Promise<Buffer> {
  const rows = raciSheetRows(kb);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(RACI_EXPORT_SHEET, { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  // Every cell is written as a string, never a formula or number, so "1" stays text and "=…" stays inert.
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

function rowCells(row: RaciRow): string[] {
  return [
    row.id,
    row.name,
    row.kind,
    row.maturity ? `${row.maturity.level} ${row.maturity.name}` : "",
    (row.aliases ?? []).join(ALIAS_SEPARATOR),
    row.description,
  ];
}

/**
 * A role's column is headed by its name, which the importer matches back to the role. Where the name
 * could be read as another role or as one of the importer's own columns, the id is used instead.
 */
function roleHeader(kb: KnowledgeBase, role: Role): string {
  const key = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, " ");
  const name = key(role.name);
  const reserved = Object.values(RACI_COLUMNS).some((names) => (names as readonly string[]).includes(name));
  const sameName = [...kb.roles.values()].some(
    (other) =>
      other.id !== role.id && [other.id, other.name, ...(other.aliases ?? [])].some((n) => key(n) === name),
  );
  return reserved || sameName ? role.id : role.name;
}
