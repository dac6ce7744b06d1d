// Slash commands and "Share in channel", end to end against the app as npm start runs it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { exampleQuestions } from "../../src/slack/examples.ts";
import { APOLOGY, CHANNEL_NOT_FOUND, fill, NOT_IN_CHANNEL, RATE_LIMITED } from "../../src/slack/messages.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import { renderHelp } from "../../src/slack/render/help.ts";
import { type RunningHttpApp, SHIPPED_KNOWLEDGE, startHttpApp } from "../support/app-process.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { blockActionBody, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "commands-test-signing-secret";
const BOT_TOKEN = "xoxb-1111-2222-commands-test";

let api: SlackApiStandIn;
let app: RunningHttpApp;
let rolecall: Rolecall;

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE));
  api = await startSlackApiStandIn();
  app = await startHttpApp({ signingSecret: SECRET, apiUrl: api.apiUrl, botToken: BOT_TOKEN });
});

afterAll(async () => {
  await app?.process.stop();
  await api?.close();
});

async function runCommand(command: string, text: string, id: string, channel = "C0GENERAL") {
  const response = await postSigned(
    app.eventsUrl,
    SECRET,
    slashCommand({ command, text, responseUrl: api.responseUrl(id), channel }),
  );
  return { status: response.status, ackBody: await response.text() };
}

function ephemeralAnswer(question: string) {
  const rendered = renderAnswer(rolecall.ask(question), { question, surface: "ephemeral" });
  return {
    response_type: "ephemeral",
    replace_original: false,
    text: rendered.text,
    blocks: rendered.blocks,
  };
}

async function share(id: string, question: string, channel = "C0GENERAL") {
  const response = await postSigned(
    app.eventsUrl,
    SECRET,
    blockActionBody({
      actionId: "rolecall_share",
      value: JSON.stringify({ q: question }),
      responseUrl: api.responseUrl(id),
      message: { channel, ephemeral: true },
    }),
  );
  expect(response.status).toBe(200);
}

describe("/role", () => {
  it("acks at once with an empty body, then answers ephemerally through response_url", async () => {
    expect(await runCommand("/role", "ITMG 5", "role-itmg")).toEqual({ status: 200, ackBody: "" });
    const [reply] = await api.waitForResponses("role-itmg");
    expect(reply?.body).toEqual(ephemeralAnswer("ITMG 5"));
  });

  it("answers with a Share in channel button carrying the question", async () => {
    await runCommand("/role", "who is accountable for change management", "role-share-button");
    const [reply] = await api.waitForResponses("role-share-button");
    const blocks = reply?.body.blocks as Array<{
      type: string;
      elements?: Array<{ action_id: string; value: string }>;
    }>;
    expect(blocks.at(-1)?.elements?.at(-1)).toMatchObject({
      action_id: "rolecall_share",
      value: '{"q":"who is accountable for change management"}',
    });
  });

  it.each([["help"], [""], ["HELP"]])("shows help for %j", async (text) => {
    await runCommand("/role", text, `role-help-${text}`);
    const [reply] = await api.waitForResponses(`role-help-${text}`);
    const help = renderHelp(exampleQuestions(rolecall));
    expect(reply?.body).toEqual({ response_type: "ephemeral", replace_original: false, ...help });
  });

  it("reads Slack's escaped text as the person typed it", async () => {
    await runCommand("/role", "R&amp;D &lt;ITMG 5&gt;", "role-escaped");
    const [reply] = await api.waitForResponses("role-escaped");
    expect(reply?.body).toEqual(ephemeralAnswer("R&D <ITMG 5>"));
  });

  it("gives an over-long question a clear answer, not an error", async () => {
    const question = "what does an IT service manager do ".repeat(40).trim();
    await runCommand("/role", question, "role-too-long");
    const [reply] = await api.waitForResponses("role-too-long");
    expect(reply?.body).toEqual(ephemeralAnswer(question));
    expect(rolecall.ask(question).title).toBe("That question is too long");
  });
});

