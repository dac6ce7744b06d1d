import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/knowledge/model.ts";
import type { KnowledgeProblem } from "../../src/core/knowledge/problems.ts";
import { createPublisher, type Publisher, type PublishOutcome } from "../../src/notify/publisher.ts";
import type { Store, SubscriptionFilter } from "../../src/store/types.ts";
import { copyFixtureKnowledge, moveToSfia8, type TempKnowledge } from "../support/knowledge.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { messageOf } from "../support/outbox.ts";
import { openTempSqlite, overrideStore, type TempSqlite } from "../support/stores.ts";

const ITMG_LEVEL_5 = "Runs the IT operation day to day, making sure agreed service levels are met.";
const ITMG_LEVEL_5_EDITED = "Runs the IT operation every day, making sure agreed service levels are met.";

let db: TempSqlite;
let store: Store;
let knowledge: TempKnowledge;
let served: KnowledgeBase[];
let invalid: (readonly KnowledgeProblem[])[];
let publisher: Publisher;

function newPublisher(dir = knowledge.dir, storeToUse: Store = store): Publisher {
  return createPublisher({
    knowledgeDir: dir,
    store: storeToUse,
    logger: createMemoryLogger(),
    onKnowledge: (kb) => {
      served.push(kb);
    },
    onInvalid: (problems) => invalid.push(problems),
  });
}

async function subscribe(
  channelId: string,
  filter: SubscriptionFilter,
  createdBy = "U0SUBSCRIBER",
): Promise<string> {
  const { subscription } = await store.addSubscription({ teamId: "T0TEAM", channelId, filter, createdBy });
  return subscription.id;
}

function expectStatus<S extends PublishOutcome["status"]>(
  outcome: PublishOutcome,
  status: S,
): Extract<PublishOutcome, { status: S }> {
  expect(outcome.status).toBe(status);
  return outcome as Extract<PublishOutcome, { status: S }>;
}

async function rowsByChannel() {
  const rows = await store.listOutbox();
  return new Map(rows.map((row) => [row.channelId, row]));
}

beforeEach(async () => {
  db = await openTempSqlite();
  store = db.store;
  knowledge = await copyFixtureKnowledge();
  served = [];
  invalid = [];
  publisher = newPublisher();
});

afterEach(async () => {
  await db.destroy();
  await knowledge.destroy();
});

describe("the first publish", () => {
  it("stores the knowledge as a baseline and notifies nobody", async () => {
    await subscribe("C0ALL", { kind: "all" });
    const outcome = expectStatus(await publisher.publish("startup"), "published");
    expect(outcome).toMatchObject({ baseline: true, changes: [], deliveries: 0 });
    expect((await store.latestSnapshot())?.id).toBe(outcome.snapshotId);
    expect(await store.listOutbox()).toEqual([]);
  });

  it("serves the knowledge", async () => {
    await publisher.publish("startup");
    expect(served).toHaveLength(1);
    expect(served[0]?.skills.get("sfia:ITMG")?.name).toBe("IT management");
  });

  it("serves the knowledge after a restart even though nothing changed since the last publish", async () => {
    await publisher.publish("startup");
    served = [];
    const restarted = newPublisher();
    expectStatus(await restarted.publish("startup"), "unchanged");
    expect(served).toHaveLength(1);
  });
});

describe("when serving new knowledge takes a while (its index is built in turns)", () => {
  it("records and announces it only once it answers, and a failed hand-over is logged, not fatal", async () => {
    let handOverStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      handOverStarted = resolve;
    });
    let finishHandOver!: () => void;
    const logger = createMemoryLogger();
    const slow = createPublisher({
      knowledgeDir: knowledge.dir,
      store,
      logger,
      onKnowledge: () => {
        handOverStarted();
        return new Promise<void>((resolve) => {
          finishHandOver = resolve;
        });
      },
    });
    let settled = false;
    const publishing = slow.publish("startup").finally(() => {
      settled = true;
    });
    await started;
    expect(settled).toBe(false);
    expect(await store.latestSnapshot()).toBeUndefined();
    finishHandOver();
    expectStatus(await publishing, "published");
    expect(await store.latestSnapshot()).toBeDefined();

    const failing = createPublisher({
      knowledgeDir: knowledge.dir,
      store,
      logger,
      onKnowledge: () => Promise.reject(new Error("index build failed")),
    });
    await knowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    expectStatus(await failing.publish("watch"), "published");
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: "error", message: "onKnowledge callback failed" }),
    );
  });
});

