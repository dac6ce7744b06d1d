// Slash commands and "Share in channel", end to end against the app as npm start runs it: a question is
// answered in the ack's own HTTP response; subcommands ack at once and reply through response_url.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { fill } from "../../src/core/text/template.ts";
import { createLogger } from "../../src/log.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { exampleQuestions } from "../../src/slack/examples.ts";
import type { AnswerSource } from "../../src/slack/listeners/deps.ts";
import { APOLOGY, CHANNEL_NOT_FOUND, NOT_IN_CHANNEL, RATE_LIMITED } from "../../src/slack/messages.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import { renderHelp } from "../../src/slack/render/help.ts";
import { SHIPPED_KNOWLEDGE } from "../support/app-process.ts";
import { feedbackIn } from "../support/feedback.ts";
import { useSlackApp } from "../support/slack-app.ts";
import { blockActionBody, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "commands-test-signing-secret";
const BOT_TOKEN = "xoxb-1111-2222-commands-test";

let rolecall: Rolecall;

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE), { freshness: running.history.freshness });
});

const running = useSlackApp({ signingSecret: SECRET, botToken: BOT_TOKEN });

async function runCommand(command: string, text: string, id: string, channel = "C0GENERAL") {
  const response = await postSigned(
    running.app.eventsUrl,
    SECRET,
    slashCommand({ command, text, responseUrl: running.api.responseUrl(id), channel }),
  );
  return { status: response.status, ackBody: await response.text() };
}

/** Runs a command whose answer Slack shows from the ack, and resolves with the ack's JSON body. */
async function ackedAnswer(command: string, text: string, id: string): Promise<unknown> {
  const { status, ackBody } = await runCommand(command, text, id);
  expect(status).toBe(200);
  return JSON.parse(ackBody);
}

/**
 * Nothing was posted to response_url for id: a later command that does reply there has been answered,
 * so anything the earlier one would have posted after its ack would have arrived first.
 */
async function expectNoResponseUrlPost(id: string): Promise<void> {
  const sentinel = `${id}-sentinel`;
  await runCommand("/role", "subscriptions", sentinel);
  await running.api.waitForResponses(sentinel);
  expect(running.api.responsesTo(id)).toEqual([]);
}

/** The answer as the ack carries it, with the feedback buttons of the answer recorded for `actual`. */
function ephemeralAnswer(question: string, actual: unknown) {
  const rendered = renderAnswer(rolecall.ask(question), {
    question,
    surface: "ephemeral",
    feedback: feedbackIn(actual),
  });
  return { response_type: "ephemeral", text: rendered.text, blocks: rendered.blocks };
}

async function share(id: string, question: string, channel = "C0GENERAL") {
  const response = await postSigned(
    running.app.eventsUrl,
    SECRET,
    blockActionBody({
      actionId: "rolecall_share",
      value: JSON.stringify({ q: question }),
      responseUrl: running.api.responseUrl(id),
      message: { channel, ephemeral: true },
    }),
  );
  expect(response.status).toBe(200);
}

