// The people behind the roles in Slack, end to end: a role's user group is looked up through the Web API
// stand-in, an ephemeral answer mentions the holders, "Share" names them without a mention, "Share and
// notify" mentions them, and a subteam_members_changed event makes the next answer look the group up again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/ids.ts";
import { SHARE_AND_NOTIFY_BUTTON, SHARE_QUIETLY_BUTTON } from "../../src/slack/messages.ts";
import type { TempKnowledge } from "../support/knowledge.ts";
import { ALICE, BOB, CAROL, CHANGE_MANAGERS, copyKnowledgeWithPeople, DAN } from "../support/people.ts";
import { useSlackApp } from "../support/slack-app.ts";
import { blockActionBody, eventBody, slashCommand, TEAM } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "people-test-signing-secret";
const GROUP_ID = "S0CHANGE01";
/** in the user group only: the roster does not name her */
const ERIN = { user: "U0ERIN001", name: "Erin Example" };
const FRANK = { user: "U0FRANK01", name: "Frank Hale" };
const QUESTION = "raci change management";

let knowledge: TempKnowledge;
beforeAll(async () => {
  knowledge = await copyKnowledgeWithPeople();
});
afterAll(() => knowledge.destroy());

const running = useSlackApp({
  signingSecret: SECRET,
  env: () => ({ KNOWLEDGE_DIR: knowledge.dir }),
  beforeStart: (api) => {
    api.setUserGroup({ id: GROUP_ID, handle: CHANGE_MANAGERS, users: [ALICE.user, ERIN.user] });
    api.setUser(ALICE.user, { real_name: ALICE.name });
    // Slack's display name wins over the real name where the person set one.
    api.setUser(BOB.user, { real_name: "Robert Jones", displayName: BOB.name });
    api.setUser(CAROL.user, { real_name: CAROL.name });
    api.setUser(ERIN.user, { real_name: ERIN.name });
    api.setUser(FRANK.user, { real_name: FRANK.name });
  },
});

async function command(
  text: string,
  id: string,
  name = "/raci",
): Promise<{ status: number; ackBody: string }> {
  const response = await postSigned(
    running.app.eventsUrl,
    SECRET,
    slashCommand({ command: name, text, responseUrl: running.api.responseUrl(id) }),
  );
  return { status: response.status, ackBody: await response.text() };
}

/** Every mrkdwn text in some blocks, in order. */
function texts(blocks: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === "object") {
      const o = value as Record<string, unknown>;
      if (o.type === "mrkdwn" && typeof o.text === "string") out.push(o.text);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(blocks);
  return out;
}

function raciFields(blocks: unknown): string[] {
  return texts(blocks).filter((t) => /^\*(Responsible|Accountable|Consulted|Informed)\*\n/.test(t));
}

function buttons(blocks: unknown): Array<{ text: string; action_id: string; value: string }> {
  return (blocks as Array<{ type: string; elements?: unknown[] }>)
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ text: { text: string }; action_id: string; value: string }>)
    .map((e) => ({ text: e.text.text, action_id: e.action_id, value: e.value }));
}

async function press(actionId: string, id: string, channel: string): Promise<void> {
  const response = await postSigned(
    running.app.eventsUrl,
    SECRET,
    blockActionBody({
      actionId,
      value: JSON.stringify({ q: QUESTION }),
      responseUrl: running.api.responseUrl(id),
      message: { channel, ephemeral: true },
    }),
  );
  expect(response.status).toBe(200);
}

const MENTIONS = [
  `*Responsible*\nChange manager — <@${ALICE.user}>, <@${BOB.user}>, <@${ERIN.user}>`,
  `*Accountable*\nIT service manager — <@${CAROL.user}>`,
  `*Consulted*\nService desk manager — ${DAN.name}`,
  `*Informed*\nService desk manager — ${DAN.name}`,
];

