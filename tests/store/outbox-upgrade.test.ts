// Upgrading a store from schema version 1, whose outbox rows hold Slack messages rendered at publish time,
// to version 2, whose rows hold change notices: rows pending at the upgrade are still posted, exactly as
// they would have been before it.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Change, parseNotice } from "../../src/core/changes/index.ts";
import { silentLogger } from "../../src/log.ts";
import { createDeliveryWorker } from "../../src/notify/delivery.ts";
import { createDeliveryClient } from "../../src/slack/updates/client.ts";
import { createSlackCourier } from "../../src/slack/updates/courier.ts";
import { renderChangeMessage, type SlackMessage } from "../../src/slack/updates/message.ts";
import { createStore } from "../../src/store/index.ts";
import type { Store, SubscriptionFilter } from "../../src/store/types.ts";
import { raciDescription, rename } from "../support/changes.ts";
import { messageOf } from "../support/outbox.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { createTempSchema, openTempSqlite, postgresUnavailable } from "../support/stores.ts";

const TEAM = "T0TEAM";
const SNAPSHOT = "snapshot-with-changes";
const FRAMEWORKS = new Map([["sfia", "SFIA"]]);
const KNOWLEDGE = { frameworks: [{ id: "sfia", name: "SFIA", version: "8" }] };

const CHANGES: Change[] = [rename, raciDescription];

interface Dialect {
  open(): Promise<Store>;
  /** makes the database look as if version 2 was never applied */
  forgetVersion2(): Promise<void>;
  destroy(): Promise<void>;
}

async function sqliteDialect(): Promise<Dialect> {
  const temp = await openTempSqlite();
  await temp.store.close();
  return {
    open: () => createStore({ dataDir: temp.dataDir }),
    async forgetVersion2() {
      const db = new Database(path.join(temp.dataDir, "rolecall.db"));
      db.prepare("DELETE FROM schema_migrations WHERE version = 2").run();
      db.close();
    },
    destroy: () => temp.destroy(),
  };
}

async function postgresDialect(): Promise<Dialect> {
  const schema = await createTempSchema();
  return {
    open: () => createStore({ databaseUrl: schema.url, dataDir: "unused" }),
    async forgetVersion2() {
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      await client.query("DELETE FROM schema_migrations WHERE version = 2");
      await client.end();
    },
    destroy: () => schema.destroy(),
  };
}

const skipPostgres = await postgresUnavailable();

describe.each([
  { name: "SQLite", make: sqliteDialect, skip: false },
  { name: "PostgreSQL", make: postgresDialect, skip: !!skipPostgres },
])("upgrading a $name store's outbox from Slack messages to change notices", ({ make, skip }) => {
  let dialect: Dialect;
  let store: Store;
  let slack: SlackApiStandIn;
  /** what version 1 stored and would have posted, per channel */
  const legacy = new Map<string, SlackMessage>();

  beforeEach(async ({ skip: skipTest }) => {
    if (skip) skipTest();
    dialect = await make();
    store = await dialect.open();
    await store.migrate();
    slack = await SlackApiStandIn.start();
    const follow = async (channelId: string, filter: SubscriptionFilter) =>
      (await store.addSubscription({ teamId: TEAM, channelId, filter, createdBy: "U0SUBSCRIBER" }))
        .subscription;
    const everything = await follow("C0ALL", { kind: "all" });
    const itmg = await follow("C0ITMG", { kind: "skill", id: "sfia:ITMG", label: "IT management" });
    const baseline = await store.publish({
      hash: "h1",
      knowledge: KNOWLEDGE,
      changes: [],
      previousSnapshotId: null,
      deliveries: [],
    });
    if (!baseline.published) throw new Error("baseline not published");

    const rendered = (channelId: string, changes: Change[], following: SubscriptionFilter[]) => {
      const message = renderChangeMessage({
        changes,
        snapshotId: SNAPSHOT,
        frameworkNames: FRAMEWORKS,
        following,
      });
      legacy.set(channelId, message);
      return { text: message.text, blocks: message.blocks };
    };
    await store.publish({
      snapshotId: SNAPSHOT,
      hash: "h2",
      knowledge: KNOWLEDGE,
      changes: CHANGES,
      previousSnapshotId: baseline.snapshot.id,
      deliveries: [
        {
          teamId: TEAM,
          channelId: "C0ALL",
          subscriptionIds: [everything.id],
          payload: rendered("C0ALL", CHANGES, [everything.filter]),
        },
        {
          teamId: TEAM,
          channelId: "C0ITMG",
          subscriptionIds: [itmg.id],
          payload: rendered("C0ITMG", CHANGES.slice(0, 1), [itmg.filter]),
        },
      ],
    });
    await store.close();
    await dialect.forgetVersion2();
    store = await dialect.open();
  });

  afterEach(async () => {
    if (skip) return;
    await store.close();
    await slack.close();
    await dialect.destroy();
    legacy.clear();
  });

  it("applies version 2", async () => {
    expect((await store.migrate()).applied).toEqual([2]);
  });

  it("leaves every pending row holding a change notice instead of Block Kit", async () => {
    await store.migrate();
    const pending = await store.listOutbox({ status: "pending" });
    expect(pending.map((row) => row.channelId)).toEqual(["C0ALL", "C0ITMG"]);
    for (const row of pending) {
      expect(() => parseNotice(row.payload)).not.toThrow();
      expect(row.payload).not.toHaveProperty("blocks");
    }
  });

  it("renders each pending row as the message version 1 stored for it", async () => {
    await store.migrate();
    for (const row of await store.listOutbox({ status: "pending" })) {
      expect(messageOf(row)).toEqual(legacy.get(row.channelId));
    }
  });

  it("posts the rows pending before the upgrade, as version 1 would have", async () => {
    await store.migrate();
    const worker = createDeliveryWorker({
      store,
      courier: createSlackCourier({
        client: createDeliveryClient({ token: "xoxb-upgrade-test", apiUrl: slack.apiUrl }),
        logger: silentLogger,
      }),
      instanceId: "upgrade-test",
      logger: silentLogger,
    });
    worker.start();
    await worker.drain();
    await worker.stop();
    for (const channel of ["C0ALL", "C0ITMG"]) {
      expect(slack.postsTo(channel).map((p) => ({ text: p.text, blocks: p.blocks }))).toEqual([
        legacy.get(channel),
      ]);
    }
    expect(await store.outboxStats()).toEqual({ pending: 0, delivered: 2, failed: 0 });
  });
});
