// Slack's assistant panel end to end: a thread opens with suggested prompts from the loaded knowledge,
// a message there is titled, given a status and answered as a DM is, a redelivered event is answered
// once, and a failure apologises with a reference the log has; on both stores, since a person's profile
// (/role me) puts their next level first among the prompts.
import { beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { fill } from "../../src/core/text/template.ts";
import { NEXT_LEVEL_PROMPT, suggestedPrompts } from "../../src/slack/listeners/assistant/prompts.ts";
import { APOLOGY, ASSISTANT_PROMPTS_TITLE, ASSISTANT_STATUS } from "../../src/slack/messages.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import { SHIPPED_KNOWLEDGE } from "../support/app-process.ts";
import { feedbackIn } from "../support/feedback.ts";
import { type SlackTestApp, useSlackApp } from "../support/slack-app.ts";
import { eventBody, messageEvent, nextTs, slashCommand, TEAM } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";
import { postgresUnavailable, useTempSchema } from "../support/stores.ts";

const SECRET = "assistant-test-signing-secret";

function threadStarted(channel: string, threadTs: string, user = "U0ALICE"): Record<string, unknown> {
  return {
    type: "assistant_thread_started",
    assistant_thread: {
      user_id: user,
      channel_id: channel,
      thread_ts: threadTs,
      context: { channel_id: "C0OPS", team_id: TEAM.id, enterprise_id: null },
    },
    event_ts: nextTs(),
  };
}

function assistantPanel(running: SlackTestApp) {
  let rolecall: Rolecall;

  beforeAll(async () => {
    rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE), {
      freshness: running.history.freshness,
    });
  });

  async function send(event: Record<string, unknown>, eventId?: string): Promise<void> {
    const body = eventBody(event, eventId ? { eventId } : {});
    expect((await postSigned(running.app.eventsUrl, SECRET, body)).status).toBe(200);
  }

  describe("when an assistant thread starts", () => {
    it("suggests prompts that name a real skill at a real level, a real RACI process and a real role", async () => {
      const thread = nextTs();
      await send(threadStarted("D0PANEL", thread));
      const call = await running.api.waitForCall(
        "assistant.threads.setSuggestedPrompts",
        (c) => c.body.channel_id === "D0PANEL",
      );
      expect(call.body).toMatchObject({
        channel_id: "D0PANEL",
        thread_ts: thread,
        title: ASSISTANT_PROMPTS_TITLE,
      });
      const prompts = JSON.parse(String(call.body.prompts)) as Array<{ title: string; message: string }>;
      expect(prompts).toEqual(suggestedPrompts(rolecall.knowledge));
      const messages = prompts.map((p) => p.message);
      expect(messages).toEqual(
        expect.arrayContaining(["ITMG 7", "who is accountable for change management", "IT manager"]),
      );
      // Each prompt is answered from the knowledge, not with "not found".
      for (const message of messages) expect(rolecall.ask(message).intent).not.toBe("not_found");
    });

    it("puts the next level first for someone who has set their profile", async () => {
      const ack = await postSigned(
        running.app.eventsUrl,
        SECRET,
        slashCommand({
          command: "/role",
          text: "me ITMG 5",
          user: "U0CAROL",
          responseUrl: running.api.responseUrl("carol-me"),
        }),
      );
      expect(ack.status).toBe(200);
      const [saved] = await running.api.waitForResponses("carol-me");
      expect(String(saved?.body.text)).toContain("IT management (ITMG) 5");
      await send(threadStarted("D0CAROL", nextTs(), "U0CAROL"));
      const call = await running.api.waitForCall(
        "assistant.threads.setSuggestedPrompts",
        (c) => c.body.channel_id === "D0CAROL",
      );
      const prompts = JSON.parse(String(call.body.prompts)) as Array<{ title: string; message: string }>;
      expect(prompts[0]).toEqual(NEXT_LEVEL_PROMPT);
      expect(prompts).toEqual(suggestedPrompts(rolecall.knowledge, { hasProfile: true }));
    });
  });

  describe("a message in an assistant thread", () => {
    it("gets a title and a status, then the answer a DM gets", async () => {
      const thread = nextTs();
      const question = "who is accountable for change management";
      await send(messageEvent({ text: question, channel: "D0PANELASK", threadTs: thread }));
      const posted = await running.api.waitForCall(
        "chat.postMessage",
        (c) => c.body.channel === "D0PANELASK",
      );
      // The same answer, buttons and feedback buttons as in a DM.
      const rendered = renderAnswer(rolecall.ask(question), {
        question,
        surface: "message",
        feedback: feedbackIn(posted.body),
      });
      expect(feedbackIn(posted.body)).toBeDefined();
      expect(posted.body).toEqual({
        channel: "D0PANELASK",
        thread_ts: thread,
        team_id: TEAM.id,
        text: rendered.text,
        blocks: rendered.blocks,
        unfurl_links: "false",
        unfurl_media: "false",
      });
      const [title] = running.api.callsOf(
        "assistant.threads.setTitle",
        (c) => c.body.channel_id === "D0PANELASK",
      );
      const [status] = running.api.callsOf(
        "assistant.threads.setStatus",
        (c) => c.body.channel_id === "D0PANELASK",
      );
      expect(title?.body).toMatchObject({ thread_ts: thread, title: question });
      expect(status?.body).toMatchObject({ thread_ts: thread, status: ASSISTANT_STATUS });
      // Set while the question was answered: before the answer was posted.
      expect(status?.index).toBeLessThan(posted.index);
    });

    it("is still answered when Slack refuses the title (no assistant:write scope)", async () => {
      running.api.failNext("assistant.threads.setTitle", { error: "missing_scope" });
      const thread = nextTs();
      await send(messageEvent({ text: "ITMG 5", channel: "D0NOSCOPE", threadTs: thread }));
      const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0NOSCOPE");
      expect(posted.body.text).toBe(
        renderAnswer(rolecall.ask("ITMG 5"), { question: "ITMG 5", surface: "message" }).text,
      );
    });
  });

  describe("redelivered assistant events", () => {
    it("are answered once", async () => {
      const thread = nextTs();
      await send(threadStarted("D0PANELRETRY", thread), "Ev0PANELRETRY1");
      await running.api.waitForCall(
        "assistant.threads.setSuggestedPrompts",
        (c) => c.body.channel_id === "D0PANELRETRY",
      );
      const retried = eventBody(threadStarted("D0PANELRETRY", thread), { eventId: "Ev0PANELRETRY1" });
      const retry = await postSigned(running.app.eventsUrl, SECRET, retried, {
        headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
      });
      expect(retry.status).toBe(200);
      await running.app.process.waitForLog(
        /Skipped an event already handled event_id=Ev0PANELRETRY1 retry_num=1/,
      );
      // A later thread start is handled, and the retried one was not handled again before it.
      await send(threadStarted("D0PANELSENTINEL", nextTs()));
      await running.api.waitForCall(
        "assistant.threads.setSuggestedPrompts",
        (c) => c.body.channel_id === "D0PANELSENTINEL",
      );
      expect(
        running.api.callsOf(
          "assistant.threads.setSuggestedPrompts",
          (c) => c.body.channel_id === "D0PANELRETRY",
        ),
      ).toHaveLength(1);
    });
  });

  describe("a failure in the assistant panel", () => {
    it("apologises in the thread with the reference the log has", async () => {
      running.api.failNext("assistant.threads.setSuggestedPrompts", { error: "internal_error" });
      const thread = nextTs();
      await send(threadStarted("D0PANELFAILS", thread));
      const apology = await running.api.waitForCall(
        "chat.postMessage",
        (c) => c.body.channel === "D0PANELFAILS",
      );
      const ref = /\(ref ([0-9A-F]{8})\)/.exec(String(apology.body.text))?.[1] ?? "no ref";
      expect(apology.body).toEqual({
        channel: "D0PANELFAILS",
        thread_ts: thread,
        team_id: TEAM.id,
        text: fill(APOLOGY, { ref }),
      });
      await running.app.process.waitForLog(
        new RegExp(`Listener failed surface="assistant thread started" ref=${ref}`),
      );
    });
  });
}

describe("the assistant panel with the embedded SQLite store", () => {
  assistantPanel(useSlackApp({ signingSecret: SECRET }));
});

const postgresSkip = await postgresUnavailable();

describe.skipIf(postgresSkip !== undefined)("the assistant panel with PostgreSQL", () => {
  const schemaUrl = useTempSchema();
  assistantPanel(useSlackApp({ signingSecret: SECRET, env: () => ({ DATABASE_URL: schemaUrl() }) }));
});