describe("an ephemeral RACI answer", () => {
  it("looks the user group up once and mentions every holder, the roster's people first", async () => {
    // The group was never looked up, so the command acks at once and answers through response_url.
    const { status, ackBody } = await command(QUESTION, "first-ask");
    expect(status).toBe(200);
    expect(ackBody).toBe("");
    const [reply] = await running.api.waitForResponses("first-ask");
    expect(reply?.body.response_type).toBe("ephemeral");
    expect(raciFields(reply?.body.blocks)).toEqual(MENTIONS);
    expect(running.api.callsOf("usergroups.list").map((c) => c.tokenType)).toEqual(["xoxb"]);
    expect(running.api.callsOf("usergroups.users.list").map((c) => c.body.usergroup)).toEqual([GROUP_ID]);
  });

  it("answers from the cache in the ack itself the next time, asking Slack nothing", async () => {
    const before = running.api.calls.length;
    const { ackBody } = await command(QUESTION, "second-ask");
    const acked = JSON.parse(ackBody) as { blocks: unknown };
    expect(raciFields(acked.blocks)).toEqual(MENTIONS);
    expect(running.api.calls.slice(before).filter((c) => c.method.startsWith("usergroups"))).toEqual([]);
  });

  it("offers Share, which pings nobody, and Share and notify", async () => {
    const { ackBody } = await command(QUESTION, "buttons");
    const shares = buttons((JSON.parse(ackBody) as { blocks: unknown }).blocks).filter((b) =>
      b.action_id.startsWith(ACTIONS.share),
    );
    expect(shares).toEqual([
      { text: SHARE_QUIETLY_BUTTON, action_id: "rolecall_share", value: JSON.stringify({ q: QUESTION }) },
      {
        text: SHARE_AND_NOTIFY_BUTTON,
        action_id: "rolecall_share:notify",
        value: JSON.stringify({ q: QUESTION }),
      },
    ]);
  });
});

describe("sharing the answer in the channel", () => {
  it("Share names the holders as Slack shows them, as plain text that mentions nobody", async () => {
    await press("rolecall_share", "share-quiet", "C0QUIET");
    const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0QUIET");
    expect(raciFields(posted.body.blocks)).toEqual([
      `*Responsible*\nChange manager — ${ALICE.name}, ${BOB.name}, ${ERIN.name}`,
      `*Accountable*\nIT service manager — ${CAROL.name}`,
      `*Consulted*\nService desk manager — ${DAN.name}`,
      `*Informed*\nService desk manager — ${DAN.name}`,
    ]);
    // The only mention left is the sharer's own "Shared by" line.
    const everything = JSON.stringify(posted.body);
    expect(everything.match(/<[@!][^>]*>/g)).toEqual(["<@U0ALICE>"]);
    expect(posted.body).not.toHaveProperty("link_names");
    const looked = running.api.callsOf("users.info").map((c) => c.body.user);
    expect(looked).toEqual(expect.arrayContaining([ALICE.user, BOB.user, CAROL.user, ERIN.user]));
  });

  it("Share and notify mentions the holders", async () => {
    await press("rolecall_share:notify", "share-notify", "C0NOTIFY");
    const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0NOTIFY");
    expect(raciFields(posted.body.blocks)).toEqual(MENTIONS);
    const [deleted] = await running.api.waitForResponses("share-notify");
    expect(deleted?.body).toEqual({ delete_original: true });
  });
});

describe("a user group whose members change", () => {
  it("is looked up again after subteam_members_changed, and the next answer names the new member", async () => {
    running.api.setUserGroup({ id: GROUP_ID, handle: CHANGE_MANAGERS, users: [ALICE.user, FRANK.user] });
    const from = running.app.process.logLines.length;
    const event = {
      type: "subteam_members_changed",
      subteam_id: GROUP_ID,
      team_id: TEAM.id,
      date_previous_update: 1700000000,
      date_update: 1700000100,
      added_users: [FRANK.user],
      added_users_count: "1",
      removed_users: [ERIN.user],
      removed_users_count: "1",
      event_ts: "1700000100.000100",
    };
    const response = await postSigned(running.app.eventsUrl, SECRET, eventBody(event));
    expect(response.status).toBe(200);
    await running.app.process.waitForLog(/user group's members changed.*subteam=S0CHANGE01/, from);

    const { ackBody } = await command(QUESTION, "after-change");
    expect(ackBody).toBe("");
    const [reply] = await running.api.waitForResponses("after-change");
    expect(raciFields(reply?.body.blocks)[0]).toBe(
      `*Responsible*\nChange manager — <@${ALICE.user}>, <@${BOB.user}>, <@${FRANK.user}>`,
    );
    expect(running.api.callsOf("usergroups.users.list")).toHaveLength(2);
  });
});

describe("a role answer", () => {
  it("says who holds the role, from the cache, in the ack", async () => {
    const { ackBody } = await command("change manager", "role-answer", "/role");
    const { blocks } = JSON.parse(ackBody) as { blocks: unknown };
    expect(texts(blocks)).toContain(`*Held by*\n<@${ALICE.user}>, <@${BOB.user}>, <@${FRANK.user}>`);
  });
});
