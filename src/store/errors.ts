// Store errors carry a stable code; this is the one place that turns driver errors into coded ones.

export type StoreErrorCode =
  | "STORE_UNAVAILABLE"
  | "STORE_NOT_MIGRATED"
  | "STORE_CLOSED"
  | "STORE_INVALID_INPUT"
  | "STORE_TOO_LARGE"
  | "STORE_LIMIT_EXCEEDED"
  | "STORE_QUERY_FAILED";

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
    this.code = code;
  }
}

/** A connection string safe to log: the password (in the userinfo or the query) is replaced by ***. */
export function redactConnectionString(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return "(unparseable database URL)";
  }
  if (url.password) url.password = "***";
  for (const key of [...url.searchParams.keys()]) {
    if (/pass|secret|key/i.test(key)) url.searchParams.set(key, "***");
  }
  return url.toString();
}

// Node socket/file errors, SQLite open/lock errors, and PostgreSQL classes 08 (connection), 28 (auth), 3D (no database), 57P (shutdown).
const UNAVAILABLE_ERRNO = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOTDIR",
  "ENOSPC",
]);
const UNAVAILABLE_SQLSTATE = /^(08|28|3D|57P)/;
const UNAVAILABLE_SQLITE = new Set([
  "SQLITE_BUSY",
  "SQLITE_CANTOPEN",
  "SQLITE_PERM",
  "SQLITE_READONLY",
  "SQLITE_NOTADB",
  "SQLITE_FULL",
]);

export function toStoreError(error: unknown, target: string): StoreError {
  if (error instanceof StoreError) return error;
  const code =
    typeof error === "object" && error !== null ? String((error as { code?: unknown }).code ?? "") : "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "42P01" || /no such table/i.test(message)) {
    return new StoreError(
      "STORE_NOT_MIGRATED",
      `The store at ${target} has no schema yet: call migrate() first`,
      {
        cause: error,
      },
    );
  }
  if (UNAVAILABLE_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SQLITE.has(code)) {
    return new StoreError("STORE_UNAVAILABLE", `Cannot use the store at ${target}: ${message}`, {
      cause: error,
    });
  }
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(message)) {
    return new StoreError("STORE_UNAVAILABLE", `Cannot reach the store at ${target}: ${message}`, {
      cause: error,
    });
  }
  return new StoreError("STORE_QUERY_FAILED", `Store operation failed at ${target}: ${message}`, {
    cause: error,
  });
}

/** For failures while opening or first reaching a store: whatever went wrong, the store is unusable. */
export function toUnavailableError(error: unknown, target: string): StoreError {
  const coded = toStoreError(error, target);
  if (coded.code !== "STORE_QUERY_FAILED") return coded;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError("STORE_UNAVAILABLE", `Cannot use the store at ${target}: ${message}`, {
    cause: error,
  });
}
