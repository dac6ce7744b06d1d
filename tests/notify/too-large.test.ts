// Knowledge whose snapshot the store refuses for good (STORE_TOO_LARGE): served, the admins told once, and
// never offered to the store again until the folder changes; no retry loop. Wired as main.ts wires it.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/knowledge/model.ts";
import { fill } from "../../src/core/text/template.ts";
import { createNotificationRuntime, type NotificationRuntime } from "../../src/notify/runtime.ts";
import { createTooLargeAlert } from "../../src/slack/updates/admin-alert.ts";
import { createDeliveryClient } from "../../src/slack/updates/client.ts";
import { KNOWLEDGE_TOO_LARGE_DM } from "../../src/slack/updates/messages.ts";
import { StoreError } from "../../src/store/errors.ts";
import { copyFixtureKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import { createMemoryLogger, type LogLine } from "../support/logger.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { openTempSqlite, overrideStore, type TempSqlite } from "../support/stores.ts";

const ADMIN = "U0ADMIN";
const TOO_LARGE = "knowledge is 40000000 bytes as JSON; the limit is 33554432 bytes";

let db: TempSqlite;
let knowledge: TempKnowledge;
let slack: SlackApiStandIn;
let runtime: NotificationRuntime;
let lines: LogLine[];
let served: KnowledgeBase[];
let offered: number;

beforeEach(async () => {
  db = await openTempSqlite();
  knowledge = await copyFixtureKnowledge();
  slack = await SlackApiStandIn.start();
  const logger = createMemoryLogger();
  lines = logger.lines;
  served = [];
  offered = 0;
  // The size check is the store's own (toJson in store.publish); here it refuses every snapshot.
  const store = overrideStore(db.store, {
    publish: async () => {
      offered += 1;
      throw new StoreError("STORE_TOO_LARGE", TOO_LARGE);
    },
  });
  runtime = createNotificationRuntime({
    knowledgeDir: knowledge.dir,
    store,
    logger,
    onKnowledge: (kb) => {
      served.push(kb);
    },
    alertTooLarge: createTooLargeAlert({
      client: createDeliveryClient({ token: "xoxb-too-large", apiUrl: slack.apiUrl }),
      admins: [ADMIN],
      logger,
    }),
    sighup: false,
    triggerSettings: { retryMinMs: 1, retryMaxMs: 1 },
  });
});

afterEach(async () => {
  await runtime.stop();
  await slack.close();
  await db.destroy();
  await knowledge.destroy();
});

describe("a valid edit whose snapshot is over the store's size cap", () => {
  it("is served but rejected, not failed", async () => {
    const outcome = await runtime.publish("startup");
    expect(outcome).toMatchObject({ status: "rejected", error: { code: "STORE_TOO_LARGE" } });
    expect(served).toHaveLength(1);
  });

  it("is not retried", async () => {
    await runtime.publish("startup");
    expect(lines.filter((l) => l.message === "publishing again later")).toEqual([]);
  });

  it("tells the admins once, with the store's reason", async () => {
    await runtime.publish("startup");
    await runtime.publish("command");
    await runtime.stop();
    expect(slack.postsTo(ADMIN).map((p) => p.text)).toEqual([
      fill(KNOWLEDGE_TOO_LARGE_DM, { error: TOO_LARGE }),
    ]);
  });

  it("is not offered to the store again while the folder is unchanged", async () => {
    await runtime.publish("startup");
    expect(await runtime.publish("command")).toMatchObject({ status: "rejected" });
    expect(offered).toBe(1);
  });

  it("is offered again, and told again, once a file changes", async () => {
    await runtime.publish("startup");
    await writeFile(path.join(knowledge.dir, "extra.yaml"), "sources: []\n");
    expect(await runtime.publish("command")).toMatchObject({ status: "rejected" });
    await runtime.stop();
    expect(offered).toBe(2);
    expect(slack.postsTo(ADMIN)).toHaveLength(2);
  });
});
