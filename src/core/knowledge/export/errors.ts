// Every expected export failure is an ExportError: a stable code and one line that says what to do.

export type ExportErrorCode = "EXPORT_NO_RACI" | "EXPORT_OPTIONS" | "EXPORT_WRITE_FAILED";

export class ExportError extends Error {
  readonly code: ExportErrorCode;

  constructor(code: ExportErrorCode, message: string) {
    super(message);
    this.name = "ExportError";
    this.code = code;
  }
}