describe("/level and /raci", () => {
  it("/level SFIA 5 asks about SFIA level 5", async () => {
    await runCommand("/level", "SFIA 5", "level-sfia-5");
    const [reply] = await api.waitForResponses("level-sfia-5");
    expect(reply?.body).toEqual(ephemeralAnswer("SFIA level 5"));
    expect(rolecall.ask("SFIA level 5").intent).toBe("level");
  });

  it("/level Working asks about the level named Working", async () => {
    await runCommand("/level", "Working", "level-working");
    const [reply] = await api.waitForResponses("level-working");
    expect(reply?.body).toEqual(ephemeralAnswer("level Working"));
  });

  it("/raci change management asks for the RACI of change management", async () => {
    await runCommand("/raci", "change management", "raci-change");
    const [reply] = await api.waitForResponses("raci-change");
    expect(reply?.body).toEqual(ephemeralAnswer("RACI for change management"));
    expect(rolecall.ask("RACI for change management").intent).toBe("raci");
  });
});

describe("Share in channel", () => {
  it("posts the same answer visibly, says who shared it, and removes the ephemeral copy", async () => {
    await share("share-ok", "ITMG 5", "C0SHARE");
    const posted = await api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0SHARE");
    const rendered = renderAnswer(rolecall.ask("ITMG 5"), {
      question: "ITMG 5",
      surface: "message",
      sharedBy: "U0ALICE",
    });
    expect(posted.body).toEqual({
      channel: "C0SHARE",
      team_id: "T0TEST",
      text: rendered.text,
      blocks: rendered.blocks,
      unfurl_links: "false",
      unfurl_media: "false",
    });
    expect(posted.tokenType).toBe("xoxb");
    const [deleted] = await api.waitForResponses("share-ok");
    expect(deleted?.body).toEqual({ delete_original: true });
  });

  it.each([
    ["not_in_channel", NOT_IN_CHANNEL],
    ["channel_not_found", CHANNEL_NOT_FOUND],
  ])("tells the person what to do when Slack says %s", async (error, message) => {
    api.failNext("chat.postMessage", { error });
    await share(`share-${error}`, "ITMG 5", `C0${error.toUpperCase().replace(/_/g, "")}`);
    const [reply] = await api.waitForResponses(`share-${error}`);
    expect(reply?.body).toEqual({ response_type: "ephemeral", replace_original: false, text: message });
  });

  it("tells the person when to try again when Slack rate-limits the post", async () => {
    api.failNext("chat.postMessage", { status: 429, retryAfter: 30 });
    await share("share-ratelimited", "ITMG 5", "C0RATELIMITED");
    const [reply] = await api.waitForResponses("share-ratelimited");
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: fill(RATE_LIMITED, { seconds: 30 }),
    });
  });
});

describe("a listener that fails", () => {
  it("apologises with a reference that the log also has, without the token, and keeps serving", async () => {
    api.failNext("chat.postMessage", { error: "fatal_error" });
    await share("share-fails", "ITMG 5", "C0FAILS");
    const [reply] = await api.waitForResponses("share-fails");
    const text = String(reply?.body.text);
    const ref = /\(ref ([0-9A-F]{8})\)/.exec(text)?.[1] ?? "no ref";
    expect(text).toBe(fill(APOLOGY, { ref }));
    const logged = await app.process.waitForLog(new RegExp(`Listener failed .*ref=${ref}`));
    expect(logged.input).toContain("slack_error=fatal_error");
    expect(app.process.logLines.join("\n")).not.toContain(BOT_TOKEN);

    await runCommand("/role", "ITMG 6", "after-failure");
    await api.waitForResponses("after-failure");
  });

  it("apologises through response_url when posting the answer there fails once", async () => {
    api.failNext("response_url", { status: 500 });
    await runCommand("/role", "ITMG 5", "respond-fails");
    const replies = await api.waitForResponses("respond-fails", 2);
    const text = String(replies[1]?.body.text);
    expect(text).toBe(fill(APOLOGY, { ref: /\(ref ([0-9A-F]{8})\)/.exec(text)?.[1] ?? "no ref" }));
  });
});
