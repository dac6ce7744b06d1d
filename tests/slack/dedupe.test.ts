import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStoreEventMemory, RecentSet } from "../../src/slack/dedupe.ts";
import { StoreError } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { manualClock } from "../support/outbox.ts";
import { overrideStore, type SharedStores, sharedStoreKinds } from "../support/stores.ts";

const T0 = new Date("2025-03-01T09:00:00.000Z");

describe("RecentSet", () => {
  it("reports a key it has already seen", () => {
    const seen = new RecentSet(10);
    expect(seen.add("Ev1")).toBe(true);
    expect(seen.add("Ev1")).toBe(false);
  });

  it("forgets the oldest keys beyond its capacity, so memory stays bounded", () => {
    const seen = new RecentSet(2);
    seen.add("Ev1");
    seen.add("Ev2");
    seen.add("Ev3");
    expect(seen.size).toBe(2);
    expect(seen.add("Ev1")).toBe(true);
    expect(seen.add("Ev3")).toBe(false);
  });
});

describe.each(await sharedStoreKinds("event-memory tests"))(
  "event ids remembered in the $name store",
  ({ open, skip }) => {
    let shared: SharedStores;
    let stores: { a: Store; b: Store };
    let clock: ReturnType<typeof manualClock>;

    beforeEach(async (context) => {
      if (skip) context.skip();
      shared = await open();
      stores = { a: shared.stores[0], b: shared.stores[1] };
      clock = manualClock(T0);
    });

    afterEach(async () => {
      await shared?.destroy();
    });

    const memoryOf = (store: Store, logger = createMemoryLogger()) =>
      createStoreEventMemory({ store, logger, ttlMs: 60_000, now: clock.now });

    it("lets one instance of two handle an event delivered to both", async () => {
      const a = memoryOf(stores.a);
      const b = memoryOf(stores.b);
      expect(await a.firstDelivery("Ev0RETRIED")).toBe(true);
      expect(await b.firstDelivery("Ev0RETRIED")).toBe(false);
      expect(await a.firstDelivery("Ev0RETRIED")).toBe(false);
      expect(await b.firstDelivery("Ev0OTHER")).toBe(true);
    });

    it("handles the event again once it is past its time to live", async () => {
      await memoryOf(stores.a).firstDelivery("Ev0LATE");
      clock.advance(60_000);
      expect(await memoryOf(stores.b).firstDelivery("Ev0LATE")).toBe(true);
    });

    it("handles events, and says so once, while the store cannot be reached", async () => {
      const logger = createMemoryLogger();
      const broken = overrideStore(stores.a, {
        rememberDelivery: () => Promise.reject(new StoreError("STORE_UNAVAILABLE", "down")),
      });
      const memory = memoryOf(broken, logger);
      expect(await memory.firstDelivery("Ev01")).toBe(true);
      expect(await memory.firstDelivery("Ev02")).toBe(true);
      expect(logger.lines.filter((line) => line.level === "warn")).toHaveLength(1);
    });
  },
);
