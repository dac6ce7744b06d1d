// The operations endpoints in Socket Mode, where Slack's traffic needs no port: OPS_PORT serves /livez,
// /readyz (ready only while the WebSocket connection is open) and /metrics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchRolecall,
  READY_SOCKET,
  type RolecallProcess,
  SHIPPED_KNOWLEDGE,
} from "../support/app-process.ts";
import { getOps, opsPortOf, sample, scrape, untilReadyz } from "../support/ops.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { appMentionEvent, BOT, eventEnvelope, slashCommandFields } from "../support/slack-payloads.ts";
import { SocketModeStandIn } from "../support/socket-mode-stand-in.ts";

let api: SlackApiStandIn;
let socket: SocketModeStandIn;
let app: RolecallProcess;
let opsPort: number;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  socket = await SocketModeStandIn.start(api);
  app = launchRolecall({
    env: {
      SLACK_BOT_TOKEN: "xoxb-9999-0000-ops-socket-test",
      SLACK_APP_TOKEN: "xapp-1-A0ROLECALL-9999-opssockettest",
      SLACK_API_URL: api.apiUrl,
      KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
      OPS_PORT: "0",
    },
  });
  opsPort = await opsPortOf(app);
  await app.waitForLog(READY_SOCKET);
});

afterAll(async () => {
  await app?.stop();
  await socket?.close();
  await api?.close();
});

function slashCommand(text: string) {
  return {
    type: "slash_commands" as const,
    payload: slashCommandFields({ command: "/role", text, responseUrl: api.responseUrl("ops-socket") }),
  };
}

describe("the operations endpoints in Socket Mode", () => {
  it("serve /livez, and /readyz says ready with the connection open", async () => {
    expect(await getOps(opsPort, "/livez")).toEqual({ status: 200, body: "ok\n" });
    const ready = await getOps(opsPort, "/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ checks: { knowledge: "ok", store: "ok", slack: "ok" } });
  });

  it("count a slash command's answer by intent, with its ask() time", async () => {
    const before = await scrape(opsPort);
    const ack = await socket.send(slashCommand("who is accountable for change management"));
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });
    const after = await scrape(opsPort);
    const raci = 'rolecall_answers_total{intent="raci"}';
    expect(sample(after, raci)).toBe((sample(before, raci) ?? 0) + 1);
    expect(sample(after, "rolecall_ask_duration_seconds_count")).toBe(
      (sample(before, "rolecall_ask_duration_seconds_count") ?? 0) + 1,
    );
  });

  it("count a Slack API error by method and code", async () => {
    api.failNext("chat.postMessage", { error: "internal_error" });
    const event = appMentionEvent({ text: `<@${BOT.userId}> ITMG 5`, channel: "C0OPSSOCKET" });
    await socket.send({ type: "events_api", payload: eventEnvelope(event) });
    await api.waitForCall("chat.postEphemeral", (c) => c.body.channel === "C0OPSSOCKET");
    const series = 'rolecall_slack_api_errors_total{method="chat.postMessage",code="internal_error"}';
    expect(sample(await scrape(opsPort), series)).toBe(1);
  });

  it("count a redelivered event once", async () => {
    const envelope = eventEnvelope(appMentionEvent({ text: `<@${BOT.userId}> SLA`, channel: "C0OPSRETRY" }));
    await socket.send({ type: "events_api", payload: envelope });
    await socket.send({ type: "events_api", payload: envelope, retry_attempt: 1, retry_reason: "timeout" });
    await app.waitForLog(/Skipped an event already handled/);
    expect(sample(await scrape(opsPort), "rolecall_slack_events_deduplicated_total")).toBe(1);
  });

  it("say not ready, while still alive, once the connection to Slack is lost", async () => {
    await socket.close();
    const { status, body } = await untilReadyz(opsPort, 503);
    expect(status).toBe(503);
    expect(JSON.parse(body)).toMatchObject({ ready: false, checks: { slack: "failing", store: "ok" } });
    expect((await getOps(opsPort, "/livez")).status).toBe(200);
  });
});
