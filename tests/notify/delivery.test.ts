import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createDeliveryWorker,
  type DeliveryEvent,
  type DeliverySettings,
  type DeliveryWorker,
  type PermanentFailure,
  UNSUBSCRIBED,
} from "../../src/notify/delivery.ts";
import { createDeliveryClient } from "../../src/slack/updates/client.ts";
import { createSlackCourier, subscriptionDisabledText } from "../../src/slack/updates/courier.ts";
import type { Store } from "../../src/store/types.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { manualClock, messageOf, SUBSCRIBER, seedUpdate, TEAM_ID } from "../support/outbox.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { openTempSqlite, type TempSqlite } from "../support/stores.ts";

const T0 = new Date("2025-03-01T09:00:00.000Z");
const TOKEN = "xoxb-0000-test-token";

let db: TempSqlite;
let store: Store;
let slack: SlackApiStandIn;
let clock: ReturnType<typeof manualClock>;
let events: DeliveryEvent[];
let eventWaiters: Array<() => void>;
let failures: PermanentFailure[];
let worker: DeliveryWorker | undefined;
let logger: ReturnType<typeof createMemoryLogger>;

function startWorker(settings: Partial<DeliverySettings> = {}): DeliveryWorker {
  worker = createDeliveryWorker({
    store,
    courier: createSlackCourier({
      client: createDeliveryClient({ token: TOKEN, apiUrl: slack.apiUrl, timeoutMs: 5_000 }),
      logger,
    }),
    instanceId: "test-instance",
    logger,
    clock,
    onEvent: (event) => {
      events.push(event);
      if (event.type === "switched_off") failures.push(event.failure);
      for (const wake of eventWaiters.splice(0)) wake();
    },
    settings: { pollIntervalMs: 200, ...settings },
  });
  worker.start();
  return worker;
}

/** Resolves once an event matching the test has been seen. */
async function eventWhere(test: (event: DeliveryEvent, all: DeliveryEvent[]) => boolean): Promise<void> {
  while (!events.some((event) => test(event, events))) {
    await new Promise<void>((resolve) => eventWaiters.push(resolve));
  }
}

beforeEach(async () => {
  db = await openTempSqlite();
  store = db.store;
  slack = await SlackApiStandIn.start();
  clock = manualClock(T0);
  events = [];
  eventWaiters = [];
  failures = [];
  logger = createMemoryLogger();
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await slack.close();
  await db.destroy();
});

describe("delivering an update", () => {
  it("posts each channel's message with exactly its blocks and text, and records the ts", async () => {
    const rows = await seedUpdate(store, ["C0AAA", "C0BBB"], T0);
    await startWorker().drain();
    for (const row of rows) {
      const payload = messageOf(row);
      const [post] = slack.postsTo(row.channelId);
      expect(post?.blocks).toEqual(payload.blocks);
      expect(post?.text).toBe(payload.text);
      expect(post?.body).toMatchObject({ unfurl_links: "false", unfurl_media: "false" });
    }
    const stored = await store.listOutbox();
    expect(stored.map((r) => [r.channelId, r.status, r.messageTs])).toEqual([
      ["C0AAA", "delivered", slack.postsTo("C0AAA")[0]?.ts],
      ["C0BBB", "delivered", slack.postsTo("C0BBB")[0]?.ts],
    ]);
  });

  it("posts nothing when nothing is due", async () => {
    await seedUpdate(store, ["C0AAA"], new Date(T0.getTime() + 60_000));
    await startWorker().drain();
    expect(slack.posts).toEqual([]);
  });

  it("needs start() before drain()", async () => {
    const idle = createDeliveryWorker({
      store,
      courier: createSlackCourier({
        client: createDeliveryClient({ token: TOKEN, apiUrl: slack.apiUrl }),
        logger,
      }),
      instanceId: "never-started",
      logger,
    });
    await expect(idle.drain()).rejects.toMatchObject({ code: "WORKER_NOT_STARTED" });
  });

  it("refuses a lease shorter than the Web API timeout", () => {
    const make = () =>
      createDeliveryWorker({
        store,
        courier: createSlackCourier({
          client: createDeliveryClient({ token: TOKEN, apiUrl: slack.apiUrl }),
          logger,
        }),
        instanceId: "x",
        logger,
        settings: { leaseMs: 5_000, clientTimeoutMs: 10_000 },
      });
    expect(make).toThrow(expect.objectContaining({ code: "WORKER_INVALID_SETTINGS" }));
  });

  it("never logs the token", async () => {
    await seedUpdate(store, ["C0AAA"], T0);
    slack.failNextPostTo("C0AAA", { status: 500 });
    await startWorker().drain();
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logger.lines)).not.toContain(TOKEN);
  });
});

