// Freshness and review reminders end to end, against the app as npm start runs it, on both stores. The
// publish history is recorded before the app starts, with chosen dates (no waiting, no wall clock in the
// assertions): answers show the day their subject last changed, a file whose review interval ran out long
// ago is flagged, its owner gets one DM (not again on a reload, nor after a restart), "Still correct"
// records a review and "Needs change" lists the file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSnapshots, snapshotHash, toSnapshot } from "../../src/core/changes/index.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { formatDay, isoDay } from "../../src/core/text/date.ts";
import { fill } from "../../src/core/text/template.ts";
import { REVIEW_TEAM } from "../../src/notify/reviews.ts";
import { REVIEW_NEEDS_CHANGE, REVIEW_RECORDED } from "../../src/slack/updates/messages.ts";
import { REVIEW_CHANGE_ACTION_ID, REVIEW_CONFIRM_ACTION_ID } from "../../src/slack/updates/review.ts";
import { createStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";
import { type RunningHttpApp, SHIPPED_KNOWLEDGE, startHttpApp } from "../support/app-process.ts";
import { copyKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { blockActionBody, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";
import { createTempSchema, postgresUnavailable, type TempSchema } from "../support/stores.ts";

const SECRET = "reviews-test-signing-secret";
const OWNER = "U0OWNER";
const FIRST_PUBLISH = new Date("2020-01-06T10:00:00Z");
const ITMG_EDITED = new Date("2026-11-12T15:00:00Z");
const ITMG_TEXT = "The management of the IT infrastructure and resources";

const skipPostgres = await postgresUnavailable();

interface StoreUnderTest {
  env(): Record<string, string>;
  open(): Promise<Store>;
  destroy(): Promise<void>;
}

async function sqliteStore(): Promise<StoreUnderTest> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-reviews-"));
  return {
    env: () => ({ DATA_DIR: dataDir }),
    open: () => createStore({ dataDir }),
    destroy: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgresStore(): Promise<StoreUnderTest> {
  const schema: TempSchema = await createTempSchema();
  const dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-reviews-"));
  return {
    env: () => ({ DATA_DIR: dataDir, DATABASE_URL: schema.url }),
    open: () => createStore({ databaseUrl: schema.url, dataDir }),
    destroy: async () => {
      await schema.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each([
  ["SQLite", sqliteStore, false],
  ["PostgreSQL", postgresStore, skipPostgres !== undefined],
] as const)("with %s", (_name, makeStore, skip) => {
  let api: SlackApiStandIn;
  let knowledge: TempKnowledge;
  let earlier: TempKnowledge;
  let stores: StoreUnderTest;
  let app: RunningHttpApp;
  let replies = 0;

  const start = async () => {
    app = await startHttpApp({
      signingSecret: SECRET,
      apiUrl: api.apiUrl,
      env: { KNOWLEDGE_DIR: knowledge.dir, ...stores.env() },
    });
  };

  const role = async (text: string): Promise<Record<string, unknown>> => {
    replies += 1;
    const id = `reviews-${replies}`;
    const response = await postSigned(
      app.eventsUrl,
      SECRET,
      slashCommand({ command: "/role", text, user: "U0ADMIN", responseUrl: api.responseUrl(id) }),
    );
    expect(response.status).toBe(200);
    const ack = await response.text();
    if (ack !== "") return JSON.parse(ack) as Record<string, unknown>;
    const [reply] = await api.waitForResponses(id);
    return reply?.body ?? {};
  };

  /** The owner presses a button of the reminder DM (in their DM with Rolecall). */
  const press = async (actionId: string, responseId: string) => {
    const [dm] = api.postsTo(OWNER);
    const response = await postSigned(
      app.eventsUrl,
      SECRET,
      blockActionBody({
        actionId,
        value: buttonValue(dm?.blocks, actionId),
        user: OWNER,
        responseUrl: api.responseUrl(responseId),
        message: { channel: "D0OWNER", ts: dm?.ts ?? "", blocks: dm?.blocks as unknown[] },
      }),
    );
    expect(response.status).toBe(200);
  };

  const reminderRows = async () => {
    const store = await stores.open();
    try {
      return await store.listOutbox({ teamId: REVIEW_TEAM });
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    if (skip) return;
    api = await startSlackApiStandIn();
    knowledge = await copyKnowledge(SHIPPED_KNOWLEDGE);
    await knowledge.edit("raci.yaml", "\nraci:\n", `\nreview: { owner: ${OWNER}, every: 30d }\nraci:\n`);
    earlier = await copyKnowledge(knowledge.dir);
    await earlier.edit("sfia-itmg.yaml", ITMG_TEXT, "The management of IT resources");
    stores = await makeStore();
    // The history: everything first published in January 2020, then ITMG's description edited.
    const store = await stores.open();
    await store.migrate();
    const before = toSnapshot(await loadKnowledge(earlier.dir));
    const after = toSnapshot(await loadKnowledge(knowledge.dir));
    const first = await store.publish({
      hash: snapshotHash(before),
      knowledge: before,
      changes: [],
      previousSnapshotId: null,
      deliveries: [],
      at: FIRST_PUBLISH,
    });
    if (!first.published) throw new Error("expected the first publish to be stored");
    const changes = diffSnapshots(before, after);
    expect(changes.map((c) => `${c.kind}:${c.id}`)).toContain("skill:sfia:ITMG");
    await store.publish({
      hash: snapshotHash(after),
      knowledge: after,
      changes,
      previousSnapshotId: first.snapshot.id,
      deliveries: [],
      at: ITMG_EDITED,
    });
    await store.close();
    await start();
  });

  afterAll(async () => {
    await app?.process.stop();
    await api?.close();
    await knowledge?.destroy();
    await earlier?.destroy();
    await stores?.destroy();
  });

  it.skipIf(skip)("dates an answer from the publish that last changed its subject", async () => {
    const answer = JSON.stringify(await role("ITMG 5"));
    expect(answer).toContain("Updated 12 Nov 2026");
    expect(answer).not.toContain("Due for review");
  });

  it.skipIf(skip)("flags an answer whose owner's review interval has run out", async () => {
    const answer = JSON.stringify(await role("who is accountable for change management"));
    expect(answer).toContain("Updated 6 Jan 2020 · Due for review since 5 Feb 2020");
  });

  it.skipIf(skip)("DMs the owner once what is due, with Still correct and Needs change", async () => {
    await api.waitForPosts(1, OWNER);
    const [dm] = api.postsTo(OWNER);
    const blocks = JSON.stringify(dm?.blocks);
    expect(blocks).toContain("raci.yaml");
    expect(blocks).toContain("due since 5 Feb 2020 (reviewed every 30d;");
    expect(blocks).toContain(REVIEW_CONFIRM_ACTION_ID);
    expect(blocks).toContain(REVIEW_CHANGE_ACTION_ID);
    expect(await reminderRows()).toHaveLength(1);
  });

  it.skipIf(skip)(
    "does not remind again before the interval: not on a reload, nor after a restart",
    async () => {
      await api.waitForPosts(1, OWNER);
      await role("reload");
      expect(await reminderRows()).toHaveLength(1);
      await app.process.stop();
      await start();
      // The reload replies after the check at start-up and its own check are done.
      await role("reload");
      expect(await reminderRows()).toHaveLength(1);
      expect(api.postsTo(OWNER)).toHaveLength(1);
    },
  );

  it.skipIf(skip)("lists the files to edit on Needs change", async () => {
    const id = `needs-change-${replies++}`;
    await press(REVIEW_CHANGE_ACTION_ID, id);
    const [reply] = await api.waitForResponses(id);
    expect(String(reply?.body.text)).toMatch(
      new RegExp(`^${escapeRegExp(REVIEW_NEEDS_CHANGE.split("\n")[0] ?? "")}\\n• \`[^\`]*raci\\.yaml\`$`),
    );
  });

  it.skipIf(skip)("records Still correct, so the answer is no longer flagged", async () => {
    await press(REVIEW_CONFIRM_ACTION_ID, "still-correct");
    const updated = await api.waitForCall("chat.update", (c) => c.body.channel === "D0OWNER");
    const store = await stores.open();
    const [review] = await store.listReviews();
    await store.close();
    expect(review).toMatchObject({ reviewedBy: OWNER });
    const day = formatDay(isoDay(review?.reviewedAt ?? new Date(0)));
    expect(JSON.stringify(updated.body.blocks)).toContain(fill(REVIEW_RECORDED, { date: day }));
    expect(JSON.stringify(updated.body.blocks)).not.toContain(REVIEW_CONFIRM_ACTION_ID);
    const answer = JSON.stringify(await role("who is accountable for change management"));
    expect(answer).toContain("Updated 6 Jan 2020");
    expect(answer).not.toContain("Due for review");
  });
});

function buttonValue(blocks: unknown, actionId: string): string {
  const actions = (blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>).flatMap(
    (b) => b.elements ?? [],
  );
  return actions.find((e) => e.action_id === actionId)?.value ?? "";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
