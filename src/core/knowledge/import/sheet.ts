import path from "node:path";
import ExcelJS from "exceljs";
import { ImportError } from "./errors.ts";
import { type CsvEncoding, checkInputFile, readCsvTable } from "./read-csv.ts";

/** A workbook's sheet beyond these is not a RACI matrix; refusing it keeps a stray file from eating memory. */
export const SHEET_LIMITS = Object.freeze({ maxRows: 5000, maxColumns: 300 });

export interface SheetRow {
  /** Row number as the spreadsheet shows it (1-based); for a CSV, the line the record starts on. */
  row: number;
  cells: string[];
}

export interface Sheet {
  /** The path as given, for messages. */
  file: string;
  /** Base name, for generated-file headers. */
  name: string;
  /** The worksheet's name in a workbook; undefined for a CSV. */
  sheet?: string;
  /** "utf-8" or "windows-1252" for a CSV, "xlsx" for a workbook. */
  format: CsvEncoding | "xlsx";
  header: SheetRow;
  /** Data rows after the header; rows whose cells are all blank are left out. */
  rows: SheetRow[];
  blankRows: number;
}

export function isWorkbook(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

export async function readSheet(file: string, sheetName?: string): Promise<Sheet> {
  if (!isWorkbook(file) && sheetName !== undefined) {
    throw new ImportError("IMPORT_INPUTS", "--sheet is for an .xlsx workbook; a CSV has one sheet", { file });
  }
  return isWorkbook(file) ? readWorkbook(file, sheetName) : readCsvSheet(file);
}

async function readCsvSheet(file: string): Promise<Sheet> {
  const table = await readCsvTable(file);
  return {
    file,
    name: table.name,
    format: table.encoding,
    header: { row: 1, cells: table.header.map(withoutTextMark) },
    rows: table.rows.map((r) => ({ row: r.line, cells: r.cells.map(withoutTextMark) })),
    blankRows: table.blankRows,
  };
}

/** The apostrophe `export raci` puts before a cell a spreadsheet would run as a formula ("'=1+1"). */
const CSV_TEXT_MARK = /^'(?=[=+\-@\t\r])/;

function withoutTextMark(cell: string): string {
  return cell.replace(CSV_TEXT_MARK, "");
}

async function readWorkbook(file: string, sheetName: string | undefined): Promise<Sheet> {
  await checkInputFile(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new ImportError(
      "IMPORT_BAD_SPREADSHEET",
      `is not an Excel workbook that can be read (${error instanceof Error ? error.message : String(error)}); save it as .xlsx or CSV UTF-8`,
      { file },
    );
  }
  const worksheet =
    sheetName === undefined
      ? workbook.worksheets.find((w) => w.actualRowCount > 0)
      : workbook.worksheets.find((w) => w.name.toLowerCase() === sheetName.trim().toLowerCase());
  if (!worksheet && sheetName !== undefined) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(", ");
    throw new ImportError("IMPORT_INPUTS", `has no sheet called "${sheetName}"; its sheets are ${names}`, {
      file,
    });
  }
  if (!worksheet) throw new ImportError("IMPORT_EMPTY_FILE", "the workbook has no rows", { file });
  if (worksheet.rowCount > SHEET_LIMITS.maxRows || worksheet.columnCount > SHEET_LIMITS.maxColumns) {
    throw new ImportError(
      "IMPORT_FILE_TOO_LARGE",
      `sheet ${worksheet.name} has ${worksheet.rowCount} rows and ${worksheet.columnCount} columns, over the ${SHEET_LIMITS.maxRows} by ${SHEET_LIMITS.maxColumns} a RACI matrix may have`,
      { file },
    );
  }
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text ?? "";
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? "") });
  });
  const [header, ...data] = rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (!header) throw new ImportError("IMPORT_EMPTY_FILE", "the workbook has no rows", { file });
  if (data.length === 0) {
    throw new ImportError("IMPORT_EMPTY_FILE", "the sheet has a header row but no data rows", { file });
  }
  return {
    file,
    name: path.basename(file),
    sheet: worksheet.name,
    format: "xlsx",
    header: { row: header.row, cells: header.cells.map((c) => c.trim()) },
    rows: data,
    blankRows: 0,
  };
}

/** "raci.xlsx!Sheet1!D7" or "raci.csv!D7". */
export function cellName(sheet: Pick<Sheet, "file" | "sheet">, column: number, row: number): string {
  return `${sheet.file}${sheet.sheet ? `!${sheet.sheet}` : ""}!${columnLetters(column)}${row}`;
}

/** 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
