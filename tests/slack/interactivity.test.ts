// Buttons (follow-ups, parts of long answers, examples) and the message shortcut, end to end.
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { exampleQuestions } from "../../src/slack/examples.ts";
import { BUTTON_EXPIRED, SHORTCUT_NO_TEXT } from "../../src/slack/messages.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import { renderHome } from "../../src/slack/render/home.ts";
import { SHIPPED_KNOWLEDGE } from "../support/app-process.ts";
import { feedbackIn } from "../support/feedback.ts";
import { useSlackApp } from "../support/slack-app.ts";
import {
  type BlockActionOptions,
  blockActionBody,
  messageShortcutBody,
  nextTs,
  TEAM,
} from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "interactivity-test-signing-secret";

let rolecall: Rolecall;

let knowledgeDir: string;

/** The shipped knowledge plus one role whose duties run to several parts, so answers can be paged. */
async function knowledgeWithLongRole(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "rolecall-interactivity-"));
  await cp(SHIPPED_KNOWLEDGE, dir, { recursive: true });
  const duty = (i: number) =>
    `      - Duty ${i} is to plan, run and review the long-role work stream number ${i}, agreeing its scope, its risks and its reporting with every stakeholder concerned, and keep its records complete and current for audit.`;
  await writeFile(
    path.join(dir, "long-role.yaml"),
    [
      "roles:",
      "  - id: long-profile-role",
      "    name: Long profile role",
      "    summary: A role whose duties fill more than one part of an answer.",
      "    responsibilities:",
      ...Array.from({ length: 80 }, (_, i) => duty(i + 1)),
      "",
    ].join("\n"),
  );
  return dir;
}

beforeAll(async () => {
  knowledgeDir = await knowledgeWithLongRole();
  rolecall = createRolecall(await loadKnowledge(knowledgeDir), { freshness: running.history.freshness });
});

afterAll(async () => {
  await rm(knowledgeDir, { recursive: true, force: true });
});

const running = useSlackApp({ signingSecret: SECRET, env: () => ({ KNOWLEDGE_DIR: knowledgeDir }) });

async function press(options: BlockActionOptions): Promise<void> {
  const response = await postSigned(running.app.eventsUrl, SECRET, blockActionBody(options));
  expect(response.status).toBe(200);
  expect(await response.text()).toBe("");
}

/** The button a real answer offers for a follow-up kind. */
function followUpButton(question: string, kind: string) {
  const answer = rolecall.ask(question);
  const index = answer.followUps.findIndex((f) => f.kind === kind);
  const followUp = answer.followUps[index];
  if (!followUp) throw new Error(`"${question}" has no ${kind} follow-up`);
  const rendered = renderAnswer(answer, { question, surface: "ephemeral" });
  const button = rendered.blocks
    .flatMap((b) => ("elements" in b ? (b.elements as Array<{ action_id?: string; value?: string }>) : []))
    .find((e) => e.value === JSON.stringify({ q: followUp.question }));
  if (!button?.action_id || !button.value) throw new Error("button not rendered");
  return { actionId: button.action_id, value: button.value, question: followUp.question };
}

describe("follow-up buttons on an ephemeral answer", () => {
  it.each([
    ["next_level", "ITMG 5"],
    ["previous_level", "SFIA level 5"],
    ["compare_next", "ITMG 5"],
    ["role_raci", "IT service manager"],
    ["role_skills", "IT service manager"],
    ["did_you_mean", "SLA"],
  ])("%s on %j replaces the answer in place through response_url", async (kind, question) => {
    const button = followUpButton(question, kind);
    const id = `follow-up-${kind}-${question}`;
    await press({
      ...button,
      responseUrl: running.api.responseUrl(id),
      message: { channel: "C0GENERAL", ephemeral: true },
    });
    const [reply] = await running.api.waitForResponses(id);
    const rendered = renderAnswer(rolecall.ask(button.question), {
      question: button.question,
      surface: "ephemeral",
      feedback: feedbackIn(reply?.body),
    });
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: true,
      text: rendered.text,
      blocks: rendered.blocks,
    });
  });
});

