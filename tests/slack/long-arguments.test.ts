// A 10,000-character argument is never echoed back: whatever a reply quotes of what someone typed is cut
// short with an ellipsis. Driven over signed HTTP against the app as npm start runs it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ECHO_LIMIT } from "../../src/slack/render/escape.ts";
import { type RunningHttpApp, startHttpApp } from "../support/app-process.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { eventBody, messageEvent, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "long-arguments-test-signing-secret";
const ADMIN = "U0LONGADMIN";
/** words, so no part of it looks like a code, and long enough that an echo would be obvious */
const LONG = "zq".repeat(5000);

let api: SlackApiStandIn;
let app: RunningHttpApp;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  api.setUser(ADMIN, { is_admin: true });
  app = await startHttpApp({ signingSecret: SECRET, apiUrl: api.apiUrl });
});

afterAll(async () => {
  await app?.process.stop();
  await api?.close();
});

let count = 0;
async function reply(command: string, text: string): Promise<string> {
  count += 1;
  const id = `long-${count}`;
  const response = await postSigned(
    app.eventsUrl,
    SECRET,
    slashCommand({ command, text, user: ADMIN, channel: "C0LONG", responseUrl: api.responseUrl(id) }),
  );
  expect(response.status).toBe(200);
  const body = response.headers.get("content-type")?.includes("json") ? await response.text() : "";
  if (body) return body;
  const [answer] = await api.waitForResponses(id);
  return JSON.stringify(answer?.body ?? {});
}

/** the longest run of the argument found in text */
function longestEcho(text: string): number {
  return Math.max(0, ...(text.match(/(?:zq)+z?/g) ?? []).map((run) => run.length));
}

describe("a 10,000-character argument", () => {
  beforeAll(async () => {
    // so that unsubscribing looks the words up instead of saying the channel follows nothing
    expect(await reply("/role", "subscribe ITMG")).toContain("Done");
  });

  it.each([
    ["/role subscribe", "/role", `subscribe ${LONG}`],
    ["/role unsubscribe", "/role", `unsubscribe ${LONG}`],
    ["/role", "/role", LONG],
    ["/level", "/level", LONG],
    ["/raci", "/raci", LONG],
  ])("after %s is quoted at most ECHO_LIMIT characters long", async (_name, command, text) => {
    const answer = await reply(command, text);
    expect(longestEcho(answer)).toBeLessThanOrEqual(ECHO_LIMIT);
  });

  it("in a DM is not echoed either", async () => {
    const channel = "D0LONG";
    await postSigned(app.eventsUrl, SECRET, eventBody(messageEvent({ text: LONG, channel })));
    const call = await api.waitForCall("chat.postMessage", (c) => c.body.channel === channel);
    expect(longestEcho(JSON.stringify(call?.body))).toBeLessThanOrEqual(ECHO_LIMIT);
  });
});
