// Framework updates end to end, against the app as npm start runs it: channels subscribed with signed
// /role subscribe commands, knowledge files edited on disk, and the Web API stand-in counting what reaches
// each channel. A bad edit keeps the old knowledge answering and DMs the admins; the Details button shows
// the full list of changes to whoever pressed it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRolecall } from "../../src/core/engine.ts";
import { buildKnowledge, loadKnowledge, readKnowledgeDir } from "../../src/core/knowledge/load.ts";
import { DELIVERY_IDLE_MESSAGE } from "../../src/notify/delivery-log.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import { knowledgeProblemsText } from "../../src/slack/updates/admin-alert.ts";
import { showChangeDetails } from "../../src/slack/updates/details.ts";
import { CHANGE_DETAILS_ACTION_ID } from "../../src/slack/updates/message.ts";
import { createStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";
import { type RunningHttpApp, SHIPPED_KNOWLEDGE, startHttpApp } from "../support/app-process.ts";
import { createAppHistory } from "../support/dated-answers.ts";
import { feedbackIn } from "../support/feedback.ts";
import { copyKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import {
  type RecordedCall,
  type SlackApiStandIn,
  startSlackApiStandIn,
} from "../support/slack-api-stand-in.ts";
import { blockActionBody, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "notify-e2e-signing-secret";
/** listed in ROLECALL_ADMINS: may subscribe channels, and is DMed about knowledge problems */
const ADMIN = "U0OPS";
const ALL = "C0ALLUPDATES";
const ITMG = "C0ITMG";
const IT_MANAGER = "C0ITMANAGER";

let api: SlackApiStandIn;
let knowledge: TempKnowledge;
let dataDir: string;
let app: RunningHttpApp;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  knowledge = await copyKnowledge(SHIPPED_KNOWLEDGE);
  dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-data-"));
  app = await startHttpApp({
    signingSecret: SECRET,
    apiUrl: api.apiUrl,
    env: { KNOWLEDGE_DIR: knowledge.dir, DATA_DIR: dataDir, ROLECALL_ADMINS: ADMIN },
  });
  for (const [text, channel] of [
    ["subscribe", ALL],
    ["subscribe ITMG", ITMG],
    ["subscribe IT manager", IT_MANAGER],
  ] as const) {
    expect((await role(text, channel)).text).toMatch(/^Done: this channel now gets updates about /);
  }
});

afterAll(async () => {
  await app?.process.stop();
  await api?.close();
  await knowledge?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let replies = 0;

async function role(text: string, channel = "C0GENERAL"): Promise<Record<string, unknown>> {
  replies += 1;
  const id = `e2e-${replies}`;
  const response = await postSigned(
    app.eventsUrl,
    SECRET,
    slashCommand({ command: "/role", text, user: ADMIN, channel, responseUrl: api.responseUrl(id) }),
  );
  expect(response.status).toBe(200);
  // A question is answered in the ack itself; a subcommand replies through response_url.
  const ack = await response.text();
  if (ack !== "") return JSON.parse(ack) as Record<string, unknown>;
  const [reply] = await api.waitForResponses(id);
  return reply?.body ?? {};
}

/**
 * Makes an edit on disk and resolves once the publish it caused has been posted everywhere: its log line,
 * then the delivery worker idle with no channel paced (nothing due, nothing held back), so the posts
 * counted afterwards are all the posts there will be.
 */
async function publishEdit(
  edit: () => Promise<void>,
): Promise<{ deliveries: number; posts: RecordedCall[] }> {
  const fromLine = app.process.logLines.length;
  const fromCall = api.calls.length;
  await edit();
  const published = await app.process.waitForLog(
    /knowledge published .*reason=watch .*deliveries=(\d+)/,
    fromLine,
  );
  await app.process.waitForLog(new RegExp(`${DELIVERY_IDLE_MESSAGE} paced=0$`), fromLine);
  const posts = api.calls.slice(fromCall).filter((c) => c.method === "chat.postMessage");
  return { deliveries: Number(published[1]), posts };
}

const to = (posts: RecordedCall[], channel: string) => posts.filter((p) => p.body.channel === channel);

/** Moves Accountable for change management to another role; returns the role it moved to. */
async function moveAccountable(): Promise<void> {
  const text = await knowledge.read("raci.yaml");
  const row = /(- id: change-management\n(?:[ \t]+.*\n)*?[ \t]+accountable: )([\w-]+)/.exec(text);
  if (!row?.[1] || !row[2]) throw new Error("raci.yaml has no accountable for change-management");
  const next = row[2] === "it-manager" ? "cio" : "it-manager";
  await knowledge.write("raci.yaml", text.replace(row[0], `${row[1]}${next}`));
}

let firstUpdate: RecordedCall | undefined;

describe("editing a knowledge file while the bot runs", () => {
  it("posts exactly one update to each channel that follows what changed, and none to the others", async () => {
    const { deliveries, posts } = await publishEdit(moveAccountable);
    expect(deliveries).toBe(2);
    expect(to(posts, ALL)).toHaveLength(1);
    expect(to(posts, IT_MANAGER)).toHaveLength(1);
    expect(to(posts, ITMG)).toEqual([]);
    expect(posts).toHaveLength(2);
    firstUpdate = to(posts, ALL)[0];
    const blocks = firstUpdate?.body.blocks as Array<{ type: string; text?: { text: string } }>;
    expect(blocks[0]?.text?.text).toMatch(/^Framework update: \d+ changes? to RACI$/);
    expect(firstUpdate?.body.text).toContain("Change management");
  });
});

describe("SIGHUP", () => {
  it("publishes the knowledge folder when the process npm start runs gets SIGHUP", async () => {
    const fromLine = app.process.logLines.length;
    const [, pid] = await app.process.waitForLog(/connected to Slack over HTTP: .* pid=(\d+)/);
    // npm start runs the bot in this very process (node dist/src/main.js), so a signal sent to it arrives.
    expect(Number(pid)).toBe(app.process.child.pid);
    process.kill(Number(pid), "SIGHUP");
    await app.process.waitForLog(/INFO {2}SIGHUP: publishing the knowledge folder/, fromLine);
    await app.process.waitForLog(/knowledge unchanged since the last publish reason=sighup/, fromLine);
  });
});

describe("the Details button on an update", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ dataDir });
  });
  afterAll(async () => {
    await store?.close();
  });

  const detailsValue = () => {
    const blocks = firstUpdate?.body.blocks as Array<{
      elements?: Array<{ action_id: string; value: string }>;
    }>;
    const value = blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === CHANGE_DETAILS_ACTION_ID)?.value;
    if (!value) throw new Error("the update has no Details button");
    return value;
  };

  async function press(id: string, ephemeral: boolean) {
    const response = await postSigned(
      app.eventsUrl,
      SECRET,
      blockActionBody({
        actionId: CHANGE_DETAILS_ACTION_ID,
        value: detailsValue(),
        user: "U0READER",
        responseUrl: api.responseUrl(id),
        message: {
          channel: ALL,
          ephemeral,
          ...(ephemeral ? {} : { blocks: firstUpdate?.body.blocks as unknown[] }),
        },
      }),
    );
    expect(response.status).toBe(200);
    const [reply] = await api.waitForResponses(id);
    return reply?.body;
  }

  it("shows the full list of changes to whoever pressed it, leaving the channel's message alone", async () => {
    const expected = await showChangeDetails(store, detailsValue());
    expect(expected.text).not.toBe("That button no longer works.");
    expect(await press("details-from-channel", false)).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: expected.text,
      blocks: expected.blocks,
    });
  });

  it("replaces the page it was pressed on when pressed inside the details", async () => {
    expect(await press("details-from-details", true)).toMatchObject({
      response_type: "ephemeral",
      replace_original: true,
    });
  });
});

