// Two Rolecall instances over HTTP sharing one PostgreSQL database, as behind a load balancer: Slack's retry
// of an event (X-Slack-Retry-Num, same event_id) that lands on the other instance is not answered again.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/index.ts";
import { REPO_ROOT, type RunningHttpApp, startHttpApp } from "../support/app-process.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { eventBody, messageEvent } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";
import { createTempSchema, postgresUnavailable, type TempSchema } from "../support/stores.ts";

const SECRET = "instances-test-signing-secret";
const PACKAGE = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, "utf8")) as { version: string };
const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`Skipping the two-instance Slack test: ${unavailable}`);

describe.skipIf(unavailable !== undefined)("two instances on one PostgreSQL database", () => {
  let schema: TempSchema;
  let api: SlackApiStandIn;
  let instances: RunningHttpApp[] = [];

  beforeAll(async () => {
    schema = await createTempSchema();
    api = await startSlackApiStandIn();
    // One after the other, so the second finds the schema already migrated.
    for (let i = 0; i < 2; i++) {
      instances.push(
        await startHttpApp({ signingSecret: SECRET, apiUrl: api.apiUrl, env: { DATABASE_URL: schema.url } }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances) await instance.process.stop();
    instances = [];
    await api?.close();
    await schema?.destroy();
  });

  const [first, second] = [0, 1].map((i) => () => {
    const instance = instances[i];
    if (!instance) throw new Error("the instances have not started");
    return instance;
  }) as [() => RunningHttpApp, () => RunningHttpApp];

  it("answers an event once when Slack's retry reaches the other instance", async () => {
    const request = eventBody(messageEvent({ text: "ITMG 5", channel: "D0RETRIEDELSEWHERE" }));
    expect((await postSigned(first().eventsUrl, SECRET, request)).status).toBe(200);
    await api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0RETRIEDELSEWHERE");
    const retry = await postSigned(second().eventsUrl, SECRET, request, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    // A later event the second instance does answer: had it answered the retry, that post came first.
    const later = eventBody(messageEvent({ text: "SLA", channel: "D0AFTERRETRY" }));
    expect((await postSigned(second().eventsUrl, SECRET, later)).status).toBe(200);
    await api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0AFTERRETRY");
    expect(api.callsOf("chat.postMessage", (c) => c.body.channel === "D0RETRIEDELSEWHERE")).toHaveLength(1);
    await second().process.waitForLog(/Skipped an event already handled/);
  });

  it("stamps the start-up publish with the compiled app's version, for the rolling-deploy order", async () => {
    const store = await createStore({ databaseUrl: schema.url, dataDir: "unused" });
    try {
      expect((await store.latestSnapshot())?.version?.app).toBe(PACKAGE.version);
    } finally {
      await store.close();
    }
  });

  it("still answers distinct events on either instance", async () => {
    for (const [i, instance] of [first(), second()].entries()) {
      const request = eventBody(messageEvent({ text: "ITMG 5", channel: `D0DISTINCT${i}` }));
      expect((await postSigned(instance.eventsUrl, SECRET, request)).status).toBe(200);
      await api.waitForCall("chat.postMessage", (c) => c.body.channel === `D0DISTINCT${i}`);
    }
  });
});