describe("when a knowledge file is edited after the baseline", () => {
  let ids: Record<string, string>;

  beforeEach(async () => {
    await publisher.publish("startup");
    ids = {
      all: await subscribe("C0ALL", { kind: "all" }),
      itmg: await subscribe("C0ITMG", { kind: "skill", id: "sfia:ITMG", label: "IT management" }),
      mixedSkill: await subscribe("C0MIXED", { kind: "skill", id: "sfia:ITMG", label: "IT management" }),
      mixedRole: await subscribe("C0MIXED", {
        kind: "role",
        id: "it-service-manager",
        label: "IT service manager",
      }),
      sfia: await subscribe("C0SFIA", { kind: "framework", id: "sfia", label: "SFIA" }),
      chmg: await subscribe("C0CHMG", { kind: "skill", id: "sfia:CHMG", label: "Change control" }),
      org: await subscribe("C0ORG", { kind: "framework", id: "org", label: "Our organisation" }),
      disabled: await subscribe("C0GONE", { kind: "all" }),
    };
    await store.disableSubscriptions("T0TEAM", "C0GONE", "archived");
    await knowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    await knowledge.edit(
      "raci.yaml",
      "Controls the lifecycle of all changes.",
      "Controls the lifecycle of every change.",
    );
  });

  it("writes exactly one outbox row per channel whose subscriptions match", async () => {
    const outcome = expectStatus(await publisher.publish("watch"), "published");
    expect(outcome.deliveries).toBe(4);
    expect([...(await rowsByChannel()).keys()].sort()).toEqual(["C0ALL", "C0ITMG", "C0MIXED", "C0SFIA"]);
  });

  it("gives no row to channels whose filters match nothing, nor to disabled subscriptions", async () => {
    await publisher.publish("watch");
    const channels = await rowsByChannel();
    for (const channel of ["C0CHMG", "C0ORG", "C0GONE"]) expect(channels.has(channel)).toBe(false);
  });

  it("lists in each row the changes its channel follows, and only those", async () => {
    await publisher.publish("watch");
    const channels = await rowsByChannel();
    const text = (channel: string) => messageOf(channels.get(channel)).text;
    expect(text("C0ALL")).toContain("ITMG level 5 description changed");
    expect(text("C0ALL")).toContain("Change management: description changed");
    expect(text("C0ITMG")).toContain("ITMG level 5 description changed");
    expect(text("C0ITMG")).not.toContain("Change management");
    expect(text("C0SFIA")).not.toContain("Change management");
  });

  it("sends a channel with several matching subscriptions one row naming all of them", async () => {
    await publisher.publish("watch");
    const row = (await rowsByChannel()).get("C0MIXED");
    expect(row?.subscriptionIds.sort()).toEqual([ids.mixedSkill, ids.mixedRole].sort());
    expect(messageOf(row).text).toContain("Change management: description changed");
  });

  it("stores every change with the snapshot, for the Details button", async () => {
    const outcome = expectStatus(await publisher.publish("watch"), "published");
    const snapshot = await store.getSnapshot(outcome.snapshotId);
    expect(snapshot?.changes).toEqual(outcome.changes);
    expect(outcome.changes.map((c) => [c.type, c.id])).toEqual([
      ["level_text_changed", "sfia:ITMG"],
      ["raci_row_changed", "change-management"],
    ]);
  });

  it("does not announce the same edit twice", async () => {
    await publisher.publish("watch");
    expectStatus(await publisher.publish("sighup"), "unchanged");
    expect(await store.listOutbox()).toHaveLength(4);
  });

  it("previews the changes without writing anything", async () => {
    const before = await store.latestSnapshot();
    const preview = await publisher.preview();
    expect(preview.changes.map((c) => c.type)).toEqual(["level_text_changed", "raci_row_changed"]);
    expect(preview.previousSnapshotId).toBe(before?.id);
    expect((await store.latestSnapshot())?.id).toBe(before?.id);
    expect(await store.listOutbox()).toEqual([]);
  });
});

describe("when an edit changes only whitespace", () => {
  it("publishes nothing", async () => {
    const first = expectStatus(await publisher.publish("startup"), "published");
    await subscribe("C0ALL", { kind: "all" });
    await knowledge.edit(
      "sfia-skills.yaml",
      `description: ${ITMG_LEVEL_5}`,
      `description: >-\n          Runs the IT operation   day to day,\n          making sure agreed service levels are met.\n`,
    );
    expectStatus(await publisher.publish("watch"), "unchanged");
    expect((await store.latestSnapshot())?.id).toBe(first.snapshotId);
    expect(await store.listOutbox()).toEqual([]);
  });
});

