// A second process for the SQLite concurrency test: opens the store, waits for "go", then claims until nothing
// is pending. Each claimed row is "delivered" by a round trip to the parent (standing in for the Slack call,
// so the write lock is free meanwhile), then marked delivered. Run via fork with: --import tsx
import { once } from "node:events";
import { createSqliteStore } from "../../src/store/sqlite.ts";

export type ClaimerMessage =
  | { type: "ready" }
  | { type: "deliver"; id: string }
  | { type: "done"; claimed: string[] }
  | { type: "error"; message: string };

const MAX_ROUNDS = 100_000;

async function main(): Promise<void> {
  const [dataDir, instanceId] = process.argv.slice(2);
  if (!dataDir || !instanceId || !process.send) {
    throw new Error("usage: fork sqlite-claimer.ts <dataDir> <instanceId>");
  }
  const send = (message: ClaimerMessage) => process.send?.(message);
  const nextReply = () => once(process, "message");
  const store = await createSqliteStore({ dataDir });
  await store.migrate();
  const go = nextReply();
  send({ type: "ready" });
  await go;

  const now = new Date("2025-03-01T09:00:00.000Z");
  const claimed: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const rows = await store.claimDeliveries({ instanceId, limit: 3, now, leaseMs: 600_000 });
    if (rows.length === 0) {
      if ((await store.outboxStats()).pending === 0) break;
      continue;
    }
    for (const row of rows) {
      claimed.push(row.id);
      const ack = nextReply();
      send({ type: "deliver", id: row.id });
      await ack;
      await store.markDelivered(row.id, { instanceId, at: now });
    }
  }
  await store.close();
  send({ type: "done", claimed });
  process.disconnect();
}

main().catch((error: unknown) => {
  process.send?.({ type: "error", message: String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
