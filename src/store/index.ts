// Picks the store: PostgreSQL when a database URL is configured, otherwise the embedded SQLite file.
import { StoreError } from "./errors.ts";
import { createPostgresStore } from "./postgres.ts";
import { createSqliteStore } from "./sqlite.ts";
import type { Store, StoreConfig } from "./types.ts";

export { redactConnectionString, StoreError, type StoreErrorCode } from "./errors.ts";
export { STORE_LIMITS } from "./input.ts";
export { SQLITE_FILE_NAME } from "./sqlite.ts";
export type * from "./types.ts";

/** Opens the store (and checks it is reachable). Call migrate() before anything else. */
export async function createStore(config: StoreConfig): Promise<Store> {
  const databaseUrl = config.databaseUrl?.trim();
  if (!databaseUrl) return createSqliteStore({ dataDir: config.dataDir });
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      "DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database); leave it unset to use the embedded SQLite store",
    );
  }
  return createPostgresStore({ databaseUrl, ...(config.logger ? { logger: config.logger } : {}) });
}