describe("when Slack answers 429 with Retry-After", () => {
  beforeEach(async () => {
    await seedUpdate(store, ["C0SLOW", "C0FAST"], T0);
    slack.failNextPostTo("C0SLOW", { status: 429, retryAfter: 30 });
    await startWorker().drain();
  });

  it("delivers the other channel meanwhile", async () => {
    expect(slack.postsTo("C0FAST").map((p) => p.outcome)).toEqual(["ok"]);
    expect((await store.listOutbox({ channelId: "C0FAST" }))[0]?.status).toBe("delivered");
  });

  it("schedules the limited channel's row for exactly Retry-After later", async () => {
    const [row] = await store.listOutbox({ channelId: "C0SLOW" });
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      nextAttemptAt: new Date(T0.getTime() + 30_000),
    });
    expect(row?.lastError).toMatch(/rate limited/);
  });

  it("posts it again once Retry-After has passed", async () => {
    clock.advance(29_999);
    await worker?.drain();
    expect(slack.postsTo("C0SLOW")).toHaveLength(1);
    clock.advance(1);
    await worker?.drain();
    expect(slack.postsTo("C0SLOW").map((p) => p.outcome)).toEqual(["http_429", "ok"]);
    expect((await store.listOutbox({ channelId: "C0SLOW" }))[0]?.status).toBe("delivered");
  });
});

describe.each([
  "is_archived",
  "channel_not_found",
  "not_in_channel",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "missing_scope",
])("when Slack refuses with %s", (error) => {
  beforeEach(async () => {
    await store.addSubscription({
      teamId: TEAM_ID,
      channelId: "C0GONE",
      filter: { kind: "skill", id: "sfia:ITMG", label: "IT management" },
      createdBy: "U0OTHER",
    });
    await seedUpdate(store, ["C0GONE", "C0FINE"], T0);
    slack.failNextPostTo("C0GONE", { error });
    await startWorker().drain();
  });

  it("gives up on the row", async () => {
    const [row] = await store.listOutbox({ channelId: "C0GONE" });
    expect(row).toMatchObject({ status: "failed", lastError: error });
  });

  it("switches off every subscription of that channel, and only that channel", async () => {
    const gone = await store.listSubscriptions({ channelId: "C0GONE", includeDisabled: true });
    expect(gone).toHaveLength(2);
    for (const subscription of gone) expect(subscription.disabledReason).toContain(error);
    expect(await store.listSubscriptions({ channelId: "C0FINE" })).toHaveLength(1);
  });

  it("tells each subscriber by DM", async () => {
    const gone = await store.listSubscriptions({ channelId: "C0GONE", includeDisabled: true });
    for (const user of ["U0OTHER", SUBSCRIBER]) {
      expect(slack.postsTo(user).map((p) => p.text)).toEqual([
        expect.stringContaining("I couldn't post a framework update to <#C0GONE>"),
      ]);
    }
    expect(slack.postsTo(SUBSCRIBER)[0]?.text).toBe(
      subscriptionDisabledText("C0GONE", gone, { code: error, reason: reasonOf(error) }),
    );
  });

  it("reports the failure once, with the switched-off subscriptions", () => {
    expect(failures).toEqual([
      expect.objectContaining({
        teamId: TEAM_ID,
        channelId: "C0GONE",
        error,
        subscriptions: expect.any(Array),
      }),
    ]);
    expect(failures[0]?.subscriptions).toHaveLength(2);
  });

  it("still delivers to other channels", () => {
    expect(slack.postsTo("C0FINE").map((p) => p.outcome)).toEqual(["ok"]);
  });
});

function reasonOf(error: string): string {
  const reasons: Record<string, string> = {
    is_archived: "is_archived",
    channel_not_found: "channel_not_found",
    not_in_channel: "not_in_channel",
    account_inactive: "access_revoked",
    invalid_auth: "access_revoked",
    token_revoked: "access_revoked",
    missing_scope: "not_allowed",
  };
  return reasons[error] ?? "other";
}

