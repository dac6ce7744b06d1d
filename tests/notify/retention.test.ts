// The running bot prunes the store now and then: delivered notifications and the snapshots nothing needs any
// more go once past the retention period, while recent ones (the Details button reads their snapshot) and
// the newest snapshot (the next publish diffs against it) stay. Time is a manual clock; the schedule is
// captured and run by the test.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNotificationRuntime, type NotificationRuntime } from "../../src/notify/runtime.ts";
import type { OutboxRow, Store } from "../../src/store/types.ts";
import { copyFixtureKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { manualClock, seedUpdate } from "../support/outbox.ts";
import { type SharedStores, sharedStoreKinds } from "../support/stores.ts";

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date("2025-03-01T09:00:00.000Z");
const HOUR = 60 * 60 * 1000;

const STORES = await sharedStoreKinds("retention tests");

describe.each(STORES)("pruning on $name", ({ open, skip }) => {
  let shared: SharedStores;
  let store: Store;
  let knowledge: TempKnowledge;
  let runtime: NotificationRuntime;
  let clock: ReturnType<typeof manualClock>;
  let scheduled: Array<{ task: () => void; everyMs: number; stopped: boolean }>;
  let logger: ReturnType<typeof createMemoryLogger>;

  const deliver = async (row: OutboxRow | undefined, at: Date) => {
    const [claimed] = await store.claimDeliveries({
      instanceId: "A",
      limit: 1,
      now: at,
      leaseMs: 60_000,
    });
    expect(claimed?.id).toBe(row?.id);
    await store.markDelivered(claimed?.id ?? "", { instanceId: "A", at });
  };

  beforeEach(async (context) => {
    if (skip) context.skip();
    shared = await open();
    store = shared.stores[0];
    knowledge = await copyFixtureKnowledge();
    clock = manualClock(T0);
    scheduled = [];
    logger = createMemoryLogger();
    runtime = createNotificationRuntime({
      knowledgeDir: knowledge.dir,
      store: store,
      logger,
      onKnowledge: () => undefined,
      sighup: false,
      clock,
      retention: { retentionMs: 30 * DAY, keepSnapshots: 1, intervalMs: HOUR },
      every: (task, everyMs) => {
        const entry = { task, everyMs, stopped: false };
        scheduled.push(entry);
        return () => {
          entry.stopped = true;
        };
      },
    });
  });

  afterEach(async () => {
    await runtime?.stop();
    await shared?.destroy();
    await knowledge?.destroy();
  });

  it("runs every interval it was given, until stopped", async () => {
    expect(scheduled.map((s) => s.everyMs)).toEqual([HOUR]);
    await runtime.stop();
    expect(scheduled[0]?.stopped).toBe(true);
  });

  it("removes what is past the retention period and keeps what is recent and the newest snapshot", async () => {
    const [old] = await seedUpdate(store, ["C0OLD"], T0);
    await deliver(old, T0);
    const [recent] = await seedUpdate(store, ["C0RECENT"], new Date(T0.getTime() + 20 * DAY));
    await deliver(recent, new Date(T0.getTime() + 20 * DAY));
    const [pending] = await seedUpdate(store, ["C0WAITING"], new Date(T0.getTime() + 60 * DAY));
    const newest = await store.latestSnapshot();

    clock.advance(45 * DAY);
    scheduled[0]?.task();
    await runtime.stop();

    expect(await store.getSnapshot(old?.snapshotId ?? "")).toBeUndefined();
    expect(await store.getSnapshot(recent?.snapshotId ?? "")).toBeDefined();
    expect((await store.latestSnapshot())?.id).toBe(newest?.id);
    expect((await store.listOutbox()).map((row) => row.id)).toEqual([recent?.id, pending?.id]);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        message: "pruned what is past its retention from the store",
        fields: expect.objectContaining({ outbox: 1, snapshots: 1 }),
      }),
    );
  });

  it("prunes nothing while everything is within the retention period", async () => {
    const [row] = await seedUpdate(store, ["C0FRESH"], T0);
    await deliver(row, T0);
    await seedUpdate(store, [], T0);
    clock.advance(29 * DAY);
    expect(await runtime.prune()).toEqual({ outbox: 0, snapshots: 0, dedupeKeys: 0, channelPauses: 0 });
    expect(await store.listOutbox()).toHaveLength(1);
  });
});
