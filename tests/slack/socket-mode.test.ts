// Socket Mode end to end: npm start with a bot token and an app token connects to the WebSocket URL
// that apps.connections.open returns, acks each envelope, and answers through the Web API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import {
  launchRolecall,
  READY_SOCKET,
  type RolecallProcess,
  SHIPPED_KNOWLEDGE,
} from "../support/app-process.ts";
import { createAppHistory } from "../support/dated-answers.ts";
import { feedbackIn } from "../support/feedback.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import {
  appHomeOpenedEvent,
  appMentionEvent,
  BOT,
  blockActionPayload,
  eventEnvelope,
  messageEvent,
  messageShortcutPayload,
  slashCommandFields,
} from "../support/slack-payloads.ts";
import { SocketModeStandIn } from "../support/socket-mode-stand-in.ts";

const APP_TOKEN = "xapp-1-A0ROLECALL-1234-socketmodetest";
const BOT_TOKEN = "xoxb-3333-4444-socketmodetest";

let api: SlackApiStandIn;
let socket: SocketModeStandIn;
let app: RolecallProcess;
let rolecall: Rolecall;

const history = createAppHistory();

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE), { freshness: history.freshness });
  api = await startSlackApiStandIn();
  socket = await SocketModeStandIn.start(api);
  app = launchRolecall({
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: api.apiUrl,
      KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
      // The most talkative level, so the log checks below cover everything Bolt and the clients write.
      LOG_LEVEL: "debug",
    },
  });
  await app.waitForLog(READY_SOCKET);
  await history.load({ cwd: app.cwd });
});

afterAll(async () => {
  await app?.stop();
  await socket?.close();
  await api?.close();
});

/** The rendered answer, with the feedback buttons of the answer the app recorded for `actual`. */
function answer(question: string, surface: "ephemeral" | "message", actual: unknown) {
  return renderAnswer(rolecall.ask(question), { question, surface, feedback: feedbackIn(actual) });
}

describe("Socket Mode", () => {
  it("opens the connection with the app-level token and checks the bot token", () => {
    expect(api.callsOf("apps.connections.open").map((c) => c.tokenType)).toEqual(["xapp"]);
    expect(api.callsOf("auth.test").map((c) => c.tokenType)).toEqual(["xoxb"]);
  });

  it("answers a slash command in the envelope's ack, posting nothing to response_url", async () => {
    const ack = await socket.send({
      type: "slash_commands",
      payload: slashCommandFields({
        command: "/role",
        text: "ITMG 5",
        responseUrl: api.responseUrl("socket-command"),
      }),
    });
    expect(ack.envelope_id).toMatch(/^envelope-/);
    const rendered = answer("ITMG 5", "ephemeral", ack.payload);
    expect(ack.payload).toEqual({
      response_type: "ephemeral",
      text: rendered.text,
      blocks: rendered.blocks,
    });
    // A later envelope that does reach the Web API has been handled, so a post would have arrived first.
    await socket.send({
      type: "events_api",
      payload: eventEnvelope(messageEvent({ text: "ITMG 5", channel: "D0SOCKETAFTERCOMMAND" })),
    });
    await api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0SOCKETAFTERCOMMAND");
    expect(api.responsesTo("socket-command")).toEqual([]);
  });

  it("answers a direct message in the DM", async () => {
    await socket.send({
      type: "events_api",
      payload: eventEnvelope(messageEvent({ text: "ITMG 5", channel: "D0SOCKET" })),
    });
    const posted = await api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0SOCKET");
    const rendered = answer("ITMG 5", "message", posted.body);
    expect(posted.body).toMatchObject({ channel: "D0SOCKET", text: rendered.text, blocks: rendered.blocks });
    expect(posted.tokenType).toBe("xoxb");
  });

  it("answers a mention in a thread", async () => {
    const event = appMentionEvent({ text: `<@${BOT.userId}> SLA`, channel: "C0SOCKETMENTION" });
    await socket.send({ type: "events_api", payload: eventEnvelope(event) });
    const posted = await api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0SOCKETMENTION");
    expect(posted.body).toMatchObject({
      thread_ts: event.ts,
      blocks: answer("SLA", "message", posted.body).blocks,
    });
  });

  it("answers a redelivered event (retry_attempt, same event_id) once", async () => {
    const envelope = eventEnvelope(messageEvent({ text: "ITMG 5", channel: "D0SOCKETRETRY" }));
    await socket.send({ type: "events_api", payload: envelope });
    await socket.send({ type: "events_api", payload: envelope, retry_attempt: 1, retry_reason: "timeout" });
    await socket.send({
      type: "events_api",
      payload: eventEnvelope(messageEvent({ text: "SLA", channel: "D0SOCKETAFTER" })),
    });
    await api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0SOCKETAFTER");
    expect(api.callsOf("chat.postMessage", (c) => c.body.channel === "D0SOCKETRETRY")).toHaveLength(1);
  });

  it("replaces an ephemeral answer in place when a follow-up button is pressed", async () => {
    await socket.send({
      type: "interactive",
      payload: blockActionPayload({
        actionId: "rolecall_ask:0",
        value: JSON.stringify({ q: "ITMG level 6" }),
        responseUrl: api.responseUrl("socket-button"),
        message: { channel: "C0GENERAL", ephemeral: true },
      }),
    });
    const [reply] = await api.waitForResponses("socket-button");
    expect(reply?.body).toMatchObject({
      replace_original: true,
      blocks: answer("ITMG level 6", "ephemeral", reply?.body).blocks,
    });
  });

  it("answers the message shortcut ephemerally", async () => {
    await socket.send({
      type: "interactive",
      payload: messageShortcutPayload({
        callbackId: "ask_rolecall_about_message",
        text: "who is accountable for change management",
        responseUrl: api.responseUrl("socket-shortcut"),
      }),
    });
    const [reply] = await api.waitForResponses("socket-shortcut");
    expect(reply?.body).toMatchObject({
      response_type: "ephemeral",
      blocks: answer("who is accountable for change management", "ephemeral", reply?.body).blocks,
    });
  });

  it("publishes App Home", async () => {
    await socket.send({ type: "events_api", payload: eventEnvelope(appHomeOpenedEvent("U0SOCKETHOME")) });
    const published = await api.waitForCall("views.publish", (c) => c.body.user_id === "U0SOCKETHOME");
    expect((published.body.view as { type: string }).type).toBe("home");
  });

  it("never logs the tokens or payloads, even at debug level", () => {
    const log = app.logLines.join("\n");
    expect(log).toContain("DEBUG");
    expect(log).not.toContain(APP_TOKEN);
    expect(log).not.toContain(BOT_TOKEN);
    expect(log).not.toContain("verification-token-unused");
    expect(log).not.toContain("who is accountable for change management");
    expect(log).not.toContain(rolecall.ask("ITMG 5").summary ?? "no summary");
  });

  it("disconnects and exits cleanly on SIGTERM", async () => {
    const closed = socket.waitForClose();
    const exit = await app.stop("SIGTERM");
    await closed;
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