describe("when a channel's later update is refused again", () => {
  it("does not tell the subscriber twice", async () => {
    await seedUpdate(store, ["C0GONE"], T0);
    await seedUpdate(store, ["C0GONE"], T0);
    slack.failNextPostTo("C0GONE", { error: "is_archived" });
    slack.failNextPostTo("C0GONE", { error: "is_archived" });
    await startWorker().drain();
    expect((await store.listOutbox()).map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(slack.postsTo(SUBSCRIBER)).toHaveLength(1);
    expect(failures).toHaveLength(1);
  });
});

describe("when posting fails for a reason that may pass", () => {
  it("retries with backoff and gives up after the last attempt, leaving the subscriptions on", async () => {
    await seedUpdate(store, ["C0FLAKY"], T0);
    slack.failNextPostTo("C0FLAKY", { status: 503 });
    slack.failNextPostTo("C0FLAKY", { error: "internal_error" });
    const running = startWorker({ maxAttempts: 2, retryBaseMs: 1_000 });
    await running.drain();
    expect((await store.listOutbox())[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "http_503",
      nextAttemptAt: new Date(T0.getTime() + 1_000),
    });
    clock.advance(1_000);
    await running.drain();
    expect((await store.listOutbox())[0]).toMatchObject({ status: "failed", attempts: 2 });
    expect(await store.listSubscriptions({ channelId: "C0FLAKY" })).toHaveLength(1);
    expect(slack.postsTo(SUBSCRIBER)).toEqual([]);
  });
});

describe("when Slack refuses the message itself", () => {
  it("gives up on the row without blaming the channel", async () => {
    await seedUpdate(store, ["C0AAA"], T0);
    slack.failNextPostTo("C0AAA", { error: "invalid_blocks" });
    await startWorker().drain();
    expect((await store.listOutbox())[0]).toMatchObject({ status: "failed", lastError: "invalid_blocks" });
    expect(await store.listSubscriptions({ channelId: "C0AAA" })).toHaveLength(1);
    expect(logger.lines.some((l) => l.level === "error" && l.fields.slack_error === "invalid_blocks")).toBe(
      true,
    );
  });
});

describe("when the channel unsubscribed after the publish", () => {
  it("does not post the update", async () => {
    await seedUpdate(store, ["C0LEFT", "C0STAYS"], T0);
    await store.removeSubscriptions(TEAM_ID, "C0LEFT");
    await startWorker().drain();
    expect(slack.postsTo("C0LEFT")).toEqual([]);
    expect(slack.postsTo("C0STAYS")).toHaveLength(1);
    expect((await store.listOutbox({ channelId: "C0LEFT" }))[0]).toMatchObject({
      status: "failed",
      lastError: UNSUBSCRIBED,
    });
    expect(events).toContainEqual(expect.objectContaining({ type: "skipped" }));
  });
});

describe("when a stored payload is not a Slack message", () => {
  it("gives up on the row without posting", async () => {
    await store.publish({
      hash: "h",
      knowledge: {},
      changes: [],
      previousSnapshotId: null,
      deliveries: [{ teamId: TEAM_ID, channelId: "C0AAA", subscriptionIds: [], payload: { blocks: "nope" } }],
      at: T0,
    });
    await startWorker().drain();
    expect(slack.posts).toEqual([]);
    expect((await store.listOutbox())[0]).toMatchObject({ status: "failed" });
  });
});

describe("Slack's pace of one message per second per channel", () => {
  it("holds a channel's next message for a second without holding up other channels", async () => {
    const [older] = await seedUpdate(store, ["C0BUSY"], T0);
    const [newer] = await seedUpdate(store, ["C0BUSY", "C0QUIET"], T0);
    startWorker();
    const delivered = (all: DeliveryEvent[]) => all.filter((e) => e.type === "delivered").length;
    await eventWhere((event, all) => event.type === "idle" && delivered(all) === 2);

    expect(slack.postsTo("C0BUSY")).toHaveLength(1);
    expect(slack.postsTo("C0QUIET")).toHaveLength(1);
    const idle = events.findLast((e) => e.type === "idle");
    expect(idle).toMatchObject({ pacedChannels: expect.arrayContaining(["C0BUSY"]) });
    expect((await store.listOutbox({ status: "pending" })).map((r) => r.channelId)).toEqual(["C0BUSY"]);

    clock.advance(999);
    worker?.wake();
    await eventWhere(
      (event, all) => event.type === "idle" && all.indexOf(event) > all.indexOf(idle as DeliveryEvent),
    );
    expect(slack.postsTo("C0BUSY")).toHaveLength(1);

    clock.advance(1);
    await worker?.drain();
    expect(slack.postsTo("C0BUSY")).toHaveLength(2);
    expect(slack.postsTo("C0BUSY").map((p) => p.text)).toEqual([
      messageOf(older).text,
      messageOf(newer).text,
    ]);
  });
});
