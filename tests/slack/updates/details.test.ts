import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPublisher, type PublishedOutcome } from "../../../src/notify/publisher.ts";
import { showChangeDetails } from "../../../src/slack/updates/details.ts";
import { DETAILS_GONE, DETAILS_INVALID } from "../../../src/slack/updates/messages.ts";
import { copyFixtureKnowledge, moveToSfia8, type TempKnowledge } from "../../support/knowledge.ts";
import { createMemoryLogger } from "../../support/logger.ts";
import { messageOf } from "../../support/outbox.ts";
import { openTempSqlite, type TempSqlite } from "../../support/stores.ts";

let db: TempSqlite;
let knowledge: TempKnowledge;
let published: PublishedOutcome;

/** The value of the Details button in the message a channel got. */
async function detailsValue(channelId: string): Promise<string> {
  const [row] = await db.store.listOutbox({ channelId });
  const actions = messageOf(row).blocks.at(-1);
  if (actions?.type !== "actions") throw new Error("the message has no buttons");
  const details = actions.elements[0] as { value?: string };
  return details.value ?? "";
}

function sectionsOf(message: { blocks: unknown[] }): string {
  return JSON.stringify(message.blocks);
}

beforeEach(async () => {
  db = await openTempSqlite();
  knowledge = await copyFixtureKnowledge();
  const publisher = createPublisher({
    knowledgeDir: knowledge.dir,
    store: db.store,
    logger: createMemoryLogger(),
  });
  await publisher.publish("startup");
  const subscribe = (channelId: string, filter: Parameters<typeof db.store.addSubscription>[0]["filter"]) =>
    db.store.addSubscription({ teamId: "T0TEAM", channelId, filter, createdBy: "U0SUBSCRIBER" });
  await subscribe("C0ALL", { kind: "all" });
  await subscribe("C0CHMG", { kind: "skill", id: "sfia:CHMG", label: "Change control" });
  await moveToSfia8(knowledge);
  const outcome = await publisher.publish("watch");
  if (outcome.status !== "published") throw new Error(`expected a publish, got ${outcome.status}`);
  published = outcome;
});

afterEach(async () => {
  await db.destroy();
  await knowledge.destroy();
});

describe("pressing Details on an update", () => {
  it("shows every change to a channel that follows everything", async () => {
    const details = await showChangeDetails(db.store, await detailsValue("C0ALL"));
    expect(published.changes).toHaveLength(2);
    expect(sectionsOf(details)).toContain("SFIA moved from version 7 to 8");
    expect(sectionsOf(details)).toContain("ITMG renamed from IT management to Technology service management");
  });

  it("shows only what the channel follows", async () => {
    const details = await showChangeDetails(db.store, await detailsValue("C0CHMG"));
    expect(sectionsOf(details)).toContain("SFIA moved from version 7 to 8");
    expect(sectionsOf(details)).not.toContain("renamed");
  });

  it("names the frameworks as the published knowledge did", async () => {
    const details = await showChangeDetails(db.store, await detailsValue("C0ALL"));
    expect(details.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Framework update: 2 changes to SFIA" },
    });
  });

  it("explains when the update is no longer stored", async () => {
    const details = await showChangeDetails(db.store, '{"s":"no-such-snapshot"}');
    expect(details.text).toBe(DETAILS_GONE);
  });

  it("explains when the button is not a details button", async () => {
    const details = await showChangeDetails(db.store, '{"q":"ITMG 5"}');
    expect(details.text).toBe(DETAILS_INVALID);
  });
});
