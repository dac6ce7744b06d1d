// During a rolling deploy two instances share one store while running different knowledge. Once the newer
// instance has published, the older one restarting or getting /role reload must not announce its older
// knowledge: that would tell every channel the newer changes were reverted.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createPublisher,
  OLDER_KNOWLEDGE_LOG,
  type PublisherOptions,
  type PublishOutcome,
} from "../../src/notify/publisher.ts";
import type { Store } from "../../src/store/types.ts";
import { copyFixtureKnowledge, moveToSfia8, type TempKnowledge } from "../support/knowledge.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { type SharedStores, sharedStoreKinds } from "../support/stores.ts";

const ITMG_LEVEL_5 = "Runs the IT operation day to day, making sure agreed service levels are met.";
const ITMG_LEVEL_5_EDITED = "Runs the IT operation every day, making sure agreed service levels are met.";

const STORES = await sharedStoreKinds("rolling-deploy tests");

describe.each(STORES)("a rolling deploy on $name", ({ open, skip }) => {
  let shared: SharedStores;
  let stores: { a: Store; b: Store };
  let oldKnowledge: TempKnowledge;
  let newKnowledge: TempKnowledge;
  let oldLog: ReturnType<typeof createMemoryLogger>;

  const instance = (
    store: Store,
    knowledge: TempKnowledge,
    logger = createMemoryLogger(),
    stamp: PublisherOptions["versionStamp"] = { app: "1.4.0" },
  ) => createPublisher({ knowledgeDir: knowledge.dir, store, logger, versionStamp: stamp });

  const expectOlder = async (outcome: PublishOutcome, rowsBefore: number) => {
    expect(outcome).toMatchObject({ status: "older" });
    expect(await stores.a.listOutbox()).toHaveLength(rowsBefore);
    expect(oldLog.lines).toContainEqual(
      expect.objectContaining({ level: "warn", message: OLDER_KNOWLEDGE_LOG }),
    );
  };

  beforeEach(async (context) => {
    if (skip) context.skip();
    shared = await open();
    stores = { a: shared.stores[0], b: shared.stores[1] };
    oldKnowledge = await copyFixtureKnowledge();
    newKnowledge = await copyFixtureKnowledge();
    oldLog = createMemoryLogger();
    // Both instances ran the old knowledge before the deploy began; a channel follows everything.
    expect((await instance(stores.a, oldKnowledge).publish("startup")).status).toBe("published");
    await stores.a.addSubscription({
      teamId: "T0TEAM",
      channelId: "C0ALL",
      filter: { kind: "all" },
      createdBy: "U0SUBSCRIBER",
    });
  });

  afterEach(async () => {
    await shared?.destroy();
    await oldKnowledge?.destroy();
    await newKnowledge?.destroy();
  });

  it("does not announce an older framework version once the newer one is published", async () => {
    await moveToSfia8(newKnowledge);
    const published = await instance(stores.b, newKnowledge).publish("startup");
    expect(published).toMatchObject({ status: "published", deliveries: 1 });

    const reload = await instance(stores.a, oldKnowledge, oldLog).publish("command");
    await expectOlder(reload, 1);
    expect((await stores.a.latestSnapshot())?.id).toBe(
      (published as Extract<PublishOutcome, { status: "published" }>).snapshotId,
    );
    const restart = await instance(stores.a, oldKnowledge, oldLog).publish("startup");
    await expectOlder(restart, 1);
  });

  it("does not announce an older app version's knowledge over a newer app's", async () => {
    await newKnowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    const newer = instance(stores.b, newKnowledge, createMemoryLogger(), { app: "1.10.0" });
    expect(await newer.publish("startup")).toMatchObject({ status: "published", deliveries: 1 });

    const older = instance(stores.a, oldKnowledge, oldLog, { app: "1.9.2" });
    await expectOlder(await older.publish("command"), 1);
  });

  it("orders a knowledge-only release by ROLECALL_KNOWLEDGE_REVISION", async () => {
    await newKnowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    const newer = instance(stores.b, newKnowledge, createMemoryLogger(), { app: "1.4.0", revision: "42" });
    expect(await newer.publish("startup")).toMatchObject({ status: "published", deliveries: 1 });

    const older = instance(stores.a, oldKnowledge, oldLog, { app: "1.4.0", revision: "41" });
    await expectOlder(await older.publish("command"), 1);
  });

  it("still publishes an edit made at the same version, as before", async () => {
    await oldKnowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    expect(await instance(stores.a, oldKnowledge).publish("watch")).toMatchObject({
      status: "published",
      deliveries: 1,
    });
  });
});
