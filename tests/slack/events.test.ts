// Direct messages, @mentions and App Home, end to end against the app as npm start runs it.
import { beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { fill } from "../../src/core/text/template.ts";
import { exampleQuestions } from "../../src/slack/examples.ts";
import { APOLOGY } from "../../src/slack/messages.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import { renderHelp } from "../../src/slack/render/help.ts";
import { renderHome } from "../../src/slack/render/home.ts";
import { SHIPPED_KNOWLEDGE } from "../support/app-process.ts";
import { feedbackIn } from "../support/feedback.ts";
import { useSlackApp } from "../support/slack-app.ts";
import {
  appHomeOpenedEvent,
  appMentionEvent,
  BOT,
  eventBody,
  messageEvent,
  nextTs,
  TEAM,
} from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "events-test-signing-secret";

let rolecall: Rolecall;

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE), { freshness: running.history.freshness });
});

const running = useSlackApp({ signingSecret: SECRET });

async function send(event: Record<string, unknown>): Promise<void> {
  const response = await postSigned(running.app.eventsUrl, SECRET, eventBody(event));
  expect(response.status).toBe(200);
}

/** The answer as posted, with the feedback buttons of the answer recorded for `actual`. */
function postedAnswer(question: string, where: { channel: string; thread_ts?: string }, actual: unknown) {
  const rendered = renderAnswer(rolecall.ask(question), {
    question,
    surface: "message",
    feedback: feedbackIn(actual),
  });
  return {
    channel: where.channel,
    ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}),
    team_id: TEAM.id,
    text: rendered.text,
    blocks: rendered.blocks,
    unfurl_links: "false",
    unfurl_media: "false",
  };
}

describe("direct messages", () => {
  it("answers a question in the DM, not in a thread", async () => {
    await send(messageEvent({ text: "ITMG 5", channel: "D0TOPLEVEL" }));
    const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0TOPLEVEL");
    expect(posted.body).toEqual(postedAnswer("ITMG 5", { channel: "D0TOPLEVEL" }, posted.body));
  });

  it("answers a reply in a thread in that thread", async () => {
    const parent = nextTs();
    await send(
      messageEvent({
        text: "who is accountable for change management",
        channel: "D0THREAD",
        threadTs: parent,
      }),
    );
    const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0THREAD");
    expect(posted.body).toEqual(
      postedAnswer(
        "who is accountable for change management",
        { channel: "D0THREAD", thread_ts: parent },
        posted.body,
      ),
    );
  });

  it("shows help for a message with no words", async () => {
    await send(messageEvent({ text: "", channel: "D0EMPTY" }));
    const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0EMPTY");
    const help = renderHelp(exampleQuestions(rolecall));
    expect(posted.body).toMatchObject({ channel: "D0EMPTY", text: help.text, blocks: help.blocks });
  });

  it("ignores its own messages, other bots, edits, deletions and channel joins", async () => {
    await send(messageEvent({ text: "ITMG 5", channel: "D0IGNORE1", user: BOT.userId }));
    await send(
      messageEvent({ text: "ITMG 5", channel: "D0IGNORE2", botId: "B0OTHER", subtype: "bot_message" }),
    );
    await send(messageEvent({ text: "ITMG 5", channel: "D0IGNORE3", botId: BOT.botId, user: BOT.userId }));
    await send(messageEvent({ text: "ITMG 5", channel: "D0IGNORE4", subtype: "message_changed" }));
    await send(messageEvent({ text: "ITMG 5", channel: "D0IGNORE5", subtype: "message_deleted" }));
    await send(
      messageEvent({
        text: "<@U0ALICE> has joined the channel",
        channel: "C0IGNORE6",
        subtype: "channel_join",
        channelType: "channel",
      }),
    );
    await send(messageEvent({ text: "ITMG 5", channel: "C0IGNORE7", channelType: "channel" }));
    await send(messageEvent({ text: "ITMG 6", channel: "D0CHECKPOINT" }));
    await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0CHECKPOINT");
    expect(running.api.callsOf("chat.postMessage", (c) => /IGNORE/.test(String(c.body.channel)))).toEqual([]);
  });

  it("apologises in the DM when posting the answer fails, with the reference the log has", async () => {
    running.api.failNext("chat.postMessage", { error: "internal_error" });
    await send(messageEvent({ text: "ITMG 5", channel: "D0FAILS" }));
    const [, apology] = await waitForCalls("chat.postMessage", "D0FAILS", 2);
    const text = String(apology?.body.text);
    const ref = /\(ref ([0-9A-F]{8})\)/.exec(text)?.[1] ?? "no ref";
    expect(apology?.body).toEqual({ channel: "D0FAILS", team_id: TEAM.id, text: fill(APOLOGY, { ref }) });
    const logged = await running.app.process.waitForLog(
      new RegExp(`Listener failed surface="direct message" ref=${ref}`),
    );
    expect(logged.input).toContain("slack_error=internal_error");
  });
});