describe("an edit that breaks the knowledge", () => {
  const OLD_WORDING = "Takes responsibility for the design, procurement";
  const NEW_WORDING = "Owns the design, procurement";

  it("publishes nothing, DMs the admins each problem's file:line:col, and keeps answering from the old knowledge", async () => {
    // Dated from the app's history, as its answers are.
    const history = createAppHistory();
    await history.load({ cwd: app.process.cwd, dataDir });
    const oldRolecall = createRolecall(await loadKnowledge(knowledge.dir), { freshness: history.freshness });
    const fromLine = app.process.logLines.length;
    const fromCall = api.calls.length;
    const text = await knowledge.read("sfia-itmg.yaml");
    if (!text.includes(OLD_WORDING) || !text.includes("      - level: 6\n")) {
      throw new Error("sfia-itmg.yaml no longer has the passages this test edits");
    }
    await knowledge.write(
      "sfia-itmg.yaml",
      text
        .replace(OLD_WORDING, NEW_WORDING)
        .replace("      - level: 6\n", "      - level: 6\n     broken: [\n"),
    );

    const dm = await api.waitForCall(
      "chat.postMessage",
      (c) => c.index >= fromCall && c.body.channel === ADMIN,
    );
    const { texts, problems } = await readKnowledgeDir(knowledge.dir);
    const allProblems = [...problems, ...buildKnowledge(texts).problems];
    expect(dm.body.text).toBe(knowledgeProblemsText(allProblems));
    expect(dm.body.text).toMatch(/• \S*sfia-itmg\.yaml:\d+:\d+ YAML syntax error/);
    await app.process.waitForLog(/knowledge not published: the folder has problems/, fromLine);

    const answer = await role("ITMG 5");
    const rendered = renderAnswer(oldRolecall.ask("ITMG 5"), {
      question: "ITMG 5",
      surface: "ephemeral",
      feedback: feedbackIn(answer),
    });
    expect(answer.blocks).toEqual(rendered.blocks);
    expect(JSON.stringify(answer)).toContain(OLD_WORDING);
    expect(JSON.stringify(answer)).not.toContain(NEW_WORDING);
    expect(api.calls.slice(fromCall).filter((c) => c.method === "chat.postMessage")).toEqual([dm]);
  });

  it("is picked up once the file is fixed: published, posted, and answered from", async () => {
    const { deliveries, posts } = await publishEdit(async () => {
      const broken = await knowledge.read("sfia-itmg.yaml");
      await knowledge.write("sfia-itmg.yaml", broken.replace("     broken: [\n", ""));
    });
    expect(deliveries).toBe(2);
    expect(to(posts, ITMG)).toHaveLength(1);
    expect(to(posts, ALL)).toHaveLength(1);
    expect(to(posts, IT_MANAGER)).toEqual([]);
    expect(to(posts, ADMIN)).toEqual([]);
    expect(JSON.stringify(await role("ITMG 5"))).toContain(NEW_WORDING);
  });
});
