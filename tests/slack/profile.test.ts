// /role me end to end, on both stores, over signed HTTP against the app as npm start runs it with SFIA 9
// and DDaT: a profile is set, used in a question, shown on App Home (views.publish at the stand-in), its
// gap buttons open level texts, and it is cleared; one person cannot change another's profile.
import { beforeAll, describe, expect, it } from "vitest";
import { PROFILE_MESSAGES } from "../../src/core/profile/messages.ts";
import { fill } from "../../src/core/text/template.ts";
import {
  HOME_NEXT_LEVEL,
  HOME_NO_PROFILE,
  NO_PROFILE_TO_CLEAR,
  PROFILE_CLEARED,
  PROFILE_COMMAND,
  PROFILE_NOT_SAVED,
  PROFILE_SAVED,
  PROFILE_SUGGESTIONS,
  PROFILE_TITLE,
} from "../../src/slack/messages.ts";
import { escapeMrkdwn } from "../../src/slack/render/escape.ts";
import { csvSkills, expectedChanges } from "../support/career-csv.ts";
import { combinedCorpus } from "../support/combined-corpus.ts";
import { needsRealData } from "../support/real-data.ts";
import { type SlackTestApp, useSlackApp } from "../support/slack-app.ts";
import {
  appHomeOpenedEvent,
  blockActionBody,
  eventBody,
  messageEvent,
  slashCommand,
} from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";
import { postgresUnavailable, useTempSchema } from "../support/stores.ts";

const SECRET = "profile-test-signing-secret";
const ALICE = "U0ALICE";
const BOB = "U0BOB";

interface Block {
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id: string; value: string; text: { text: string } }>;
}

/** What the person sees: the fallback text and the blocks. */
const shown = (reply: Record<string, unknown>) =>
  `${String(reply.text)}\n${JSON.stringify(reply.blocks ?? [])}`;

