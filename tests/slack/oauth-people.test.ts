// The people behind the roles when Rolecall serves many workspaces (OAuth): the app's own client has no
// token, so each workspace's user groups are looked up with that workspace's installed token, and cached
// apart, since a group handle means a different group in another workspace.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningHttpApp, startHttpApp } from "../support/app-process.ts";
import type { TempKnowledge } from "../support/knowledge.ts";
import { installThrough, OAUTH_CLIENT, oauthEnv } from "../support/oauth-install.ts";
import { ALICE, CHANGE_MANAGERS, copyKnowledgeWithPeople } from "../support/people.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "oauth-people-signing-secret";
const ALPHA = { teamId: "T0ALPHA", botToken: "xoxb-alpha-token" };
const BETA = { teamId: "T0BETA", botToken: "xoxb-beta-token" };
const GROUP_ID = "S0CHANGE01";

let api: SlackApiStandIn;
let knowledge: TempKnowledge;
let dataDir: string;
let app: RunningHttpApp;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  api.oauthClient = OAUTH_CLIENT;
  api.setUserGroup({ id: GROUP_ID, handle: CHANGE_MANAGERS, users: [ALICE.user] });
  knowledge = await copyKnowledgeWithPeople();
  dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-oauth-people-"));
  app = await startHttpApp({
    signingSecret: SECRET,
    apiUrl: api.apiUrl,
    env: { ...oauthEnv(), DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledge.dir },
  });
  const origin = `http://127.0.0.1:${app.port}`;
  await installThrough(origin, api, ALPHA);
  await installThrough(origin, api, BETA);
});

afterAll(async () => {
  await app?.process.stop();
  await api?.close();
  await knowledge?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function askRaci(team: string, id: string): Promise<unknown> {
  const response = await postSigned(
    app.eventsUrl,
    SECRET,
    slashCommand({ command: "/raci", text: "change management", team, responseUrl: api.responseUrl(id) }),
  );
  expect(response.status).toBe(200);
  const [reply] = await api.waitForResponses(id);
  return reply?.body;
}

describe("user groups with OAuth", () => {
  it("are looked up with the asking workspace's own token, and name the group's members", async () => {
    const reply = JSON.stringify(await askRaci(ALPHA.teamId, "alpha-ask"));
    expect(reply).toContain(`<@${ALICE.user}>`);
    expect(api.callsOf("usergroups.list").map((c) => c.token)).toEqual([ALPHA.botToken]);
    expect(api.callsOf("usergroups.users.list").map((c) => c.token)).toEqual([ALPHA.botToken]);
  });

  it("are cached per workspace: another workspace looks its own groups up with its own token", async () => {
    const reply = JSON.stringify(await askRaci(BETA.teamId, "beta-ask"));
    expect(reply).toContain(`<@${ALICE.user}>`);
    expect(api.callsOf("usergroups.list").map((c) => c.token)).toEqual([ALPHA.botToken, BETA.botToken]);
  });
});
