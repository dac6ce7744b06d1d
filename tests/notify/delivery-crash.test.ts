// A bot process killed with SIGKILL in the middle of posting an update to 200 channels, then restarted:
// every channel still gets the update, and at most once more than it should — only where Slack had
// received the post before the kill.
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublisher } from "../../src/notify/publisher.ts";
import { copyFixtureKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import { createMemoryLogger } from "../support/logger.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { openTempSqlite, type TempSqlite } from "../support/stores.ts";
import type { BotMessage } from "./fixtures/delivery-bot.ts";

const CHANNELS = Array.from({ length: 200 }, (_, i) => `C${String(i).padStart(4, "0")}CRASH`);
const ANSWERED_BEFORE_KILL = 50;
const BOT = path.resolve(import.meta.dirname, "fixtures/delivery-bot.ts");

function startBot(dataDir: string, apiUrl: string, instanceId: string, leaseMs: number, timeoutMs: number) {
  return fork(BOT, [dataDir, apiUrl, instanceId, String(leaseMs), String(timeoutMs)], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

async function nextMessage(child: ChildProcess, type: BotMessage["type"]): Promise<void> {
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`delivery bot exited with code ${code} before "${type}"`);
  });
  for (;;) {
    const [message] = (await Promise.race([once(child, "message"), exited])) as [BotMessage];
    if (message.type === "error") throw new Error(`delivery bot failed: ${message.message}`);
    if (message.type === type) return;
  }
}

let db: TempSqlite;
let knowledge: TempKnowledge;
let slack: SlackApiStandIn;
let postedBeforeKill: Set<string>;
let heldAtKill: Set<string>;
let postsPerChannel: Map<string, number>;

beforeAll(async () => {
  db = await openTempSqlite();
  knowledge = await copyFixtureKnowledge();
  slack = await SlackApiStandIn.start();

  const publisher = createPublisher({
    knowledgeDir: knowledge.dir,
    store: db.store,
    logger: createMemoryLogger(),
  });
  await publisher.publish("startup");
  for (const channelId of CHANNELS) {
    await db.store.addSubscription({
      teamId: "T0TEAM",
      channelId,
      filter: { kind: "all" },
      createdBy: "U0SUB",
    });
  }
  await knowledge.edit("roles.yaml", "summary: Runs the change process.", "summary: Runs change.");
  const outcome = await publisher.publish("watch");
  if (outcome.status !== "published" || outcome.deliveries !== CHANNELS.length) {
    throw new Error(`expected ${CHANNELS.length} deliveries, got ${JSON.stringify(outcome)}`);
  }

  // The first bot: Slack answers 50 posts, then receives the next ones but never answers (held), and the
  // bot is killed as soon as the first held post arrives. Its lease is short so the restart can take over.
  slack.answerOnly(ANSWERED_BEFORE_KILL);
  const first = startBot(db.dataDir, slack.apiUrl, "bot-before-crash", 1_500, 1_000);
  await nextMessage(first, "started");
  await slack.waitForPosts(ANSWERED_BEFORE_KILL + 1);
  const exited = once(first, "exit");
  first.kill("SIGKILL");
  await exited;
  await slack.connectionsClosed();
  postedBeforeKill = new Set(slack.posts.map((p) => p.channel));
  heldAtKill = new Set(slack.posts.filter((p) => p.outcome === "held").map((p) => p.channel));

  slack.answerAll();
  const second = startBot(db.dataDir, slack.apiUrl, "bot-after-restart", 30_000, 10_000);
  await nextMessage(second, "drained");
  await once(second, "exit");

  postsPerChannel = new Map();
  for (const post of slack.posts)
    postsPerChannel.set(post.channel, (postsPerChannel.get(post.channel) ?? 0) + 1);
  const duplicated = [...postsPerChannel.values()].filter((n) => n > 1).length;
  console.log(
    `crash test: ${postedBeforeKill.size} channels posted before SIGKILL (${heldAtKill.size} unanswered), ` +
      `${slack.posts.length} posts in all, ${duplicated} channels posted twice`,
  );
}, 60_000);

afterAll(async () => {
  await slack?.close();
  await db?.destroy();
  await knowledge?.destroy();
});

describe("when the bot is killed mid-fan-out and restarted", () => {
  it("killed the bot part way: some channels were posted to before the kill, most were not", () => {
    expect(postedBeforeKill.size).toBeGreaterThan(ANSWERED_BEFORE_KILL);
    expect(postedBeforeKill.size).toBeLessThan(CHANNELS.length);
  });

  it("records every row as delivered", async () => {
    expect(await db.store.outboxStats()).toEqual({ pending: 0, delivered: CHANNELS.length, failed: 0 });
  });

  it("posts to every channel", () => {
    for (const channel of CHANNELS) expect(postsPerChannel.get(channel) ?? 0).toBeGreaterThanOrEqual(1);
  });

  it("posts to no channel more than twice", () => {
    expect(Math.max(...postsPerChannel.values())).toBeLessThanOrEqual(2);
  });

  it("posts twice only where Slack had received the post before the kill", () => {
    const twice = [...postsPerChannel].filter(([, n]) => n === 2).map(([channel]) => channel);
    for (const channel of twice) expect(postedBeforeKill.has(channel)).toBe(true);
  });

  it("posts again where Slack had received the post but the bot died before hearing back", () => {
    expect(heldAtKill.size).toBeGreaterThan(0);
    for (const channel of heldAtKill) expect(postsPerChannel.get(channel)).toBe(2);
  });
});