function journey(running: SlackTestApp) {
  let replies = 0;

  /** /role <text> as user: the ack's own reply, or else the first reply to response_url. */
  async function role(text: string, user: string): Promise<Record<string, unknown>> {
    replies += 1;
    const id = `profile-${replies}`;
    const response = await postSigned(
      running.app.eventsUrl,
      SECRET,
      slashCommand({ command: "/role", text, user, responseUrl: running.api.responseUrl(id) }),
    );
    expect(response.status).toBe(200);
    const inAck = await response.text();
    if (inAck) return JSON.parse(inAck) as Record<string, unknown>;
    const [reply] = await running.api.waitForResponses(id);
    return reply?.body ?? {};
  }

  async function home(user: string, send: () => Promise<Response>): Promise<Block[]> {
    const mine = (c: { body: Record<string, unknown> }) => c.body.user_id === user;
    const before = running.api.callsOf("views.publish", mine).length;
    expect((await send()).status).toBe(200);
    const published = await running.api.waitForCall(
      "views.publish",
      (c) =>
        mine(c) && running.api.callsOf("views.publish", (d) => mine(d) && d.index <= c.index).length > before,
    );
    return (published.body.view as { blocks: Block[] }).blocks;
  }

  const openHome = (user: string) =>
    home(user, () => postSigned(running.app.eventsUrl, SECRET, eventBody(appHomeOpenedEvent(user))));

  const profileSection = (blocks: Block[]) =>
    blocks.find((b) => b.type === "section" && b.text?.text.startsWith(`*${PROFILE_TITLE}*`))?.text?.text;

  it("records Alice's role level and says so", async () => {
    const reply = await role("me senior IT service manager", ALICE);
    expect(shown(reply)).toContain(escapeMrkdwn(fill(PROFILE_SAVED, { label: "Senior IT service manager" })));
  });

  it("answers Alice's next level from her profile, as the CSV rows say", async () => {
    const reply = await role("what do I need for the next level", ALICE);
    const text = shown(reply);
    expect(text).toContain("Your next level: Head of IT service management");
    const expected = expectedChanges(csvSkills("Senior IT service manager"), "Head of IT service management");
    for (const skill of expected.rises) expect(text).toContain(skill);
  });

  it("carries the feedback buttons on a personal answer, as on every answer", async () => {
    const reply = await role("what do I need for the next level", ALICE);
    expect(JSON.stringify(reply.blocks)).toContain('"type":"feedback_buttons"');
  });

  it("answers Alice's next level from her profile in a DM too", async () => {
    const channel = "D0ALICE";
    const from = running.api.calls.length;
    const event = messageEvent({ text: "what do I need for the next level", user: ALICE, channel });
    expect((await postSigned(running.app.eventsUrl, SECRET, eventBody(event))).status).toBe(200);
    const posted = await running.api.waitForCall(
      "chat.postMessage",
      (c) => c.index >= from && c.body.channel === channel,
    );
    expect(`${String(posted.body.text)}\n${JSON.stringify(posted.body.blocks)}`).toContain(
      "Your next level: Head of IT service management",
    );
  });

  it("shows Alice's profile, next level and top gaps on App Home, each gap opening its level text", async () => {
    const blocks = await openHome(ALICE);
    const section = profileSection(blocks);
    expect(section).toContain("Senior IT service manager");
    expect(section).toContain(fill(HOME_NEXT_LEVEL, { name: "Head of IT service management" }));
    const gaps = blocks.find((b) => b.type === "actions" && b.elements?.[0]?.action_id.includes(":gap-"));
    const first = gaps?.elements?.[0];
    expect(first).toBeDefined();
    const skill = first?.text.text.replace(/ \d → \d$| \d$/, "") ?? "";
    const level = Number(first?.text.text.at(-1));
    expect(level).toBe(csvSkills("Head of IT service management").get(skill));
    const answered = await home(ALICE, () =>
      postSigned(
        running.app.eventsUrl,
        SECRET,
        blockActionBody({
          actionId: first?.action_id ?? "",
          value: first?.value ?? "",
          user: ALICE,
          homeViewId: "V0HOME",
        }),
      ),
    );
    expect(JSON.stringify(answered)).toContain(`${skill}`);
    expect(JSON.stringify(answered)).toMatch(new RegExp(`level ${level}|${level} \\(`));
  });

  it("refuses an unknown role level with a suggestion, and keeps the profile as it was", async () => {
    const reply = await role("me senoir IT service manager", ALICE);
    const problem = fill(PROFILE_MESSAGES.fuzzy, { text: "senoir IT service manager" });
    expect(String(reply.text)).toContain(escapeMrkdwn(fill(PROFILE_NOT_SAVED, { problem })));
    expect(String(reply.text)).toContain(
      fill(PROFILE_SUGGESTIONS, { names: "“Senior IT service manager” or “IT service manager”" }).slice(
        0,
        20,
      ),
    );
    expect(shown(await role("me", ALICE))).toContain("Senior IT service manager");
  });

  it("does not let Bob clear or change Alice's profile: his commands touch only his own", async () => {
    expect((await role("me clear", BOB)).text).toBe(NO_PROFILE_TO_CLEAR);
    expect(shown(await role("me ITMG 5, PROG 3", BOB))).toContain("Saved:");
    expect(shown(await role("me", BOB))).toContain("(ITMG) 5");
    // Naming Alice changes nothing: the profile cleared is the one of whoever sent the command.
    expect((await role(`me clear <@${ALICE}>`, BOB)).text).toBe(PROFILE_CLEARED);
    expect(shown(await role("me", ALICE))).toContain("Senior IT service manager");
    expect(shown(await role("me", BOB))).toContain(PROFILE_MESSAGES.noProfileTitle);
    await role("me ITMG 5, PROG 3", BOB);
  });

  it("forgets Alice's profile when she clears it, and then says how to set one", async () => {
    expect((await role("me clear", ALICE)).text).toBe(PROFILE_CLEARED);
    const reply = await role("what do I need for the next level", ALICE);
    expect(String(reply.text)).toContain(PROFILE_MESSAGES.noProfileTitle);
    expect(String(reply.text)).toContain(
      escapeMrkdwn(fill(PROFILE_MESSAGES.howToSet, { command: PROFILE_COMMAND })).slice(0, 30),
    );
    expect(profileSection(await openHome(ALICE))).toBe(`*${PROFILE_TITLE}*\n${HOME_NO_PROFILE}`);
    expect(shown(await role("me", BOB))).toContain("(ITMG) 5");
  });
}

describe.skipIf(needsRealData())("/role me with the embedded SQLite store", () => {
  let knowledgeDir = "";
  beforeAll(async () => {
    knowledgeDir = (await combinedCorpus()).dir;
  });
  const running = useSlackApp({ signingSecret: SECRET, env: () => ({ KNOWLEDGE_DIR: knowledgeDir }) });
  journey(running);
});

const postgresSkip = needsRealData() || (await postgresUnavailable()) !== undefined;

describe.skipIf(postgresSkip)("/role me with PostgreSQL", () => {
  let knowledgeDir = "";
  beforeAll(async () => {
    knowledgeDir = (await combinedCorpus()).dir;
  });
  const schemaUrl = useTempSchema();
  const running = useSlackApp({
    signingSecret: SECRET,
    env: () => ({ KNOWLEDGE_DIR: knowledgeDir, DATABASE_URL: schemaUrl() }),
  });
  journey(running);
});
