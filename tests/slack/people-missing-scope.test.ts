// A Rolecall installed before usergroups:read was added: usergroups.list answers missing_scope. That is one
// line in the log, however many answers follow, and a note in App Home for admins only; the answers still
// name the people the roster knows, and the group by its handle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fill } from "../../src/core/text/template.ts";
import { PEOPLE_MISSING_SCOPE, PEOPLE_NOTES_TITLE } from "../../src/slack/messages.ts";
import type { TempKnowledge } from "../support/knowledge.ts";
import { ALICE, BOB, CHANGE_MANAGERS, copyKnowledgeWithPeople } from "../support/people.ts";
import { useSlackApp } from "../support/slack-app.ts";
import { appHomeOpenedEvent, eventBody, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "people-missing-scope-signing-secret";
const ADMIN = "U0ADMIN01";
const MISSING_SCOPE_LOG = /lacks the usergroups:read scope/;

let knowledge: TempKnowledge;
beforeAll(async () => {
  knowledge = await copyKnowledgeWithPeople();
});
afterAll(() => knowledge.destroy());

const running = useSlackApp({
  signingSecret: SECRET,
  env: () => ({ KNOWLEDGE_DIR: knowledge.dir, ROLECALL_ADMINS: ADMIN }),
  beforeStart: (api) => api.failNext("usergroups.list", { error: "missing_scope" }),
});

async function raci(id: string): Promise<{ ackBody: string }> {
  const response = await postSigned(
    running.app.eventsUrl,
    SECRET,
    slashCommand({ command: "/raci", text: "change management", responseUrl: running.api.responseUrl(id) }),
  );
  expect(response.status).toBe(200);
  return { ackBody: await response.text() };
}

function responsibleField(blocks: unknown): string | undefined {
  return JSON.stringify(blocks)
    .match(/"\*Responsible\*\\n([^"]*)"/)?.[1]
    ?.replace(/\\u003c/g, "<");
}

async function homeFor(user: string): Promise<string> {
  const response = await postSigned(running.app.eventsUrl, SECRET, eventBody(appHomeOpenedEvent(user)));
  expect(response.status).toBe(200);
  const published = await running.api.waitForCall("views.publish", (c) => c.body.user_id === user);
  return JSON.stringify(published.body.view);
}

describe("a missing usergroups:read scope", () => {
  it("still answers, naming the roster's people and the group by its handle", async () => {
    await raci("first");
    const [reply] = await running.api.waitForResponses("first");
    expect(responsibleField(reply?.body.blocks)).toBe(
      `Change manager — <@${ALICE.user}>, <@${BOB.user}>, @${CHANGE_MANAGERS}`,
    );
  });

  it("is one line in the log, and Slack is not asked again on every answer", async () => {
    const { ackBody } = await raci("second");
    expect(responsibleField((JSON.parse(ackBody) as { blocks: unknown }).blocks)).toBe(
      `Change manager — <@${ALICE.user}>, <@${BOB.user}>, @${CHANGE_MANAGERS}`,
    );
    await raci("third");
    expect(running.app.process.logLines.filter((l) => MISSING_SCOPE_LOG.test(l))).toHaveLength(1);
    expect(running.api.callsOf("usergroups.list")).toHaveLength(1);
  });

  it("is a note in App Home for an admin", async () => {
    const view = await homeFor(ADMIN);
    expect(view).toContain(PEOPLE_NOTES_TITLE);
    expect(view).toContain(
      JSON.stringify(fill(PEOPLE_MISSING_SCOPE, { scope: "usergroups:read" })).slice(1, -1),
    );
  });

  it("is not shown to anyone else", async () => {
    const view = await homeFor("U0MEMBER1");
    expect(view).not.toContain(PEOPLE_NOTES_TITLE);
  });
});
