import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCommandConfig } from "../../src/config.ts";
import { createStore } from "../../src/store/index.ts";
import { type PublishCommandArgs, runPublishCommand } from "../../src/terminal/publish-command.ts";
import { copyFixtureKnowledge, moveToSfia8, type TempKnowledge } from "../support/knowledge.ts";

let knowledge: TempKnowledge;
let dataDir: string;

async function run(
  mode: PublishCommandArgs["mode"],
  options: { json?: boolean; knowledge?: string; env?: Record<string, string> } = {},
) {
  let stdout = "";
  let stderr = "";
  const code = await runPublishCommand(
    { mode, json: options.json ?? false, knowledge: options.knowledge ?? knowledge.dir },
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    readCommandConfig({ DATA_DIR: dataDir, ...options.env }),
  );
  return { code, stdout, stderr };
}

async function withStore<T>(use: (store: Awaited<ReturnType<typeof createStore>>) => Promise<T>): Promise<T> {
  const store = await createStore({ dataDir });
  try {
    await store.migrate();
    return await use(store);
  } finally {
    await store.close();
  }
}

beforeEach(async () => {
  knowledge = await copyFixtureKnowledge();
  dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-cli-data-"));
});

afterEach(async () => {
  await knowledge.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe("rolecall diff --json", () => {
  it("prints no changes, and says so, before anything was published", async () => {
    const { code, stdout } = await run("diff", { json: true });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ changes: [], previousSnapshotId: null, baseline: true });
  });

  it("prints the changes of an edited knowledge folder", async () => {
    await run("publish");
    await moveToSfia8(knowledge);
    const { code, stdout } = await run("diff", { json: true });
    expect(code).toBe(0);
    const { changes } = JSON.parse(stdout) as { changes: unknown[] };
    expect(changes).toEqual([
      expect.objectContaining({
        type: "framework_version_changed",
        kind: "framework",
        id: "sfia",
        before: "7",
        after: "8",
        summary: "SFIA moved from version 7 to 8",
      }),
      expect.objectContaining({
        type: "skill_renamed",
        kind: "skill",
        id: "sfia:ITMG",
        before: "IT management",
        after: "Technology service management",
        summary: "ITMG renamed from IT management to Technology service management",
      }),
    ]);
  });

  it("publishes nothing", async () => {
    await run("publish");
    const before = await withStore((store) => store.latestSnapshot());
    await moveToSfia8(knowledge);
    await run("diff", { json: true });
    expect((await withStore((store) => store.latestSnapshot()))?.id).toBe(before?.id);
  });
});

describe("rolecall diff", () => {
  it("prints a readable list of the changes", async () => {
    await run("publish");
    await moveToSfia8(knowledge);
    const { stdout } = await run("diff");
    expect(stdout).toBe(
      [
        "2 changes: 1 framework, 1 skill",
        "",
        "SFIA (framework sfia)",
        "  - SFIA moved from version 7 to 8",
        "",
        "Technology service management (skill sfia:ITMG)",
        "  - ITMG renamed from IT management to Technology service management",
        "",
      ].join("\n"),
    );
  });
});

describe("rolecall publish", () => {
  it("stores the first publish as the baseline", async () => {
    const { code, stdout } = await run("publish", { json: true });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      status: "published",
      baseline: true,
      deliveries: 0,
      changes: [],
    });
  });

  it("queues one notification per subscribed channel for the bot to deliver", async () => {
    await run("publish");
    await withStore((store) =>
      store.addSubscription({
        teamId: "T0TEAM",
        channelId: "C0ITMG",
        filter: { kind: "skill", id: "sfia:ITMG", label: "IT management" },
        createdBy: "U0SUBSCRIBER",
      }),
    );
    await moveToSfia8(knowledge);
    const { code, stdout } = await run("publish");
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Published snapshot [0-9a-f-]+: 1 notification queued; the running bot posts them\.\n$/,
    );
    const outbox = await withStore((store) => store.listOutbox());
    expect(outbox.map((row) => [row.channelId, row.status])).toEqual([["C0ITMG", "pending"]]);
  });

  it("says when nothing changed", async () => {
    await run("publish");
    const { code, stdout } = await run("publish", { json: true });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: "unchanged", changes: [] });
  });
});

describe("on invalid knowledge", () => {
  beforeEach(async () => {
    await knowledge.edit(
      "roles.yaml",
      "framework: org\n    summary: Runs the change process.",
      "framework: nope\n    summary: Runs the change process.",
    );
  });

  it.each(["diff", "publish"] as const)(
    "rolecall %s exits non-zero naming file:line:col on stderr",
    async (mode) => {
      const { code, stdout, stderr } = await run(mode, { json: true });
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/the knowledge has 1 problem; nothing was published\./);
      expect(stderr).toMatch(/roles\.yaml:\d+:\d+ roles\[1\]\.framework: unknown framework "nope"/);
    },
  );

  it("publishes nothing", async () => {
    await run("publish");
    expect(await withStore((store) => store.latestSnapshot())).toBeUndefined();
  });
});

describe("when the knowledge folder is missing", () => {
  it("exits non-zero with a clear message", async () => {
    const { code, stderr } = await run("diff", { knowledge: path.join(dataDir, "no-such-folder") });
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-such-folder:1:1 cannot read knowledge: folder not found/);
  });
});

describe("when DATABASE_URL is not PostgreSQL", () => {
  it("exits non-zero with a clear message", async () => {
    let stderr = "";
    const code = await runPublishCommand(
      { mode: "publish", json: false, knowledge: knowledge.dir },
      { stdout: { write: () => undefined }, stderr: { write: (text: string) => (stderr += text) } },
      readCommandConfig({ DATABASE_URL: "mysql://x@127.0.0.1/db", DATA_DIR: dataDir }),
    );
    expect(code).toBe(1);
    expect(stderr).toContain("rolecall publish: DATABASE_URL must be a PostgreSQL URL");
  });
});

describe("rolecall publish of knowledge older than the published knowledge", () => {
  it("publishes nothing, exits 1 and says why", async () => {
    const newer = await copyFixtureKnowledge();
    try {
      await run("publish");
      await moveToSfia8(newer);
      expect((await run("publish", { knowledge: newer.dir })).code).toBe(0);
      const older = await run("publish");
      expect(older.code).toBe(1);
      expect(older.stderr).toMatch(/older than the published knowledge/);
      expect(await withStore((store) => store.latestSnapshot())).toMatchObject({
        version: { frameworks: { sfia: "8" } },
      });
    } finally {
      await newer.destroy();
    }
  });

  it("orders a knowledge-only release by ROLECALL_KNOWLEDGE_REVISION", async () => {
    await run("publish", { env: { ROLECALL_KNOWLEDGE_REVISION: "7" } });
    await knowledge.edit("raci.yaml", "all changes.", "every change.");
    const older = await run("publish", { env: { ROLECALL_KNOWLEDGE_REVISION: "6" } });
    expect(older.code).toBe(1);
    const newer = await run("publish", { env: { ROLECALL_KNOWLEDGE_REVISION: "8" } });
    expect(newer.code).toBe(0);
  });
});
