import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPublisher, type PublishOutcome, type PublishReason } from "../../src/notify/publisher.ts";
import {
  createPublishTriggers,
  isIgnoredFile,
  type PublishTriggers,
  type TriggerEvent,
} from "../../src/notify/triggers.ts";
import { copyFixtureKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { openTempSqlite, type TempSqlite } from "../support/stores.ts";

/** Collects items and lets a test await the nth one. */
function collector<T>() {
  const items: T[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    items,
    push(item: T) {
      items.push(item);
      for (const waiter of waiters.splice(0)) {
        if (items.length >= waiter.n) waiter.resolve();
        else waiters.push(waiter);
      }
    },
    async nth(n: number): Promise<T> {
      if (items.length < n) await new Promise<void>((resolve) => waiters.push({ n, resolve }));
      return items[n - 1] as T;
    },
  };
}

const unchanged = (reason: PublishReason): PublishOutcome => ({
  status: "unchanged",
  reason,
  snapshotId: "snap",
  hash: "hash",
});

let knowledge: TempKnowledge;
let triggers: PublishTriggers | undefined;

beforeEach(async () => {
  knowledge = await copyFixtureKnowledge();
});

afterEach(async () => {
  triggers?.stop();
  triggers = undefined;
  await knowledge.destroy();
});

describe("watching the knowledge folder", () => {
  it("publishes once for a burst of editor writes, ignoring the editor's temp files", async () => {
    const events = collector<TriggerEvent>();
    const published: PublishReason[] = [];
    triggers = createPublishTriggers({
      knowledgeDir: knowledge.dir,
      publisher: {
        publish: async (reason) => {
          published.push(reason);
          return unchanged(reason);
        },
      },
      logger: createMemoryLogger(),
      sighup: false,
      onTrigger: (event) => events.push(event),
    });
    const file = path.join(knowledge.dir, "sfia-skills.yaml");
    const text = await knowledge.read("sfia-skills.yaml");
    await writeFile(path.join(knowledge.dir, ".sfia-skills.yaml.swp"), "swap");
    for (let i = 0; i < 5; i++) await writeFile(file, `${text}\n# save ${i}\n`);
    await writeFile(`${file}~`, text);
    await writeFile(path.join(knowledge.dir, "4913"), "");

    expect(await events.nth(1)).toEqual({ reason: "watch", files: ["sfia-skills.yaml"] });
    // Any straggler from the burst would come before this sentinel's event, as a second publish or in the
    // sentinel's file list; so the burst gave exactly one publish if the next event is the sentinel alone.
    await writeFile(path.join(knowledge.dir, "sentinel.yaml"), "sources: []\n");
    expect(await events.nth(2)).toEqual({ reason: "watch", files: ["sentinel.yaml"] });
    expect(published).toEqual(["watch", "watch"]);
  });

  it("notices files in subfolders", async () => {
    const events = collector<TriggerEvent>();
    const { mkdir } = await import("node:fs/promises");
    await mkdir(path.join(knowledge.dir, "imported"));
    triggers = createPublishTriggers({
      knowledgeDir: knowledge.dir,
      publisher: { publish: async (reason) => unchanged(reason) },
      logger: createMemoryLogger(),
      sighup: false,
      settings: { debounceMs: 50 },
      onTrigger: (event) => events.push(event),
    });
    await writeFile(path.join(knowledge.dir, "imported", "sfia8.yaml"), "sources: []\n");
    expect(await events.nth(1)).toEqual({ reason: "watch", files: [path.join("imported", "sfia8.yaml")] });
  });

  it("publishes an edited file's changes to the outbox", async () => {
    let db: TempSqlite | undefined;
    try {
      db = await openTempSqlite();
      const publisher = createPublisher({
        knowledgeDir: knowledge.dir,
        store: db.store,
        logger: createMemoryLogger(),
      });
      await publisher.publish("startup");
      await db.store.addSubscription({
        teamId: "T0TEAM",
        channelId: "C0ALL",
        filter: { kind: "all" },
        createdBy: "U0SUBSCRIBER",
      });
      const outcomes = collector<PublishOutcome>();
      triggers = createPublishTriggers({
        knowledgeDir: knowledge.dir,
        publisher,
        logger: createMemoryLogger(),
        sighup: false,
        settings: { debounceMs: 50 },
        onOutcome: (outcome) => outcomes.push(outcome),
      });
      await knowledge.edit("roles.yaml", "summary: Runs the change process.", "summary: Runs change.");
      expect(await outcomes.nth(1)).toMatchObject({ status: "published", reason: "watch", deliveries: 1 });
      expect(await db.store.listOutbox()).toHaveLength(1);
    } finally {
      triggers?.stop();
      await db?.destroy();
    }
  });
});

describe("SIGHUP", () => {
  it("publishes, and stop() removes the handler", async () => {
    const before = process.listenerCount("SIGHUP");
    const events = collector<TriggerEvent>();
    triggers = createPublishTriggers({
      knowledgeDir: knowledge.dir,
      publisher: { publish: async (reason) => unchanged(reason) },
      logger: createMemoryLogger(),
      watch: false,
      onTrigger: (event) => events.push(event),
    });
    process.kill(process.pid, "SIGHUP");
    expect(await events.nth(1)).toEqual({ reason: "sighup", files: [] });
    triggers.stop();
    expect(process.listenerCount("SIGHUP")).toBe(before);
  });
});

describe("requestPublish", () => {
  it("publishes now and returns the outcome", async () => {
    triggers = createPublishTriggers({
      knowledgeDir: knowledge.dir,
      publisher: { publish: async (reason) => unchanged(reason) },
      logger: createMemoryLogger(),
      watch: false,
      sighup: false,
    });
    expect(await triggers.requestPublish("command")).toMatchObject({
      status: "unchanged",
      reason: "command",
    });
  });

  it("tries a failed publish again later", async () => {
    const reasons = collector<PublishReason>();
    triggers = createPublishTriggers({
      knowledgeDir: knowledge.dir,
      publisher: {
        publish: async (reason) => {
          reasons.push(reason);
          return reasons.items.length === 1
            ? { status: "failed", reason, error: new Error("database is down") }
            : unchanged(reason);
        },
      },
      logger: createMemoryLogger(),
      watch: false,
      sighup: false,
      settings: { retryMinMs: 10 },
    });
    expect(await triggers.requestPublish("startup")).toMatchObject({ status: "failed" });
    expect(await reasons.nth(2)).toBe("retry");
  });
});

describe("editor temp files", () => {
  it.each([
    ".roles.yaml.swp",
    "roles.yaml.swx",
    "roles.yaml~",
    ".#roles.yaml",
    "#roles.yaml#",
    "4913",
    "roles.yaml.tmp",
    "roles.yaml___jb_tmp___",
    "sub/.goutputstream-ABC123",
  ])("ignores %s", (file) => {
    expect(isIgnoredFile(file)).toBe(true);
  });

  it.each(["roles.yaml", "sub/sfia.yml", "..data", "..2025_03_01_09_00_00.123"])("notices %s", (file) => {
    expect(isIgnoredFile(file)).toBe(false);
  });
});
