// Finds named columns in a CSV header (case and surrounding spaces ignored) and reads cells by name, so
// an export whose columns moved still imports, and one that lacks a column says which.
import { ImportError } from "./errors.ts";
import type { CsvRow, CsvTable } from "./read-csv.ts";

export interface ColumnSpec<Name extends string> {
  /** What this kind of file is called in messages, e.g. "SFIA skills file". */
  title: string;
  required: readonly Name[];
  optional?: readonly Name[];
}

export type ColumnIndex<Name extends string> = Record<Name, number | undefined>;

export function headerKey(cell: string): string {
  return cell.trim().toLowerCase();
}

export function hasColumns(header: readonly string[], names: readonly string[]): boolean {
  const keys = new Set(header.map(headerKey));
  return names.every((n) => keys.has(headerKey(n)));
}

export function indexColumns<Name extends string>(
  table: CsvTable,
  spec: ColumnSpec<Name>,
): ColumnIndex<Name> {
  const positions = new Map<string, number>();
  table.header.forEach((cell, i) => {
    const key = headerKey(cell);
    if (key && !positions.has(key)) positions.set(key, i);
  });
  const missing = spec.required.filter((name) => !positions.has(headerKey(name)));
  if (missing.length > 0) {
    throw wrongColumns(
      table,
      [...spec.required],
      `the ${spec.title} needs the column(s) ${quoteList(missing)}`,
    );
  }
  const index = {} as ColumnIndex<Name>;
  for (const name of [...spec.required, ...(spec.optional ?? [])]) {
    index[name] = positions.get(headerKey(name));
  }
  return index;
}

export function wrongColumns(table: CsvTable, expected: readonly string[], why: string): ImportError {
  const found = table.header.filter((c) => c !== "");
  return new ImportError(
    "IMPORT_WRONG_COLUMNS",
    `${why}. Expected columns: ${quoteList(expected)}. Found: ${found.length > 0 ? quoteList(found) : "no named columns"}`,
    { file: table.file, row: 1, line: 1 },
  );
}

/** Reads a cell by column; a row shorter than the header is reported as truncated rather than read as blank. */
export function createCellReader<Name extends string>(table: CsvTable, columns: ColumnIndex<Name>) {
  const width = table.header.length;
  return (row: CsvRow) => {
    if (row.cells.length < width) {
      throw new ImportError(
        "IMPORT_BAD_ROW",
        `has ${row.cells.length} column(s) but the header has ${width}: the row is truncated or a cell lost its quotes`,
        { file: table.file, row: row.row, line: row.line },
      );
    }
    return (name: Name): string => {
      const i = columns[name];
      return i === undefined ? "" : (row.cells[i] ?? "");
    };
  };
}

export function rowError(table: CsvTable, row: CsvRow, message: string): ImportError {
  return new ImportError("IMPORT_BAD_ROW", message, { file: table.file, row: row.row, line: row.line });
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}
