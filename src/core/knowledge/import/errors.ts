// Every expected import failure is an ImportError: a stable code, the file and row it is about, and a
// message that says what to do. Anything else escaping an import is a bug.

export type ImportErrorCode =
  | "IMPORT_UNKNOWN_IMPORTER"
  | "IMPORT_FILE_MISSING"
  | "IMPORT_FILE_TOO_LARGE"
  | "IMPORT_EMPTY_FILE"
  | "IMPORT_BAD_ENCODING"
  | "IMPORT_BAD_CSV"
  | "IMPORT_WRONG_COLUMNS"
  | "IMPORT_BAD_ROW"
  | "IMPORT_BAD_SPREADSHEET"
  | "IMPORT_BAD_CELLS"
  | "IMPORT_BAD_LADDER"
  | "IMPORT_INPUTS"
  | "IMPORT_BAD_VERSION"
  | "IMPORT_VERSION_REQUIRED"
  | "IMPORT_EXISTING_INVALID"
  | "IMPORT_WOULD_OVERWRITE"
  | "IMPORT_RESULT_INVALID"
  | "IMPORT_WRITE_FAILED";

export interface ImportErrorPlace {
  file?: string;
  /** Record number in the CSV: the header is row 1; blank lines are not rows. */
  row?: number;
  /** Line of the text file where that record starts (records can span lines). */
  line?: number;
}

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly file?: string;
  readonly row?: number;
  readonly line?: number;
  /** Further lines, e.g. every knowledge problem of an invalid result. */
  readonly details: readonly string[];

  constructor(code: ImportErrorCode, message: string, place: ImportErrorPlace = {}, details: string[] = []) {
    super(`${describePlace(place)}${message}`);
    this.name = "ImportError";
    this.code = code;
    this.file = place.file;
    this.row = place.row;
    this.line = place.line;
    this.details = details;
  }
}

function describePlace({ file, row, line }: ImportErrorPlace): string {
  if (!file) return "";
  if (row === undefined) return line === undefined ? `${file}: ` : `${file}: line ${line}: `;
  return line === undefined ? `${file}: row ${row}: ` : `${file}: row ${row} (line ${line}): `;
}