describe("follow-up buttons on a message the bot posted", () => {
  it("update that message with chat.update", async () => {
    const button = followUpButton("ITMG 5", "next_level");
    const ts = nextTs();
    await press({
      ...button,
      responseUrl: running.api.responseUrl("unused-update"),
      message: { channel: "D0UPDATE", ts },
    });
    const updated = await running.api.waitForCall("chat.update", (c) => c.body.channel === "D0UPDATE");
    const rendered = renderAnswer(rolecall.ask(button.question), {
      question: button.question,
      surface: "message",
      feedback: feedbackIn(updated.body),
    });
    expect(updated.body).toEqual({
      channel: "D0UPDATE",
      ts,
      team_id: TEAM.id,
      text: rendered.text,
      blocks: rendered.blocks,
    });
    expect(running.api.responsesTo("unused-update")).toEqual([]);
    expect(running.api.callsOf("chat.postMessage", (c) => c.body.channel === "D0UPDATE")).toEqual([]);
  });

  it("keep the Shared by line of a shared answer", async () => {
    const shared = renderAnswer(rolecall.ask("ITMG 5"), {
      question: "ITMG 5",
      surface: "message",
      sharedBy: "U0CAROL",
    });
    const button = followUpButton("ITMG 5", "next_level");
    await press({ ...button, user: "U0DAVE", message: { channel: "C0SHARED", blocks: shared.blocks } });
    const updated = await running.api.waitForCall("chat.update", (c) => c.body.channel === "C0SHARED");
    const rendered = renderAnswer(rolecall.ask(button.question), {
      question: button.question,
      surface: "message",
      sharedBy: "U0CAROL",
      feedback: feedbackIn(updated.body),
    });
    expect(updated.body.blocks).toEqual(rendered.blocks);
  });
});

describe("a long answer", () => {
  const question = "Long profile role responsibilities";

  it("is cut into parts; Show more replaces it in place with the next part", async () => {
    const first = renderAnswer(rolecall.ask(question), { question, surface: "ephemeral" });
    expect(first.pages).toBeGreaterThan(1);
    await press({
      actionId: "rolecall_page:next",
      value: JSON.stringify({ q: question, p: 2 }),
      responseUrl: running.api.responseUrl("show-more"),
      message: { channel: "C0GENERAL", ephemeral: true },
    });
    const [reply] = await running.api.waitForResponses("show-more");
    const second = renderAnswer(rolecall.ask(question), {
      question,
      surface: "ephemeral",
      page: 2,
      feedback: feedbackIn(reply?.body),
    });
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: true,
      text: second.text,
      blocks: second.blocks,
    });
  });
});

describe("App Home buttons", () => {
  it("an example question shows its answer in the Home tab", async () => {
    const [example] = exampleQuestions(rolecall);
    if (!example) throw new Error("no examples");
    await press({
      actionId: "rolecall_ask:0",
      value: JSON.stringify({ q: example }),
      user: "U0HOMEBUTTON",
      homeViewId: "V0HOME",
    });
    const published = await running.api.waitForCall(
      "views.publish",
      (c) => c.body.user_id === "U0HOMEBUTTON",
    );
    const frameworks = [...rolecall.knowledge.frameworks.values()].map((f) => ({
      name: f.name,
      version: f.version,
      ...(f.fullName ? { fullName: f.fullName } : {}),
    }));
    expect(published.body.view).toEqual(
      renderHome({
        frameworks,
        examples: exampleQuestions(rolecall),
        subscriptionChannels: [],
        profile: {},
        answer: { answer: rolecall.ask(example), question: example, feedback: feedbackIn(published.body) },
      }),
    );
  });
});

describe("a button whose value is not a Rolecall question", () => {
  it("tells the person to ask again", async () => {
    await press({
      actionId: "rolecall_ask:0",
      value: "{not json",
      responseUrl: running.api.responseUrl("bad-value"),
      message: { channel: "C0GENERAL", ephemeral: true },
    });
    const [reply] = await running.api.waitForResponses("bad-value");
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: BUTTON_EXPIRED,
    });
  });
});

describe('the message shortcut "Ask Rolecall about this"', () => {
  async function shortcut(id: string, text: string | undefined) {
    const body = messageShortcutBody({
      callbackId: "ask_rolecall_about_message",
      text,
      responseUrl: running.api.responseUrl(id),
    });
    const response = await postSigned(running.app.eventsUrl, SECRET, body);
    expect(response.status).toBe(200);
    return running.api.waitForResponses(id);
  }

  it("answers the message's text as a question, ephemerally, with a Share button", async () => {
    const [reply] = await shortcut(
      "shortcut",
      "Hey team, &lt;who&gt; is accountable for change management? <@U0BOB>",
    );
    const asked = "Hey team, <who> is accountable for change management?";
    const rendered = renderAnswer(rolecall.ask(asked), {
      question: asked,
      surface: "ephemeral",
      feedback: feedbackIn(reply?.body),
    });
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: rendered.text,
      blocks: rendered.blocks,
    });
  });

  it("says so when the message has no text", async () => {
    const [reply] = await shortcut("shortcut-empty", undefined);
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: SHORTCUT_NO_TEXT,
    });
  });
});
