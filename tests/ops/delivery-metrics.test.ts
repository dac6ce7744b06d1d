// What a framework update leaves in /metrics: the publish's outcome, the delivery lag of each post, and
// the outbox gauges back at zero pending once everything is posted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELIVERY_IDLE_MESSAGE } from "../../src/notify/delivery-log.ts";
import { type RunningHttpApp, SHIPPED_KNOWLEDGE, startHttpApp } from "../support/app-process.ts";
import { copyKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import { opsPortOf, sample, scrape } from "../support/ops.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "ops-delivery-test-signing-secret";
const ADMIN = "U0OPSADMIN";
const CHANNEL = "C0OPSUPDATES";

let api: SlackApiStandIn;
let knowledge: TempKnowledge;
let app: RunningHttpApp;
let opsPort: number;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  knowledge = await copyKnowledge(SHIPPED_KNOWLEDGE);
  app = await startHttpApp({
    signingSecret: SECRET,
    apiUrl: api.apiUrl,
    env: { KNOWLEDGE_DIR: knowledge.dir, ROLECALL_ADMINS: ADMIN, OPS_PORT: "0" },
  });
  opsPort = await opsPortOf(app.process);
  const response = await postSigned(
    app.eventsUrl,
    SECRET,
    slashCommand({
      command: "/role",
      text: "subscribe",
      user: ADMIN,
      channel: CHANNEL,
      responseUrl: api.responseUrl("ops-subscribe"),
    }),
  );
  expect(response.status).toBe(200);
  const [reply] = await api.waitForResponses("ops-subscribe");
  expect(String(reply?.body.text)).toMatch(/^Done: this channel now gets updates about /);
});

afterAll(async () => {
  await app?.process.stop();
  await api?.close();
  await knowledge?.destroy();
});

describe("after a knowledge edit is published and posted", () => {
  it("counts the publish by outcome, times the post's delivery lag and shows nothing pending", async () => {
    const before = await scrape(opsPort);
    const from = app.process.logLines.length;
    const fromCall = api.calls.length;
    const text = await knowledge.read("sfia-itmg.yaml");
    await knowledge.write(
      "sfia-itmg.yaml",
      text.replace("Takes responsibility for the design, procurement", "Owns the design, procurement"),
    );
    await app.process.waitForLog(/knowledge published .*reason=watch .*deliveries=1/, from);
    await app.process.waitForLog(new RegExp(`${DELIVERY_IDLE_MESSAGE} paced=0$`), from);
    const posts = api.calls.slice(fromCall).filter((c) => c.method === "chat.postMessage");
    expect(posts.map((c) => c.body.channel)).toEqual([CHANNEL]);

    const after = await scrape(opsPort);
    const published = 'rolecall_publishes_total{outcome="published"}';
    expect(sample(after, published)).toBe((sample(before, published) ?? 0) + 1);
    expect(sample(after, "rolecall_delivery_lag_seconds_count")).toBe(1);
    expect(sample(after, "rolecall_delivery_lag_seconds_sum")).toBeGreaterThanOrEqual(0);
    expect(sample(after, "rolecall_outbox_pending")).toBe(0);
    expect(sample(after, "rolecall_outbox_failed")).toBe(0);
  });
});
