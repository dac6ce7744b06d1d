// Slack's pace of about one message per second per channel holds across instances: two delivery workers
// sharing one store never post to a channel sooner than a second after the last post there, whichever of
// them posted it. Time is a shared manual clock; each step waits for both workers to report idle.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDeliveryWorker, type DeliveryEvent, type DeliveryWorker } from "../../src/notify/delivery.ts";
import { createDeliveryClient } from "../../src/slack/updates/client.ts";
import { createSlackCourier } from "../../src/slack/updates/courier.ts";
import type { OutboxRow } from "../../src/store/types.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { manualClock, messageOf, seedUpdate } from "../support/outbox.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { type SharedStores, sharedStoreKinds } from "../support/stores.ts";

const T0 = new Date("2025-03-01T09:00:00.000Z");
const CHANNEL = "C0PACED";
const WORKERS = ["instance-a", "instance-b"] as const;

const STORES = await sharedStoreKinds("pacing test");

interface Seen {
  worker: string;
  event: DeliveryEvent;
  /** the shared clock's time when the worker reported it */
  at: number;
}

describe.each(STORES)("two delivery workers on one $name store and one channel", ({ open, skip }) => {
  let shared: SharedStores;
  let slack: SlackApiStandIn;
  let clock: ReturnType<typeof manualClock>;
  let workers: DeliveryWorker[];
  let seen: Seen[];
  let waiters: Array<() => void>;
  let rows: OutboxRow[];

  const delivered = () => seen.filter((s) => s.event.type === "delivered");

  /** Resolves once the condition holds over what the workers reported. */
  const until = async (test: () => boolean) => {
    while (!test()) await new Promise<void>((resolve) => waiters.push(resolve));
  };

  /**
   * Moves the clock, wakes both workers, then waits until `posts` deliveries are recorded and each worker
   * has gone idle twice since: the second idle comes from a claim that began after the clock moved.
   */
  const step = async (advanceMs: number, posts: number) => {
    clock.advance(advanceMs);
    const mark = seen.length;
    for (const worker of workers) worker.wake();
    await until(() => delivered().length >= posts);
    const after = Math.max(mark, seen.length);
    await until(() =>
      WORKERS.every(
        (worker) =>
          seen.slice(after).filter((s) => s.worker === worker && s.event.type === "idle").length >= 2,
      ),
    );
  };

  beforeEach(async (context) => {
    if (skip) context.skip();
    shared = await open();
    slack = await SlackApiStandIn.start();
    clock = manualClock(T0);
    seen = [];
    waiters = [];
    const [first] = shared.stores;
    rows = [
      ...(await seedUpdate(first, [CHANNEL], T0)),
      ...(await seedUpdate(first, [CHANNEL], T0)),
      ...(await seedUpdate(first, [CHANNEL], T0)),
    ];
    workers = shared.stores.map((store, i) => {
      const worker = WORKERS[i] ?? "instance";
      return createDeliveryWorker({
        store,
        courier: createSlackCourier({
          client: createDeliveryClient({ token: "xoxb-pacing-test", apiUrl: slack.apiUrl, timeoutMs: 5_000 }),
          logger: createMemoryLogger(),
        }),
        instanceId: worker,
        logger: createMemoryLogger(),
        clock,
        settings: { pollIntervalMs: 20, channelIntervalMs: 1_000 },
        onEvent: (event) => {
          seen.push({ worker, event, at: clock.now().getTime() });
          for (const wake of waiters.splice(0)) wake();
        },
      });
    });
    for (const worker of workers) worker.start();
  });

  afterEach(async () => {
    for (const worker of workers ?? []) await worker.stop();
    await slack?.close();
    await shared?.destroy();
  });

  it("spaces the channel's posts a second apart, whichever worker posts", async () => {
    await step(0, 1);
    await step(999, 1);
    expect(slack.postsTo(CHANNEL)).toHaveLength(1);
    await step(1, 2);
    await step(999, 2);
    await step(1, 3);

    expect(delivered().map((s) => s.at - T0.getTime())).toEqual([0, 1_000, 2_000]);
    expect(slack.postsTo(CHANNEL).map((post) => post.text)).toEqual(rows.map((row) => messageOf(row).text));
  });

  it("holds every worker to a Retry-After one of them was given", async () => {
    slack.failNextPostTo(CHANNEL, { status: 429, retryAfter: 30 });
    await step(0, 0);
    expect(slack.postsTo(CHANNEL).map((post) => post.outcome)).toEqual(["http_429"]);
    const [pause] = await shared.stores[1].listChannelPauses(clock.now());
    expect(pause).toMatchObject({ channelId: CHANNEL, until: new Date(T0.getTime() + 30_000) });
    await step(29_999, 0);
    expect(slack.postsTo(CHANNEL)).toHaveLength(1);
    await step(1, 1);
    expect(delivered().map((s) => s.at - T0.getTime())).toEqual([30_000]);
  });
});