describe("@mentions in channels", () => {
  it("answers in a thread under the mention, without the mention in the question", async () => {
    const ts = nextTs();
    await send(appMentionEvent({ text: `<@${BOT.userId}> ITMG 5`, channel: "C0MENTION", ts }));
    const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0MENTION");
    expect(posted.body).toEqual(postedAnswer("ITMG 5", { channel: "C0MENTION", thread_ts: ts }, posted.body));
  });

  it("answers a mention inside a thread in that thread", async () => {
    const parent = nextTs();
    await send(
      appMentionEvent({ text: `<@${BOT.userId}> SLA`, channel: "C0MENTIONTHREAD", threadTs: parent }),
    );
    const posted = await running.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.channel === "C0MENTIONTHREAD",
    );
    expect(posted.body).toEqual(
      postedAnswer("SLA", { channel: "C0MENTIONTHREAD", thread_ts: parent }, posted.body),
    );
  });

  it("tells only the asker, ephemerally, when answering fails", async () => {
    running.api.failNext("chat.postMessage", { error: "internal_error" });
    const ts = nextTs();
    await send(
      appMentionEvent({ text: `<@${BOT.userId}> ITMG 5`, channel: "C0MENTIONFAILS", ts, user: "U0BOB" }),
    );
    const apology = await running.api.waitForCall(
      "chat.postEphemeral",
      (c) => c.body.channel === "C0MENTIONFAILS",
    );
    expect(apology.body).toMatchObject({ channel: "C0MENTIONFAILS", user: "U0BOB", thread_ts: ts });
    expect(String(apology.body.text)).toMatch(/^Sorry, something went wrong \(ref [0-9A-F]{8}\)/);
  });
});

describe("App Home", () => {
  it("publishes what Rolecall can do, examples and the frameworks it knows when the Home tab opens", async () => {
    await send(appHomeOpenedEvent("U0HOME"));
    const published = await running.api.waitForCall("views.publish", (c) => c.body.user_id === "U0HOME");
    const frameworks = [...rolecall.knowledge.frameworks.values()].map((f) => ({
      name: f.name,
      version: f.version,
      ...(f.fullName ? { fullName: f.fullName } : {}),
    }));
    expect(published.body).toEqual({
      user_id: "U0HOME",
      team_id: TEAM.id,
      // Notifications and profiles always run in Slack mode: a person with no subscriptions is told so,
      // and a person with no profile is told how to set one.
      view: renderHome({
        frameworks,
        examples: exampleQuestions(rolecall),
        subscriptionChannels: [],
        profile: {},
      }),
    });
    expect(JSON.stringify(published.body.view)).toContain("SFIA 7");
  });

  it("does nothing when the Messages tab opens", async () => {
    await send(appHomeOpenedEvent("U0MESSAGESTAB", "messages"));
    await send(appHomeOpenedEvent("U0AFTERTAB"));
    await running.api.waitForCall("views.publish", (c) => c.body.user_id === "U0AFTERTAB");
    expect(running.api.callsOf("views.publish", (c) => c.body.user_id === "U0MESSAGESTAB")).toEqual([]);
  });
});

async function waitForCalls(method: string, channel: string, count: number) {
  await running.api.waitForCall(
    method,
    (c) =>
      c.body.channel === channel &&
      running.api.callsOf(method, (d) => d.body.channel === channel && d.index <= c.index).length >= count,
  );
  return running.api.callsOf(method, (c) => c.body.channel === channel);
}