describe("/role", () => {
  it("answers in the ack itself, as JSON Block Kit only the person sees", async () => {
    const { status, ackBody } = await runCommand("/role", "ITMG 5", "role-itmg");
    expect(status).toBe(200);
    const acked = JSON.parse(ackBody);
    expect(acked).toEqual(ephemeralAnswer("ITMG 5", acked));
  });

  it("posts nothing to response_url for a question", async () => {
    await runCommand("/role", "ITMG 5", "role-itmg-once");
    await expectNoResponseUrlPost("role-itmg-once");
  });

  it("answers with a Share in channel button carrying the question", async () => {
    const ack = (await ackedAnswer("/role", "who is accountable for change management", "role-share")) as {
      blocks: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
    };
    const controls = ack.blocks.filter((b) => b.type === "actions").at(-1);
    expect(controls?.elements?.at(-1)).toMatchObject({
      action_id: "rolecall_share",
      value: '{"q":"who is accountable for change management"}',
    });
  });

  it.each([["help"], [""], ["HELP"]])("shows help for %j in the ack", async (text) => {
    const help = renderHelp(exampleQuestions(rolecall));
    expect(await ackedAnswer("/role", text, `role-help-${text}`)).toEqual({
      response_type: "ephemeral",
      ...help,
    });
    await expectNoResponseUrlPost(`role-help-${text}`);
  });

  it("reads Slack's escaped text as the person typed it", async () => {
    const acked = await ackedAnswer("/role", "R&amp;D &lt;ITMG 5&gt;", "role-escaped");
    expect(acked).toEqual(ephemeralAnswer("R&D <ITMG 5>", acked));
  });

  it("gives an over-long question a clear answer, not an error", async () => {
    const question = "what does an IT service manager do ".repeat(40).trim();
    const acked = await ackedAnswer("/role", question, "role-too-long");
    expect(acked).toEqual(ephemeralAnswer(question, acked));
    expect(rolecall.ask(question).title).toBe("That question is too long");
  });

  it("reads a name every object has (__proto__) as a question, not a subcommand", async () => {
    const acked = await ackedAnswer("/role", "__proto__", "role-proto");
    expect(acked).toEqual(ephemeralAnswer("__proto__", acked));
  });

  it("acks a subcommand with an empty body and replies through response_url", async () => {
    expect(await runCommand("/role", "subscriptions", "role-subcommand")).toEqual({
      status: 200,
      ackBody: "",
    });
    const [reply] = await running.api.waitForResponses("role-subcommand");
    expect(reply?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
  });
});

describe("/level and /raci", () => {
  it("/level SFIA 5 asks about SFIA level 5", async () => {
    const acked = await ackedAnswer("/level", "SFIA 5", "level-sfia-5");
    expect(acked).toEqual(ephemeralAnswer("SFIA level 5", acked));
    expect(rolecall.ask("SFIA level 5").intent).toBe("level");
  });

  it("/level Working asks about the level named Working", async () => {
    const acked = await ackedAnswer("/level", "Working", "level-working");
    expect(acked).toEqual(ephemeralAnswer("level Working", acked));
  });

  it("/raci change management asks for the RACI of change management", async () => {
    const acked = await ackedAnswer("/raci", "change management", "raci-change");
    expect(acked).toEqual(ephemeralAnswer("RACI for change management", acked));
    expect(rolecall.ask("RACI for change management").intent).toBe("raci");
  });

  it.each([["/level"], ["/raci"]])("%s help shows help in the ack", async (command) => {
    expect(await ackedAnswer(command, "help", `${command}-help`)).toEqual({
      response_type: "ephemeral",
      ...renderHelp(exampleQuestions(rolecall)),
    });
  });
});

describe("Share in channel", () => {
  it("posts the same answer visibly, says who shared it, and removes the ephemeral copy", async () => {
    await share("share-ok", "ITMG 5", "C0SHARE");
    const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0SHARE");
    const rendered = renderAnswer(rolecall.ask("ITMG 5"), {
      question: "ITMG 5",
      surface: "message",
      sharedBy: "U0ALICE",
      feedback: feedbackIn(posted.body),
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
    const [deleted] = await running.api.waitForResponses("share-ok");
    expect(deleted?.body).toEqual({ delete_original: true });
  });

  it.each([
    ["not_in_channel", NOT_IN_CHANNEL],
    ["channel_not_found", CHANNEL_NOT_FOUND],
  ])("tells the person what to do when Slack says %s", async (error, message) => {
    running.api.failNext("chat.postMessage", { error });
    await share(`share-${error}`, "ITMG 5", `C0${error.toUpperCase().replace(/_/g, "")}`);
    const [reply] = await running.api.waitForResponses(`share-${error}`);
    expect(reply?.body).toEqual({ response_type: "ephemeral", replace_original: false, text: message });
  });

  it("tells the person when to try again when Slack rate-limits the post", async () => {
    running.api.failNext("chat.postMessage", { status: 429, retryAfter: 30 });
    await share("share-ratelimited", "ITMG 5", "C0RATELIMITED");
    const [reply] = await running.api.waitForResponses("share-ratelimited");
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: fill(RATE_LIMITED, { seconds: 30 }),
    });
  });
});

describe("a listener that fails", () => {
  it("apologises with a reference that the log also has, without the token, and keeps serving", async () => {
    running.api.failNext("chat.postMessage", { error: "fatal_error" });
    await share("share-fails", "ITMG 5", "C0FAILS");
    const [reply] = await running.api.waitForResponses("share-fails");
    const text = String(reply?.body.text);
    const ref = /\(ref ([0-9A-F]{8})\)/.exec(text)?.[1] ?? "no ref";
    expect(text).toBe(fill(APOLOGY, { ref }));
    const logged = await running.app.process.waitForLog(new RegExp(`Listener failed .*ref=${ref}`));
    expect(logged.input).toContain("slack_error=fatal_error");
    expect(running.app.process.logLines.join("\n")).not.toContain(BOT_TOKEN);

    const acked = await ackedAnswer("/role", "ITMG 6", "after-failure");
    expect(acked).toEqual(ephemeralAnswer("ITMG 6", acked));
  });

  it("apologises through response_url when a subcommand's reply there fails once", async () => {
    running.api.failNext("response_url", { status: 500 });
    await runCommand("/role", "subscriptions", "respond-fails");
    const replies = await running.api.waitForResponses("respond-fails", 2);
    const text = String(replies[1]?.body.text);
    expect(text).toBe(fill(APOLOGY, { ref: /\(ref ([0-9A-F]{8})\)/.exec(text)?.[1] ?? "no ref" }));
  });
});

describe("a question whose answer throws", () => {
  // The app in this process, over real HTTP with real signatures, answering from a core that fails on
  // one question: the shipped engine never throws on purpose, so the failure is injected here.
  const FAILING = "make the core fail";
  let failingApp: SlackApp;
  let url: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const source: AnswerSource = {
      ask(question) {
        if (question === FAILING) throw new Error("the core failed on purpose");
        return rolecall.ask(question);
      },
      get knowledge() {
        return rolecall.knowledge;
      },
      get index() {
        return rolecall.index;
      },
      needsProfile: (question) => rolecall.needsProfile(question),
      readStanding: (text) => rolecall.readStanding(text),
      describeProfile: (standing) => rolecall.describeProfile(standing),
    };
    failingApp = createSlackApp({
      connection: { mode: "http", botToken: BOT_TOKEN, signingSecret: SECRET, port: 0 },
      apiUrl: running.api.apiUrl,
      rolecall: source,
      logger: createLogger({ level: "info", write: (line) => logLines.push(line), secrets: [BOT_TOKEN] }),
      logLevel: "info",
    });
    const { port } = await failingApp.start();
    url = `http://127.0.0.1:${port}/slack/events`;
  });

  afterAll(async () => {
    await failingApp?.stop();
  });

  it("acks once with the apology and a reference that the log also has", async () => {
    const response = await postSigned(
      url,
      SECRET,
      slashCommand({
        command: "/role",
        text: FAILING,
        responseUrl: running.api.responseUrl("answer-throws"),
      }),
    );
    expect(response.status).toBe(200);
    const ack = (await response.json()) as { text: string };
    const ref = /\(ref ([0-9A-F]{8})\)/.exec(ack.text)?.[1] ?? "no ref";
    expect(ack).toEqual({ response_type: "ephemeral", text: fill(APOLOGY, { ref }) });
    expect(logLines.find((l) => l.includes(`ref=${ref}`))).toMatch(
      /ERROR Listener failed surface=\/role .*error="the core failed on purpose"/,
    );
  });

  it("keeps answering other questions in the ack", async () => {
    const response = await postSigned(
      url,
      SECRET,
      slashCommand({ command: "/role", text: "ITMG 5", responseUrl: running.api.responseUrl("after-throw") }),
    );
    const acked = await response.json();
    expect(acked).toEqual(ephemeralAnswer("ITMG 5", acked));
  });
});
