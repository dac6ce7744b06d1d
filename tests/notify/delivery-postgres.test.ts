// Two delivery workers (two bot instances) sharing one PostgreSQL database deliver every row exactly once,
// and each channel's updates in publish order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/notify/delivery.ts";
import { createDeliveryClient } from "../../src/slack/updates/client.ts";
import { createSlackCourier } from "../../src/slack/updates/courier.ts";
import { createStore } from "../../src/store/index.ts";
import type { OutboxRow, Store } from "../../src/store/types.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { messageOf, seedUpdate } from "../support/outbox.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { createTempSchema, postgresUnavailable, type TempSchema } from "../support/stores.ts";

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`Skipping the PostgreSQL delivery test: ${unavailable}`);

const CHANNELS = Array.from({ length: 60 }, (_, i) => `C${String(i).padStart(3, "0")}PG`);

describe.skipIf(unavailable !== undefined)("two instances delivering from one PostgreSQL database", () => {
  let schema: TempSchema;
  let stores: Store[];
  let slack: SlackApiStandIn;
  let rows: OutboxRow[];
  const deliveredBy = new Map<string, number>();

  beforeAll(async () => {
    schema = await createTempSchema();
    stores = [
      await createStore({ databaseUrl: schema.url, dataDir: "unused" }),
      await createStore({ databaseUrl: schema.url, dataDir: "unused" }),
    ];
    await Promise.all(stores.map((store) => store.migrate()));
    slack = await SlackApiStandIn.start();
    const workers: DeliveryWorker[] = stores.map((store, i) => {
      const instanceId = `instance-${i + 1}`;
      return createDeliveryWorker({
        store,
        courier: createSlackCourier({
          client: createDeliveryClient({ token: "xoxb-pg-test", apiUrl: slack.apiUrl, timeoutMs: 5_000 }),
          logger: createMemoryLogger(),
        }),
        instanceId,
        logger: createMemoryLogger(),
        settings: { pollIntervalMs: 100, concurrency: 4 },
        onEvent: (event) => {
          if (event.type === "delivered") deliveredBy.set(instanceId, (deliveredBy.get(instanceId) ?? 0) + 1);
        },
      });
    });
    for (const worker of workers) worker.start();
    const [first] = stores as [Store];
    rows = [...(await seedUpdate(first, CHANNELS)), ...(await seedUpdate(first, CHANNELS))];
    for (const worker of workers) worker.wake();
    await Promise.all(workers.map((worker) => worker.drain()));
    await Promise.all(workers.map((worker) => worker.stop()));
    console.log(
      `PostgreSQL two-instance delivery: ${[...deliveredBy].map(([id, n]) => `${id}=${n}`).join(" ")} of ${rows.length}`,
    );
  }, 60_000);

  afterAll(async () => {
    await slack?.close();
    for (const store of stores ?? []) await store.close();
    await schema?.destroy();
  });

  it("records every row as delivered", async () => {
    expect(await stores[0]?.outboxStats()).toEqual({ pending: 0, delivered: rows.length, failed: 0 });
  });

  it("posts each row exactly once", () => {
    expect(slack.posts).toHaveLength(rows.length);
    expect([...deliveredBy.values()].reduce((a, b) => a + b, 0)).toBe(rows.length);
  });

  it("posts each channel's updates in publish order", () => {
    for (const channel of CHANNELS) {
      const expected = rows.filter((r) => r.channelId === channel).map((r) => messageOf(r).text);
      expect(slack.postsTo(channel).map((p) => p.text)).toEqual(expected);
    }
  });
});