describe("when an edit breaks the knowledge", () => {
  beforeEach(async () => {
    await publisher.publish("startup");
    await subscribe("C0ALL", { kind: "all" });
    await knowledge.edit("sfia-skills.yaml", "code: CHMG", "code: [CHMG");
  });

  it("publishes nothing", async () => {
    const before = await store.latestSnapshot();
    expectStatus(await publisher.publish("watch"), "invalid");
    expect((await store.latestSnapshot())?.id).toBe(before?.id);
    expect(await store.listOutbox()).toEqual([]);
  });

  it("keeps serving the last good knowledge", async () => {
    await publisher.publish("watch");
    expect(served).toHaveLength(1);
  });

  it("reports each problem with its file, line and column", async () => {
    const outcome = expectStatus(await publisher.publish("watch"), "invalid");
    expect(invalid).toEqual([outcome.problems]);
    expect(outcome.problems[0]).toMatchObject({ file: expect.stringMatching(/sfia-skills\.yaml$/) });
    expect(outcome.problems[0]?.line).toBeGreaterThan(1);
    expect(outcome.problems[0]?.column).toBeGreaterThan(0);
  });

  it("reports the same broken text only once, however often it is published", async () => {
    await publisher.publish("watch");
    await publisher.publish("sighup");
    expect(invalid).toHaveLength(1);
  });

  it("publishes the next edit once the file is fixed", async () => {
    await publisher.publish("watch");
    await knowledge.edit("sfia-skills.yaml", "code: [CHMG", "code: CHMG");
    await knowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    const outcome = expectStatus(await publisher.publish("watch"), "published");
    expect(outcome.changes.map((c) => c.type)).toEqual(["level_text_changed"]);
    expect(await store.listOutbox()).toHaveLength(1);
    expect(served.at(-1)?.skills.get("sfia:ITMG")?.levels[0]?.description).toBe(ITMG_LEVEL_5_EDITED);
  });
});

describe("when SFIA 7 becomes SFIA 8 and ITMG is renamed", () => {
  it("tells a channel following sfia:ITMG about the version move and the rename", async () => {
    await publisher.publish("startup");
    await subscribe("C0ITMG", { kind: "skill", id: "sfia:ITMG", label: "IT management" });
    await subscribe("C0CHMG", { kind: "skill", id: "sfia:CHMG", label: "Change control" });
    await moveToSfia8(knowledge);
    const outcome = expectStatus(await publisher.publish("watch"), "published");
    expect(outcome.changes.map((c) => [c.type, c.id])).toEqual([
      ["framework_version_changed", "sfia"],
      ["skill_renamed", "sfia:ITMG"],
    ]);
    const rows = await rowsByChannel();
    const message = messageOf(rows.get("C0ITMG"));
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Framework update: 2 changes to SFIA" },
    });
    expect(message.text).toContain("ITMG renamed from IT management to Technology service management");
    // A framework version move concerns every skill in it, so the CHMG channel hears about it too.
    expect(messageOf(rows.get("C0CHMG")).text).toContain("SFIA moved from version 7 to 8");
    expect(messageOf(rows.get("C0CHMG")).text).not.toContain("renamed");
  });
});

describe("when another instance publishes between this one's read and write", () => {
  /** A store whose publish() waits at a gate, so a second instance can publish in between. */
  function gatedStore(inner: Store) {
    let reached!: () => void;
    let open!: () => void;
    const atGate = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let gated = true;
    const store = overrideStore(inner, {
      publish: async (input) => {
        if (gated) {
          gated = false;
          reached();
          await gate;
        }
        return inner.publish(input);
      },
    });
    return { store, atGate, open };
  }

  it("announces each change once: the other instance's are not repeated, its own are", async () => {
    await publisher.publish("startup");
    await subscribe("C0ALL", { kind: "all" });
    const other = await copyFixtureKnowledge();
    try {
      // The other instance has the ITMG edit; this one has it and the RACI edit too.
      await other.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
      await knowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
      await knowledge.edit("raci.yaml", "all changes.", "every change.");
      const gated = gatedStore(store);
      const late = newPublisher(knowledge.dir, gated.store).publish("watch");
      await gated.atGate;
      expectStatus(await newPublisher(other.dir).publish("watch"), "published");
      gated.open();
      const outcome = expectStatus(await late, "published");
      expect(outcome.changes.map((c) => c.type)).toEqual(["raci_row_changed"]);
      const texts = (await store.listOutbox()).map((row) => messageOf(row).text);
      expect(texts).toHaveLength(2);
      expect(texts.filter((t) => t.includes("ITMG level 5"))).toHaveLength(1);
    } finally {
      await other.destroy();
    }
  });

  it("publishes nothing more when the other instance published the same knowledge", async () => {
    await publisher.publish("startup");
    await subscribe("C0ALL", { kind: "all" });
    await knowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    const gated = gatedStore(store);
    const late = newPublisher(knowledge.dir, gated.store).publish("watch");
    await gated.atGate;
    expectStatus(await newPublisher().publish("watch"), "published");
    gated.open();
    expectStatus(await late, "unchanged");
    expect(await store.listOutbox()).toHaveLength(1);
  });
});

