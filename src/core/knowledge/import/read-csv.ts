// Reads one CSV export into rows of cells: checks its size before reading, detects UTF-8 or
// Windows-1252 (spreadsheet exports are often the latter), and reports every problem with file, row and line.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { CsvError, parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { ImportError } from "./errors.ts";

export const IMPORT_LIMITS = Object.freeze({
  /** Larger inputs are refused unread; the biggest real export (DDaT role content) is 2.5 MB. */
  maxInputBytes: 50 * 1024 * 1024,
  /** One record's characters; guards against a stray quote swallowing the rest of a huge file. */
  maxRecordChars: 1024 * 1024,
});

export type CsvEncoding = "utf-8" | "windows-1252";

export interface CsvRow {
  /** Record number: the header is row 1; blank lines are not rows. */
  row: number;
  /** Line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  /** The path as the user gave it, for messages. */
  file: string;
  /** Base name, for generated-file headers (never the full path, so output does not depend on where inputs live). */
  name: string;
  encoding: CsvEncoding;
  header: string[];
  rows: CsvRow[];
  /** Data rows whose cells were all blank and were skipped. */
  blankRows: number;
}

export async function readCsvTable(file: string): Promise<CsvTable> {
  await checkInputFile(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ImportError("IMPORT_FILE_MISSING", `cannot read the file (${code})`, { file });
  }
  const { text, encoding } = decodeCsvBytes(bytes, file);
  return parseCsvText(text, file, encoding);
}

/**
 * What every importer checks before reading a file: that it is a file, is not empty, and is within the
 * import size limit. Returns its size.
 */
export async function checkInputFile(file: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ImportError("IMPORT_FILE_MISSING", "is not a file", { file });
    size = info.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : `cannot read the file (${code ?? String(error)})`;
    throw new ImportError("IMPORT_FILE_MISSING", reason, { file });
  }
  if (size > IMPORT_LIMITS.maxInputBytes) {
    throw new ImportError(
      "IMPORT_FILE_TOO_LARGE",
      `is ${formatMegabytes(size)}, over the ${formatMegabytes(IMPORT_LIMITS.maxInputBytes)} limit for an import; is this the right file?`,
      { file },
    );
  }
  if (size === 0) throw new ImportError("IMPORT_EMPTY_FILE", "the file is empty", { file });
  return size;
}

export function decodeCsvBytes(bytes: Uint8Array, file: string): { text: string; encoding: CsvEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) {
    throw new ImportError(
      "IMPORT_BAD_ENCODING",
      "the file is UTF-16; save it as CSV in UTF-8 (or Windows-1252) and import again",
      { file },
    );
  }
  const nul = buffer.indexOf(0);
  if (nul >= 0) {
    throw new ImportError(
      "IMPORT_BAD_ENCODING",
      `contains a NUL byte (byte ${nul}): this is a binary or UTF-16 file, not a CSV text export; save it as CSV UTF-8`,
      { file, line: lineAt(buffer, nul) },
    );
  }
  const body = startsWith(buffer, [0xef, 0xbb, 0xbf]) ? buffer.subarray(3) : buffer;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    // Not UTF-8: spreadsheet exports on Windows are Windows-1252. Node's own TextDecoder maps 0x80-0x9F to
    // C1 controls instead of curly quotes and dashes, so iconv-lite decodes it.
  }
  const text = iconv.decode(body, "win1252");
  const undefinedByte = text.indexOf("\uFFFD");
  if (undefinedByte >= 0) {
    throw new ImportError(
      "IMPORT_BAD_ENCODING",
      "is neither UTF-8 nor Windows-1252 text (it has bytes neither encoding defines); save it as CSV UTF-8",
      { file, line: text.slice(0, undefinedByte).split("\n").length },
    );
  }
  return { text, encoding: "windows-1252" };
}

export function parseCsvText(text: string, file: string, encoding: CsvEncoding = "utf-8"): CsvTable {
  if (text.trim() === "") throw new ImportError("IMPORT_EMPTY_FILE", "the file has no rows", { file });
  const rows: CsvRow[] = [];
  let lastEndLine = 0;
  let lastEmptyLines = 0;
  let records: string[][];
  try {
    // Line ends are normalised first: csv-parse counts a CRLF inside a quoted cell as two lines.
    records = parse(text.replace(/\r\n?/g, "\n"), {
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: IMPORT_LIMITS.maxRecordChars,
      on_record: (record: string[], context) => {
        const line = lastEndLine + 1 + (context.empty_lines - lastEmptyLines);
        rows.push({ row: context.records, line, cells: record });
        lastEndLine = context.lines;
        lastEmptyLines = context.empty_lines;
        return record;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const place = { file, row: rows.length + 1, line: lastEndLine + 1 };
    throw new ImportError("IMPORT_BAD_CSV", describeCsvError(error), place);
  }
  if (records.length !== rows.length) throw new Error("csv-parse skipped a record callback");
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) throw new ImportError("IMPORT_EMPTY_FILE", "the file has no rows", { file });
  const data = dataRows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (data.length === 0) {
    throw new ImportError("IMPORT_EMPTY_FILE", "the file has a header row but no data rows", { file });
  }
  return {
    file,
    name: path.basename(file),
    encoding,
    header: headerRow.cells.map((c) => c.trim()),
    rows: data,
    blankRows: dataRows.length - data.length,
  };
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell is never closed: the row is truncated or has a stray double quote";
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'a double quote inside a cell is not doubled (write "" inside quoted cells)';
    case "CSV_MAX_RECORD_SIZE":
      return `a row is longer than ${IMPORT_LIMITS.maxRecordChars} characters; the file is probably malformed`;
    default:
      return `not valid CSV (${error.message})`;
  }
}

function startsWith(buffer: Buffer, prefix: number[]): boolean {
  return prefix.every((byte, i) => buffer[i] === byte);
}

function lineAt(buffer: Buffer, offset: number): number {
  let line = 1;
  for (let i = buffer.indexOf(0x0a); i >= 0 && i < offset; i = buffer.indexOf(0x0a, i + 1)) line++;
  return line;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
