import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT, signatureProblem } from "../../src/slack/http-receiver.ts";
import { HAS_REAL_DATA, needsRealData } from "../support/real-data.ts";
import { useSlackApp } from "../support/slack-app.ts";
import { eventBody, messageEvent, PAYLOAD_SHAPES_DIR, slashCommand } from "../support/slack-payloads.ts";
import { formBody, postSigned, signedHeaders, slackSignature } from "../support/slack-signer.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5-test";

interface KnownAnswer {
  signing_secret: string;
  x_slack_request_timestamp: string;
  raw_body: string;
  x_slack_signature: string;
}

interface WireSamples {
  signing_known_answer_test: KnownAnswer;
  wire_bodies: Array<{ kind: string; raw_body: string; content_type: string }>;
}

// Slack's own samples, from ../shared/realdata; the tests that use them are skipped without it.
const samples = HAS_REAL_DATA
  ? (JSON.parse(
      readFileSync(path.join(PAYLOAD_SHAPES_DIR, "bolt-js-wire-samples.json"), "utf8"),
    ) as WireSamples)
  : undefined;
const vector: KnownAnswer = samples?.signing_known_answer_test ?? {
  signing_secret: "",
  x_slack_request_timestamp: "0",
  raw_body: "",
  x_slack_signature: "",
};

describe.skipIf(needsRealData())("Slack's published signing test vector", () => {
  const check = {
    signingSecret: vector.signing_secret,
    body: vector.raw_body,
    signature: vector.x_slack_signature,
    timestamp: vector.x_slack_request_timestamp,
    nowMs: Number(vector.x_slack_request_timestamp) * 1000,
  };

  it("verifies", () => {
    expect(signatureProblem(check)).toBeUndefined();
  });

  it("is what our test signer produces", () => {
    expect(slackSignature(vector.signing_secret, vector.x_slack_request_timestamp, vector.raw_body)).toBe(
      vector.x_slack_signature,
    );
  });

  it("matches the headers recorded in java-slack-sdk's API Gateway sample", () => {
    const gateway = JSON.parse(
      readFileSync(
        path.join(PAYLOAD_SHAPES_DIR, "java-slack-sdk-json-logs/aws/ApiGatewayRequest.json"),
        "utf8",
      ),
    ) as { headers: Record<string, string> };
    expect(
      signatureProblem({
        ...check,
        signature: gateway.headers["X-Slack-Signature"],
        timestamp: gateway.headers["X-Slack-Request-Timestamp"],
      }),
    ).toBeUndefined();
  });

  it("fails when one character of the body changes", () => {
    expect(signatureProblem({ ...check, body: `${vector.raw_body} ` })).toBe("signature mismatch");
  });

  it("fails when signed with another secret", () => {
    expect(signatureProblem({ ...check, signingSecret: `${vector.signing_secret}x` })).toBe(
      "signature mismatch",
    );
  });

  it.each([
    ["another version", vector.x_slack_signature.replace(/^v0=/, "v1=")],
    ["upper-case hex", `v0=${vector.x_slack_signature.slice(3).toUpperCase()}`],
    ["a shortened signature", vector.x_slack_signature.slice(0, -2)],
    ["extra characters", `${vector.x_slack_signature}00`],
  ])("fails for %s", (_name, signature) => {
    expect(signatureProblem({ ...check, signature })).toBe("malformed X-Slack-Signature");
  });

  it("fails five minutes and one second later", () => {
    expect(signatureProblem({ ...check, nowMs: check.nowMs + 301_000 })).toMatch(/more than 5 minutes/);
  });

  it("fails when the request claims to come from over five minutes in the future", () => {
    expect(signatureProblem({ ...check, nowMs: check.nowMs - 301_000 })).toMatch(/more than 5 minutes/);
  });
});