describe("when publishes are requested while one runs", () => {
  it("runs them as one follow-up publish", async () => {
    let publishes = 0;
    const counting = overrideStore(store, {
      latestSnapshot: () => {
        publishes++;
        return store.latestSnapshot();
      },
    });
    const serial = newPublisher(knowledge.dir, counting);
    const first = serial.publish("startup");
    const second = serial.publish("watch");
    const third = serial.publish("sighup");
    expect(third).toBe(second);
    expect((await first).status).toBe("published");
    expect((await second).status).toBe("unchanged");
    expect(publishes).toBe(2);
  });
});

describe("when the store fails", () => {
  it("still serves the new knowledge and reports the failure", async () => {
    const failing = overrideStore(store, {
      latestSnapshot: () => Promise.reject(new Error("database is down")),
    });
    const outcome = expectStatus(await newPublisher(knowledge.dir, failing).publish("startup"), "failed");
    expect(outcome.error.message).toBe("database is down");
    expect(served).toHaveLength(1);
  });
});

describe("when the last snapshot was stored in another format", () => {
  it("publishes a new baseline and notifies nobody", async () => {
    await store.publish({
      hash: "from-a-future-version",
      knowledge: { formatVersion: 999 },
      changes: [],
      previousSnapshotId: null,
      deliveries: [],
    });
    await subscribe("C0ALL", { kind: "all" });
    const outcome = expectStatus(await publisher.publish("startup"), "published");
    expect(outcome).toMatchObject({ baseline: true, deliveries: 0 });
    expect(await store.listOutbox()).toEqual([]);
  });
});

describe("with the parsed-knowledge cache", () => {
  it("records every valid file's hash, and after an edit serves the new text of that file", async () => {
    const { readFile } = await import("node:fs/promises");
    const path = await import("node:path");
    // Inside the temp folder, so teardown removes it; only *.yaml files there are read as knowledge.
    const cacheFile = path.join(knowledge.dir, "knowledge-cache.json");
    const cached = createPublisher({
      knowledgeDir: knowledge.dir,
      cacheFile,
      store,
      logger: createMemoryLogger(),
      onKnowledge: (kb) => {
        served.push(kb);
      },
    });
    expectStatus(await cached.publish("startup"), "published");
    const entries = () =>
      readFile(cacheFile, "utf8").then(
        (text) => JSON.parse(text).entries as Record<string, { hash: string }>,
      );
    const first = await entries();
    const skillsFile = Object.keys(first).find((file) => file.endsWith("sfia-skills.yaml")) ?? "";
    expect(skillsFile).not.toBe("");

    await knowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    expectStatus(await cached.publish("watch"), "published");
    const second = await entries();
    expect(second[skillsFile]?.hash).not.toBe(first[skillsFile]?.hash);
    for (const file of Object.keys(first).filter((f) => f !== skillsFile)) {
      expect(second[file]?.hash, file).toBe(first[file]?.hash);
    }
    const latest = served.at(-1);
    expect(latest?.skills.get("sfia:ITMG")?.levels.find((l) => l.level === 5)?.description).toBe(
      ITMG_LEVEL_5_EDITED,
    );
  });

  it("does not hand over again the knowledge already served at start-up, but does once it changes", async () => {
    const { readAndBuildKnowledge } = await import("../../src/core/knowledge/load.ts");
    const atStartup = await readAndBuildKnowledge(knowledge.dir);
    const startedFrom = createPublisher({
      knowledgeDir: knowledge.dir,
      store,
      logger: createMemoryLogger(),
      onKnowledge: (kb) => {
        served.push(kb);
      },
      servedContentHash: atStartup.contentHash,
    });
    expectStatus(await startedFrom.publish("startup"), "published");
    expect(served).toEqual([]);

    await knowledge.edit("sfia-skills.yaml", ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
    expectStatus(await startedFrom.publish("watch"), "published");
    expect(served).toHaveLength(1);
  });
});
