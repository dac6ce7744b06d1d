// Real stores for the notification tests: SQLite in a temporary DATA_DIR, and PostgreSQL in a fresh schema
// of TEST_DATABASE_URL (as tests/store/postgres.test.ts does), dropped afterwards.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createStore, redactConnectionString } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";

export interface TempSqlite {
  dataDir: string;
  store: Store;
  /** closes the store and removes the folder */
  destroy(): Promise<void>;
}

export async function openTempSqlite(): Promise<TempSqlite> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-notify-"));
  const store = await createStore({ dataDir });
  await store.migrate();
  return {
    dataDir,
    store,
    destroy: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const POSTGRES_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** Why PostgreSQL tests cannot run here, or undefined when they can. Throws in CI, where they must run. */
export async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    const reason = `PostgreSQL at ${redactConnectionString(POSTGRES_URL)} is unreachable (${(error as Error).message}); run .ci/postgres.sh or set TEST_DATABASE_URL`;
    if (/^(true|1)$/i.test(process.env.CI ?? "")) throw new Error(`CI=true and ${reason}`);
    return reason;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TempSchema {
  /** a URL whose connections use the fresh schema */
  url: string;
  destroy(): Promise<void>;
}

export async function createTempSchema(): Promise<TempSchema> {
  const schema = `rolecall_notify_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    destroy: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/**
 * A fresh schema for the tests of the surrounding describe block: made before them and dropped after.
 * Call it before useSlackApp, so the app starts on the schema and stops before it is dropped. Returns the
 * schema's URL, readable once the block's tests run.
 */
export function useTempSchema(): () => string {
  let schema: TempSchema | undefined;
  beforeAll(async () => {
    schema = await createTempSchema();
  });
  afterAll(async () => {
    await schema?.destroy();
  });
  return () => {
    if (!schema)
      throw new Error("useTempSchema: the schema is made in beforeAll; read its URL in a test or hook");
    return schema.url;
  };
}

/**
 * The store with some methods replaced. The store classes keep private fields, so every other method is
 * bound to the real store rather than inherited through a prototype.
 */
export function overrideStore(inner: Store, overrides: Partial<Store>): Store {
  const wrapped: Record<string, unknown> = { kind: inner.kind, target: inner.target };
  const proto = Object.getPrototypeOf(inner) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const member = proto[name];
    if (name !== "constructor" && typeof member === "function") wrapped[name] = member.bind(inner);
  }
  return Object.assign(wrapped, overrides) as unknown as Store;
}

/** Two stores opened on the same storage, as two instances open it; the first has migrated it. */
export interface SharedStores {
  stores: [Store, Store];
  destroy(): Promise<void>;
}

export async function openSharedSqlite(): Promise<SharedStores> {
  const db = await openTempSqlite();
  const second = await createStore({ dataDir: db.dataDir });
  return {
    stores: [db.store, second],
    destroy: async () => {
      await second.close();
      await db.destroy();
    },
  };
}

export async function openSharedPostgres(): Promise<SharedStores> {
  const schema = await createTempSchema();
  const stores: [Store, Store] = [
    await createStore({ databaseUrl: schema.url, dataDir: "unused" }),
    await createStore({ databaseUrl: schema.url, dataDir: "unused" }),
  ];
  await stores[0].migrate();
  return {
    stores,
    destroy: async () => {
      for (const store of stores) await store.close();
      await schema.destroy();
    },
  };
}

/**
 * Both stores for describe.each: SQLite always, PostgreSQL marked to skip (with the reason logged once)
 * when it cannot be reached outside CI.
 */
export async function sharedStoreKinds(what: string) {
  const missing = await postgresUnavailable();
  if (missing) console.warn(`Skipping the PostgreSQL ${what}: ${missing}`);
  return [
    { name: "SQLite", open: openSharedSqlite, skip: false },
    { name: "PostgreSQL", open: openSharedPostgres, skip: missing !== undefined },
  ];
}
