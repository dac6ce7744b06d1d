// Runs the store contract against a real PostgreSQL server, each test in its own throwaway schema.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createStore, redactConnectionString } from "../../src/store/index.ts";
import { createPostgresStore } from "../../src/store/postgres.ts";
import type { Store } from "../../src/store/types.ts";
import { at, delivery, describeStoreContract, publishTo, type StoreHarness } from "./contract.ts";

const baseUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const inCi = /^(true|1)$/i.test(process.env.CI ?? "");
const admin = new pg.Pool({ connectionString: baseUrl, max: 2, connectionTimeoutMillis: 5_000 });
admin.on("error", () => undefined);

const unreachable = await admin.query("SELECT 1").then(
  () => undefined,
  (error: Error) => error.message,
);
if (unreachable) {
  const reason = `PostgreSQL at ${redactConnectionString(baseUrl)} is unreachable (${unreachable}); run .ci/postgres.sh or set TEST_DATABASE_URL`;
  if (inCi) throw new Error(`CI=true and ${reason}`);
  console.warn(`Skipping PostgreSQL store tests: ${reason}`);
}

afterAll(() => admin.end());

function urlWithSchema(schema: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

async function makeHarness(): Promise<StoreHarness & { url: string }> {
  const schema = `rolecall_test_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = urlWithSchema(schema);
  return {
    url,
    open: () => createPostgresStore({ databaseUrl: url }),
    destroy: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

describe.skipIf(unreachable !== undefined)("PostgreSQL", () => {
  describeStoreContract("PostgreSQL", makeHarness);

  describe("PostgreSQL store", () => {
    it("is chosen by createStore when a database URL is given", async () => {
      const harness = await makeHarness();
      const store = await createStore({ databaseUrl: harness.url, dataDir: "/nonexistent" });
      try {
        expect(store.kind).toBe("postgres");
      } finally {
        await store.close();
        await harness.destroy();
      }
    });

    it("reports an unreachable server as STORE_UNAVAILABLE without revealing the password", async () => {
      // Port 1 on loopback: nothing listens there, so the connection is refused at once.
      const failing = createStore({
        databaseUrl: "postgres://rolecall:s3cret-pw@127.0.0.1:1/test",
        dataDir: ".",
      });
      const error = await failing.then(
        () => undefined,
        (caught: Error & { code?: string }) => caught,
      );
      expect(error).toMatchObject({ code: "STORE_UNAVAILABLE" });
      expect(error?.message).toContain("127.0.0.1:1");
      expect(error?.message).not.toContain("s3cret-pw");
    });

    it("refuses a database URL that is not PostgreSQL", async () => {
      await expect(
        createStore({ databaseUrl: "mysql://x@127.0.0.1/db", dataDir: "." }),
      ).rejects.toMatchObject({
        code: "STORE_INVALID_INPUT",
      });
    });

    it("never gives one row to two instances claiming at once, and together they deliver all 200", async () => {
      const harness = await makeHarness();
      const first = await harness.open();
      const second = await harness.open();
      try {
        await first.migrate();
        const channels = Array.from({ length: 200 }, (_, i) => `C${String(i).padStart(3, "0")}`);
        const { outbox } = await publishTo(
          first,
          channels.map((c) => delivery(c)),
        );
        const [a, b] = await Promise.all([drain(first, "A"), drain(second, "B")]);
        expect(a.filter((id) => b.includes(id))).toEqual([]);
        expect(new Set([...a, ...b])).toEqual(new Set(outbox.map((row) => row.id)));
        expect(a.length + b.length).toBe(200);
        console.info(`PostgreSQL concurrent claim split: A=${a.length} B=${b.length}`);
      } finally {
        await first.close();
        await second.close();
        await harness.destroy();
      }
    });

    it("skips rows another transaction has locked instead of waiting for them", async () => {
      const harness = await makeHarness();
      const store = await harness.open();
      const locker = new pg.Client({ connectionString: harness.url });
      await locker.connect();
      try {
        await store.migrate();
        const { outbox } = await publishTo(store, [delivery("C1"), delivery("C2")]);
        await locker.query("BEGIN");
        await locker.query("SELECT 1 FROM outbox WHERE id = $1 FOR UPDATE", [outbox[0]?.id]);
        const rows = await store.claimDeliveries({ instanceId: "A", limit: 10, now: at(0), leaseMs: 60_000 });
        expect(rows.map((row) => row.id)).toEqual([outbox[1]?.id]);
      } finally {
        await locker.query("ROLLBACK");
        await locker.end();
        await store.close();
        await harness.destroy();
      }
    });

    it("publishes once when two instances publish the same change at once", async () => {
      const harness = await makeHarness();
      const first = await harness.open();
      const second = await harness.open();
      try {
        await first.migrate();
        const input = {
          hash: "h1",
          knowledge: {},
          changes: [],
          previousSnapshotId: null,
          deliveries: [delivery("C1")],
        };
        const results = await Promise.all([first.publish(input), second.publish(input)]);
        expect(results.filter((result) => result.published)).toHaveLength(1);
        expect(await first.outboxStats()).toEqual({ pending: 1, delivered: 0, failed: 0 });
      } finally {
        await first.close();
        await second.close();
        await harness.destroy();
      }
    });
  });
});

async function drain(store: Store, instanceId: string): Promise<string[]> {
  const claimed: string[] = [];
  for (let round = 0; round < 100_000; round++) {
    const rows = await store.claimDeliveries({ instanceId, limit: 7, now: at(0), leaseMs: 600_000 });
    if (rows.length === 0) {
      if ((await store.outboxStats()).pending === 0) return claimed;
      continue;
    }
    for (const row of rows) {
      claimed.push(row.id);
      await store.markDelivered(row.id, { instanceId, at: at(1) });
    }
  }
  throw new Error(`${instanceId} did not finish draining the outbox`);
}
