// Socket Mode as a distributable app: the WebSocket carries Slack's requests, and the install page and the
// OAuth redirect, which a person's browser opens, are served on SLACK_INSTALL_PORT beside it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_SCOPES } from "../../src/slack/ids.ts";
import { createStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";
import {
  launchRolecall,
  READY_SOCKET,
  type RolecallProcess,
  SHIPPED_KNOWLEDGE,
} from "../support/app-process.ts";
import { installThrough, OAUTH_CLIENT, oauthEnv, openInstallPage } from "../support/oauth-install.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { appMentionEvent, BOT, eventEnvelope } from "../support/slack-payloads.ts";
import { SocketModeStandIn } from "../support/socket-mode-stand-in.ts";

const APP_TOKEN = "xapp-1-A0ROLECALL-1234-socketoauth";
const TEAM = { teamId: "T0SOCKETTEAM", botToken: "xoxb-socket-installed" };
const INSTALL_PORT = /install page is served on port (\d+)/;

let api: SlackApiStandIn;
let socket: SocketModeStandIn;
let app: RolecallProcess;
let dataDir: string;
let store: Store;
let origin: string;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  api.oauthClient = OAUTH_CLIENT;
  socket = await SocketModeStandIn.start(api);
  dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-socket-oauth-"));
  app = launchRolecall({
    env: {
      ...oauthEnv(),
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: api.apiUrl,
      SLACK_INSTALL_PORT: "0",
      KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
      DATA_DIR: dataDir,
    },
  });
  await app.waitForLog(READY_SOCKET);
  origin = `http://127.0.0.1:${(await app.waitForLog(INSTALL_PORT))[1]}`;
  store = await createStore({ dataDir });
  await store.migrate();
});

afterAll(async () => {
  await app?.stop();
  await store?.close();
  await socket?.close();
  await api?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("Socket Mode with OAuth", () => {
  it("connects with the app-level token alone: no bot token is checked until a workspace installs", () => {
    expect(api.callsOf("apps.connections.open").map((c) => c.tokenType)).toEqual(["xapp"]);
    expect(api.callsOf("auth.test")).toEqual([]);
  });

  it("serves the install page on the install port", async () => {
    const { authorizeUrl, cookie } = await openInstallPage(origin);
    expect(authorizeUrl.searchParams.get("client_id")).toBe(OAUTH_CLIENT.id);
    expect(authorizeUrl.searchParams.get("scope")?.split(",").sort()).toEqual([...BOT_SCOPES].sort());
    expect(cookie).toBe(`slack-app-oauth-state=${authorizeUrl.searchParams.get("state")}`);
  });

  it("stores the installation from the redirect there and answers that workspace with its token", async () => {
    expect((await installThrough(origin, api, TEAM)).status).toBe(200);
    expect(await store.fetchInstallation(TEAM.teamId)).toMatchObject({ bot: { token: TEAM.botToken } });
    const event = appMentionEvent({ text: `<@${BOT.userId}> SLA`, channel: "C0SOCKETOAUTH" });
    await socket.send({
      type: "events_api",
      payload: eventEnvelope({ ...event, team: TEAM.teamId }, { team: TEAM.teamId }),
    });
    const posted = await api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0SOCKETOAUTH");
    expect(posted.token).toBe(TEAM.botToken);
  });
});
