// The whole pipeline in one process, wired as main.ts would: a file edit is noticed, published, and the
// publisher wakes the delivery worker, which posts at once (its poll interval is far longer than the test).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/notify/delivery.ts";
import { createPublisher } from "../../src/notify/publisher.ts";
import { createPublishTriggers, type PublishTriggers } from "../../src/notify/triggers.ts";
import { createDeliveryClient } from "../../src/slack/updates/client.ts";
import { createSlackCourier } from "../../src/slack/updates/courier.ts";
import { copyFixtureKnowledge, moveToSfia8, type TempKnowledge } from "../support/knowledge.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { messageOf } from "../support/outbox.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { openTempSqlite, type TempSqlite } from "../support/stores.ts";

let db: TempSqlite;
let knowledge: TempKnowledge;
let slack: SlackApiStandIn;
let worker: DeliveryWorker;
let triggers: PublishTriggers;

beforeEach(async () => {
  db = await openTempSqlite();
  knowledge = await copyFixtureKnowledge();
  slack = await SlackApiStandIn.start();
  const logger = createMemoryLogger();
  worker = createDeliveryWorker({
    store: db.store,
    courier: createSlackCourier({
      client: createDeliveryClient({ token: "xoxb-pipeline", apiUrl: slack.apiUrl }),
      logger,
    }),
    instanceId: "pipeline",
    logger,
    settings: { pollIntervalMs: 10 * 60_000 },
  });
  const publisher = createPublisher({
    knowledgeDir: knowledge.dir,
    store: db.store,
    logger,
    onPublished: () => worker.wake(),
  });
  triggers = createPublishTriggers({
    knowledgeDir: knowledge.dir,
    publisher,
    logger,
    sighup: false,
  });
  worker.start();
  await triggers.requestPublish("startup");
  await db.store.addSubscription({
    teamId: "T0TEAM",
    channelId: "C0ITMG",
    filter: { kind: "skill", id: "sfia:ITMG", label: "IT management" },
    createdBy: "U0SUBSCRIBER",
  });
});

afterEach(async () => {
  triggers.stop();
  await worker.stop();
  await slack.close();
  await db.destroy();
  await knowledge.destroy();
});

describe("editing the knowledge while the bot runs", () => {
  it("posts one update to the subscribed channel", async () => {
    await moveToSfia8(knowledge);
    await slack.waitForPosts(1, "C0ITMG");
    const [row] = await db.store.listOutbox({ channelId: "C0ITMG" });
    expect(slack.postsTo("C0ITMG")[0]?.blocks).toEqual(messageOf(row).blocks);
    expect(slack.postsTo("C0ITMG")[0]?.text).toContain(
      "ITMG renamed from IT management to Technology service management",
    );
  });
});
