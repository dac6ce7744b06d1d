// The fetch every Web API client calls Slack through reports each failed call once, by method and by what
// went wrong, as the Web API client sees it on the wire (here, the local stand-in).
import { createServer } from "node:net";
import { LogLevel, webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createObservedFetch, REQUEST_FAILED } from "../../src/slack/observed-fetch.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";

let api: SlackApiStandIn;
beforeAll(async () => {
  api = await startSlackApiStandIn();
});
afterAll(async () => {
  await api?.close();
});

/** A Web API client on the observed fetch, without retries, and what it reported. */
function observedClient(apiUrl: string) {
  const reported: string[] = [];
  const client = new webApi.WebClient("xoxb-5656-7878-observed-fetch", {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    fetch: createObservedFetch(apiUrl, (method, code) => reported.push(`${method} ${code}`)),
  });
  return { client, reported };
}

const post = (client: webApi.WebClient) => client.chat.postMessage({ channel: "C0OBSERVED", text: "hi" });

describe("the observed fetch", () => {
  it("reports nothing for a call that succeeds, and the client still reads the answer", async () => {
    const { client, reported } = observedClient(api.apiUrl);
    expect((await post(client)).ok).toBe(true);
    expect(reported).toEqual([]);
  });

  it("reports Slack's error string for an ok:false answer", async () => {
    const { client, reported } = observedClient(api.apiUrl);
    api.failNext("chat.postMessage", { error: "channel_not_found" });
    await expect(post(client)).rejects.toMatchObject({ data: { error: "channel_not_found" } });
    expect(reported).toEqual(["chat.postMessage channel_not_found"]);
  });

  it("reports a rate limit and an HTTP failure", async () => {
    const { client, reported } = observedClient(api.apiUrl);
    api.failNext("chat.postMessage", { status: 429, retryAfter: 3 });
    await expect(post(client)).rejects.toThrow();
    api.failNext("chat.postMessage", { status: 503 });
    await expect(post(client)).rejects.toThrow();
    expect(reported).toEqual(["chat.postMessage ratelimited", "chat.postMessage http_503"]);
  });

  it("reports a call that got no answer at all", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { client, reported } = observedClient(`http://127.0.0.1:${closed}/api/`);
    await expect(client.auth.test()).rejects.toThrow();
    expect(reported).toEqual([`auth.test ${REQUEST_FAILED}`]);
  });
});
