// The operations endpoints in HTTP mode, on OPS_PORT beside Slack's port: liveness, readiness, and the
// metrics a signed slash command, a failing Web API call and a redelivered event leave behind; JSON log
// lines that say which team, event and error ref, and never a token.
import { describe, expect, it } from "vitest";
import { getOps, opsPortOf, sample, scrape } from "../support/ops.ts";
import { useSlackApp } from "../support/slack-app.ts";
import { appMentionEvent, eventBody, slashCommand, TEAM } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "ops-http-test-signing-secret";
const BOT_TOKEN = "xoxb-7777-8888-ops-http-test";

const running = useSlackApp({
  signingSecret: SECRET,
  botToken: BOT_TOKEN,
  env: () => ({ OPS_PORT: "0", LOG_FORMAT: "json" }),
});

const opsPort = () => opsPortOf(running.app.process);

describe("the operations endpoints in HTTP mode", () => {
  it("serve /livez on the ops port, not on Slack's", async () => {
    const port = await opsPort();
    expect(port).not.toBe(running.app.port);
    expect(await getOps(port, "/livez")).toEqual({ status: 200, body: "ok\n" });
    expect((await fetch(`http://127.0.0.1:${running.app.port}/livez`)).status).toBe(404);
  });

  it("say ready once the knowledge is loaded, the store answers and Slack is connected", async () => {
    const { status, body } = await getOps(await opsPort(), "/readyz");
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      ready: true,
      draining: false,
      checks: { knowledge: "ok", store: "ok", slack: "ok" },
    });
  });

  it("count a slash command's answer by intent and time its ask()", async () => {
    const port = await opsPort();
    const before = await scrape(port);
    const response = await postSigned(
      running.app.eventsUrl,
      SECRET,
      slashCommand({ command: "/role", text: "ITMG 5", responseUrl: running.api.responseUrl("ops-1") }),
    );
    expect(response.status).toBe(200);
    const after = await scrape(port);
    const level = 'rolecall_answers_total{intent="level"}';
    expect(sample(after, level)).toBe((sample(before, level) ?? 0) + 1);
    expect(sample(after, "rolecall_ask_duration_seconds_count")).toBe(
      (sample(before, "rolecall_ask_duration_seconds_count") ?? 0) + 1,
    );
  });

  it("count a Slack API error by method and code, and log it as JSON with team, event id and ref", async () => {
    const port = await opsPort();
    running.api.failNext("chat.postMessage", { error: "internal_error" });
    const from = running.app.process.logLines.length;
    const body = eventBody(appMentionEvent({ text: "<@U0BOT> ITMG 5", channel: "C0OPSTEST" }));
    const eventId = (JSON.parse(body.body) as { event_id: string }).event_id;
    expect((await postSigned(running.app.eventsUrl, SECRET, body)).status).toBe(200);
    // The asker is told, ephemerally, with the ref: the failure has been counted and logged by then.
    const apology = await running.api.waitForCall(
      "chat.postEphemeral",
      (c) => c.body.channel === "C0OPSTEST",
    );
    const ref = /\(ref ([0-9A-F]{8})\)/.exec(String(apology.body.text))?.[1];

    const series = 'rolecall_slack_api_errors_total{method="chat.postMessage",code="internal_error"}';
    expect(sample(await scrape(port), series)).toBe(1);

    const line = await running.app.process.waitForLog(/Listener failed/, from);
    expect(JSON.parse(line.input ?? "")).toMatchObject({
      level: "error",
      msg: "Listener failed",
      team: TEAM.id,
      event_id: eventId,
      ref,
      slack_error: "internal_error",
    });
    expect(ref).toMatch(/^[0-9A-F]{8}$/);
  });

  it("count an event Slack redelivers, answered once", async () => {
    const port = await opsPort();
    const before = sample(await scrape(port), "rolecall_slack_events_deduplicated_total") ?? 0;
    const body = eventBody(appMentionEvent({ text: "<@U0BOT> ITMG 4" }));
    expect((await postSigned(running.app.eventsUrl, SECRET, body)).status).toBe(200);
    const retry = { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } };
    expect((await postSigned(running.app.eventsUrl, SECRET, body, retry)).status).toBe(200);
    await running.app.process.waitForLog(/Skipped an event already handled/);
    expect(sample(await scrape(port), "rolecall_slack_events_deduplicated_total")).toBe(before + 1);
  });

  it("report the outbox from the store, and the start-up publish's outcome", async () => {
    const metrics = await scrape(await opsPort());
    expect(sample(metrics, "rolecall_outbox_pending")).toBe(0);
    expect(sample(metrics, "rolecall_outbox_failed")).toBe(0);
    expect(sample(metrics, 'rolecall_publishes_total{outcome="published"}')).toBe(1);
    expect(metrics).toContain("# TYPE rolecall_delivery_lag_seconds histogram");
  });

  it("write every log line as JSON, and no line holds the bot token or the signing secret", () => {
    const lines = running.app.process.logLines.filter((l) => l !== "");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const entry = JSON.parse(line) as { time?: unknown; level?: unknown; msg?: unknown };
      expect(typeof entry.time === "string" && typeof entry.level === "string" && typeof entry.msg).toBe(
        "string",
      );
      expect(line).not.toContain(BOT_TOKEN);
      expect(line).not.toContain(SECRET);
    }
  });
});