describe("the HTTP endpoint, as npm start serves it", () => {
  const running = useSlackApp({ signingSecret: SECRET });

  // "/role subscriptions" replies through response_url (a question is answered in the ack), so a
  // refused request that reached a listener would leave a trace there.
  const command = (id: string, text = "subscriptions") =>
    slashCommand({ command: "/role", text, responseUrl: running.api.responseUrl(id) });

  /** A correctly signed request, answered: proof the app is still serving and earlier requests have settled. */
  async function answeredCommand(id: string): Promise<void> {
    const response = await postSigned(running.app.eventsUrl, SECRET, command(id));
    expect(response.status).toBe(200);
    await running.api.waitForResponses(id);
  }

  it.skipIf(needsRealData())("answers Slack's url_verification challenge", async () => {
    const body = samples?.wire_bodies.find((b) => b.kind.startsWith("url_verification"));
    if (!body) throw new Error("sample missing");
    const response = await postSigned(running.app.eventsUrl, SECRET, {
      body: body.raw_body,
      contentType: "application/json",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("answers Slack's unsigned ssl_check with 200", async () => {
    const response = await fetch(running.app.eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "ssl_check=1&token=legacy-fixed-token",
    });
    expect(response.status).toBe(200);
  });

  it("answers an unsigned ssl_check itself: a command smuggled into it reaches no listener", async () => {
    const { body } = command("smuggled");
    const response = await fetch(running.app.eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `ssl_check=1&${body}`,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await answeredCommand("after-smuggled");
    expect(running.api.responsesTo("smuggled")).toEqual([]);
  });

  it("refuses a request with a wrong signature with 401, and it reaches no listener", async () => {
    const request = command("wrong-signature");
    const response = await fetch(running.app.eventsUrl, {
      method: "POST",
      headers: signedHeaders({
        secret: "not-the-secret",
        body: request.body,
        contentType: request.contentType,
      }),
      body: request.body,
    });
    expect(response.status).toBe(401);
    await answeredCommand("after-wrong-signature");
    expect(running.api.responsesTo("wrong-signature")).toEqual([]);
  });

  it("refuses a request without a signature with 401", async () => {
    const request = command("no-signature");
    const response = await fetch(running.app.eventsUrl, {
      method: "POST",
      headers: {
        "content-type": request.contentType,
        "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
      },
      body: request.body,
    });
    expect(response.status).toBe(401);
    await answeredCommand("after-no-signature");
    expect(running.api.responsesTo("no-signature")).toEqual([]);
  });

  it("refuses a correctly signed request whose timestamp is over 5 minutes old with 401", async () => {
    const response = await postSigned(running.app.eventsUrl, SECRET, command("stale"), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(response.status).toBe(401);
    await answeredCommand("after-stale");
    expect(running.api.responsesTo("stale")).toEqual([]);
  });

  it("refuses a correctly signed request whose timestamp is over 5 minutes in the future with 401", async () => {
    const response = await postSigned(running.app.eventsUrl, SECRET, command("future"), {
      timestamp: Math.floor(Date.now() / 1000) + 6 * 60,
    });
    expect(response.status).toBe(401);
    await answeredCommand("after-future");
    expect(running.api.responsesTo("future")).toEqual([]);
  });

  it("refuses an oversized body with 413 before reading it", async () => {
    const body = formBody({
      command: "/role",
      text: "x".repeat(DEFAULT_BODY_LIMIT),
      response_url: running.api.responseUrl("big"),
    });
    const response = await postSigned(running.app.eventsUrl, SECRET, {
      body,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(413);
    await answeredCommand("after-big");
    expect(running.api.responsesTo("big")).toEqual([]);
  });

  it.each([
    ["broken JSON", "application/json", '{"type":"event_callback",'],
    ["JSON null", "application/json", "null"],
    ["a JSON array", "application/json", "[1,2]"],
    ["a broken interactivity payload", "application/x-www-form-urlencoded", "payload=%7Bnot-json"],
    ["an interactivity payload of null", "application/x-www-form-urlencoded", "payload=null"],
    ["a payload array after other fields", "application/x-www-form-urlencoded", "token=t&payload=%5B1%5D"],
    [
      "an event_callback whose event is null",
      "application/json",
      '{"type":"event_callback","team_id":"T0","event_id":"Ev0NULL","event":null}',
    ],
    [
      "an event_callback whose event is a string",
      "application/json",
      '{"type":"event_callback","team_id":"T0","event_id":"Ev0TEXT","event":"message"}',
    ],
  ] as const)(
    "refuses a signed but malformed body (%s) with 400 and keeps serving",
    async (_name, contentType, body) => {
      const response = await postSigned(running.app.eventsUrl, SECRET, { body, contentType });
      expect(response.status).toBe(400);
      await answeredCommand(`after-malformed-${body.length}-${contentType.length}`);
    },
  );

  it("answers a retried event (X-Slack-Retry-Num) and a repeated event_id once", async () => {
    const channel = "D0RETRY";
    const delivery = eventBody(messageEvent({ text: "ITMG 5", channel }), { eventId: "Ev0RETRIED1" });
    expect((await postSigned(running.app.eventsUrl, SECRET, delivery)).status).toBe(200);
    await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === channel);

    const retry = await postSigned(running.app.eventsUrl, SECRET, delivery, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    const again = await postSigned(running.app.eventsUrl, SECRET, delivery);
    expect(again.status).toBe(200);

    const sentinel = eventBody(messageEvent({ text: "ITMG 6", channel: "D0SENTINEL" }));
    await postSigned(running.app.eventsUrl, SECRET, sentinel);
    await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0SENTINEL");
    expect(running.api.callsOf("chat.postMessage", (c) => c.body.channel === channel)).toHaveLength(1);
    await running.app.process.waitForLog(
      /Skipped an event already handled event_id=Ev0RETRIED1 retry_num=1 retry_reason=http_timeout/,
    );
  });

  it("serves a health check and nothing else outside /slack/events", async () => {
    expect((await fetch(`http://127.0.0.1:${running.app.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${running.app.port}/slack/other`, { method: "POST" })).status).toBe(
      404,
    );
    expect((await fetch(running.app.eventsUrl)).status).toBe(404);
  });

  it("never logs the signing secret, the bot token or request bodies", () => {
    const log = running.app.process.logLines.join("\n");
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain("xoxb-0000000000-test-token");
    expect(log).not.toContain("x".repeat(100));
  });
});
