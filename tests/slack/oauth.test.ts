// Rolecall as a distributable app (OAuth), end to end over HTTP and on both stores: installed from its own
// /slack/install link into several workspaces (one of them org-wide on Enterprise Grid, one with token
// rotation), each workspace answered and sent its updates with its own token, and a workspace that
// uninstalls (app_uninstalled and tokens_revoked, in either order) forgotten, so a reinstall starts clean.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEPARTURE_REASONS } from "../../src/slack/departures.ts";
import { BOT_SCOPES } from "../../src/slack/ids.ts";
import { createStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";
import { type RunningHttpApp, startHttpApp } from "../support/app-process.ts";
import { copyFixtureKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import {
  installThrough,
  OAUTH_CLIENT,
  oauthEnv,
  openInstallPage,
  STATE_SECRET,
} from "../support/oauth-install.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { appMentionEvent, eventBody, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";
import { createTempSchema, postgresUnavailable, type TempSchema } from "../support/stores.ts";

const SECRET = "oauth-e2e-signing-secret";
/** in ROLECALL_ADMINS, a member of ALPHA (ROLECALL_ADMIN_TEAM) */
const ADMIN = "U0OPS";
const ALPHA = { teamId: "T0ALPHA", botToken: "xoxb-alpha-token", channel: "C0ALPHA" };
const BETA = { teamId: "T0BETA", botToken: "xoxb-beta-token", channel: "C0BETA" };
const ORG = {
  enterpriseId: "E0ORG",
  workspace: "T0ORGWORKSPACE",
  botToken: "xoxb-org-wide-token",
  channel: "C0ORG",
};
const ROTATING = {
  teamId: "T0ROTATE",
  botToken: "xoxe.xoxb-1-rotate-first",
  refreshToken: "xoxe-1-refresh-first",
  next: { botToken: "xoxe.xoxb-1-rotate-second", refreshToken: "xoxe-1-refresh-second", expiresIn: 43_200 },
};

const postgresSkip = await postgresUnavailable();

interface StoreSetup {
  env: Record<string, string>;
  /** the test's own connection to the app's store */
  store: Store;
  destroy(): Promise<void>;
}

const STORES: Array<{ name: string; skip: boolean; open(): Promise<StoreSetup> }> = [
  {
    name: "SQLite",
    skip: false,
    async open() {
      const dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-oauth-"));
      // The app creates the schema; this connection only reads what it wrote.
      const store = await createStore({ dataDir });
      await store.migrate();
      return {
        env: { DATA_DIR: dataDir },
        store,
        destroy: async () => {
          await store.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "PostgreSQL",
    skip: postgresSkip !== undefined,
    async open() {
      const schema: TempSchema = await createTempSchema();
      const dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-oauth-"));
      const store = await createStore({ databaseUrl: schema.url, dataDir });
      await store.migrate();
      return {
        env: { DATABASE_URL: schema.url, DATA_DIR: dataDir },
        store,
        destroy: async () => {
          await store.close();
          await schema.destroy();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.each(STORES)("OAuth over HTTP with $name", ({ skip, open }) => {
  let api: SlackApiStandIn;
  let knowledge: TempKnowledge;
  let setup: StoreSetup;
  let app: RunningHttpApp;
  let origin: string;
  let edits = 0;

  beforeAll(async () => {
    if (skip) return;
    api = await startSlackApiStandIn();
    api.oauthClient = OAUTH_CLIENT;
    knowledge = await copyFixtureKnowledge();
    setup = await open();
    app = await startHttpApp({
      signingSecret: SECRET,
      apiUrl: api.apiUrl,
      env: {
        ...oauthEnv(),
        ...setup.env,
        KNOWLEDGE_DIR: knowledge.dir,
        ROLECALL_ADMINS: ADMIN,
        ROLECALL_ADMIN_TEAM: ALPHA.teamId,
        // The most talkative level, so the last test's check covers everything Bolt and @slack/oauth log.
        LOG_LEVEL: "debug",
      },
    });
    origin = `http://127.0.0.1:${app.port}`;
  });

  afterAll(async () => {
    await app?.process.stop();
    await api?.close();
    await setup?.destroy();
    await knowledge?.destroy();
  });

  /** @Rolecall in a channel of this workspace; resolves with the answer's chat.postMessage. */
  async function mention(options: { team: string; enterprise?: string; channel?: string }) {
    const channel = options.channel ?? "C0GENERAL";
    const event = { ...appMentionEvent({ text: "<@U0BOT> ITMG 5", channel }), team: options.team };
    const body = eventBody(event, options);
    const from = api.calls.length;
    const response = await postSigned(app.eventsUrl, SECRET, body);
    expect(response.status).toBe(200);
    return api.waitForCall("chat.postMessage", (c) => c.index >= from && c.body.channel === channel);
  }

  async function subscribe(team: string, channel: string, enterprise?: string): Promise<void> {
    const id = `oauth-subscribe-${team}-${channel}`;
    await postSigned(
      app.eventsUrl,
      SECRET,
      slashCommand({
        ...(enterprise ? { enterprise } : {}),
        command: "/role",
        text: "subscribe",
        user: ADMIN,
        channel,
        team,
        responseUrl: api.responseUrl(id),
      }),
    );
    const [reply] = await api.waitForResponses(id);
    expect(reply?.body.text).toMatch(/^Done: /);
  }

  /** Changes a role's summary on disk and resolves once the publish it caused is logged. */
  async function editKnowledge(): Promise<void> {
    const from = app.process.logLines.length;
    edits += 1;
    const before = edits === 1 ? "Runs the change process." : `Runs the change process (edit ${edits - 1}).`;
    await knowledge.edit("roles.yaml", before, `Runs the change process (edit ${edits}).`);
    await app.process.waitForLog(/knowledge published .*deliveries=\d+/, from);
  }

  it.skipIf(skip)(
    "serves an install page whose link asks Slack for the bot scopes, with a state",
    async () => {
      const { authorizeUrl, cookie } = await openInstallPage(origin);
      expect(authorizeUrl.origin + authorizeUrl.pathname).toBe("https://slack.com/oauth/v2/authorize");
      expect(authorizeUrl.searchParams.get("client_id")).toBe(OAUTH_CLIENT.id);
      expect(authorizeUrl.searchParams.get("scope")?.split(",").sort()).toEqual([...BOT_SCOPES].sort());
      const state = authorizeUrl.searchParams.get("state");
      expect(state).toMatch(/\S{20,}/);
      // The same state rides in an HttpOnly cookie, so a redirect from another browser is refused.
      expect(cookie).toBe(`slack-app-oauth-state=${state}`);
    },
  );

  it.skipIf(skip)("refuses a redirect whose state is not this browser's", async () => {
    api.grantInstall("stolen-code", { teamId: "T0INTRUDER", botToken: "xoxb-intruder" });
    const { authorizeUrl } = await openInstallPage(origin);
    const state = authorizeUrl.searchParams.get("state") ?? "";
    const response = await fetch(`${origin}/slack/oauth_redirect?code=stolen-code&state=${state}`);
    expect(response.status).toBe(400);
    expect(api.callsOf("oauth.v2.access", (c) => c.body.code === "stolen-code")).toEqual([]);
    expect(await setup.store.fetchInstallation("T0INTRUDER")).toBeUndefined();
  });

  it.skipIf(skip)(
    "stores an installation from the redirect and answers that workspace with its token",
    async () => {
      const response = await installThrough(origin, api, { teamId: ALPHA.teamId, botToken: ALPHA.botToken });
      expect(response.status).toBe(200);
      const [exchange] = api.callsOf("oauth.v2.access");
      expect(exchange?.body).toMatchObject({
        client_id: OAUTH_CLIENT.id,
        client_secret: OAUTH_CLIENT.secret,
      });
      expect(await setup.store.fetchInstallation(ALPHA.teamId)).toMatchObject({
        team: { id: ALPHA.teamId },
        bot: { token: ALPHA.botToken, scopes: [...BOT_SCOPES] },
        isEnterpriseInstall: false,
      });
      expect((await mention({ team: ALPHA.teamId })).token).toBe(ALPHA.botToken);
    },
  );

  it.skipIf(skip)("keeps a second workspace apart: each is answered with its own token", async () => {
    await installThrough(origin, api, { teamId: BETA.teamId, botToken: BETA.botToken });
    expect((await mention({ team: BETA.teamId })).token).toBe(BETA.botToken);
    expect((await mention({ team: ALPHA.teamId })).token).toBe(ALPHA.botToken);
  });

  it.skipIf(skip)(
    "keys an org-wide install by its enterprise id and answers every workspace of the org",
    async () => {
      await installThrough(origin, api, {
        enterpriseId: ORG.enterpriseId,
        isEnterpriseInstall: true,
        botToken: ORG.botToken,
      });
      expect(await setup.store.fetchInstallation(ORG.enterpriseId)).toMatchObject({
        enterprise: { id: ORG.enterpriseId },
        isEnterpriseInstall: true,
        bot: { token: ORG.botToken },
      });
      const answer = await mention({ team: ORG.workspace, enterprise: ORG.enterpriseId });
      expect(answer.token).toBe(ORG.botToken);
    },
  );

  it.skipIf(skip)(
    "refreshes an expiring token with its refresh token before using it, and keeps the new one",
    async () => {
      // Slack hands out rotating tokens for 12 hours; one this close to expiry is refreshed before use.
      await installThrough(origin, api, {
        teamId: ROTATING.teamId,
        botToken: ROTATING.botToken,
        refreshToken: ROTATING.refreshToken,
        expiresIn: 60,
      });
      api.grantRefresh(ROTATING.refreshToken, ROTATING.next);
      const answer = await mention({ team: ROTATING.teamId });
      expect(answer.token).toBe(ROTATING.next.botToken);
      expect(
        api.callsOf("oauth.v2.access", (c) => c.body.grant_type === "refresh_token").map((c) => c.body),
      ).toEqual([
        expect.objectContaining({ refresh_token: ROTATING.refreshToken, client_id: OAUTH_CLIENT.id }),
      ]);
      const stored = (await setup.store.fetchInstallation(ROTATING.teamId)) as {
        bot: { token: string; refreshToken: string; expiresAt: number };
      };
      expect(stored.bot).toMatchObject({
        token: ROTATING.next.botToken,
        refreshToken: ROTATING.next.refreshToken,
      });
      expect(stored.bot.expiresAt).toBeGreaterThan(Date.now() / 1000 + 40_000);
    },
  );

  it.skipIf(skip)(
    "posts each workspace's update with that workspace's token, or its organisation's",
    async () => {
      await subscribe(ALPHA.teamId, ALPHA.channel);
      await subscribe(BETA.teamId, BETA.channel);
      await subscribe(ORG.workspace, ORG.channel, ORG.enterpriseId);
      expect(await setup.store.linkedInstallation(ORG.workspace)).toBe(ORG.enterpriseId);
      const from = api.calls.length;
      await editKnowledge();
      const posted = (channel: string) =>
        api.waitForCall("chat.postMessage", (c) => c.index >= from && c.body.channel === channel);
      expect((await posted(ALPHA.channel)).token).toBe(ALPHA.botToken);
      expect((await posted(BETA.channel)).token).toBe(BETA.botToken);
      expect((await posted(ORG.channel)).token).toBe(ORG.botToken);
    },
  );

  it.skipIf(skip)("DMs the admins with the token of their workspace (ROLECALL_ADMIN_TEAM)", async () => {
    const from = api.calls.length;
    const text = await knowledge.read("roles.yaml");
    await knowledge.write("roles.yaml", `${text}\n  - id: [broken\n`);
    const dm = await api.waitForCall("chat.postMessage", (c) => c.index >= from && c.body.channel === ADMIN);
    expect(dm.token).toBe(ALPHA.botToken);
    const restored = app.process.logLines.length;
    await knowledge.write("roles.yaml", text);
    await app.process.waitForLog(/knowledge unchanged since the last publish/, restored);
  });

  describe.each([
    {
      order: "tokens_revoked, then app_uninstalled",
      workspace: ALPHA,
      events: ["tokens_revoked", "app_uninstalled"],
    },
    {
      order: "app_uninstalled, then tokens_revoked",
      workspace: BETA,
      events: ["app_uninstalled", "tokens_revoked"],
    },
  ] as const)("a workspace uninstalling ($order)", ({ workspace, events }) => {
    it.skipIf(skip)(
      "loses its installation, its subscriptions and its pending updates, with the reason",
      async () => {
        // An update still waiting for the workspace: its first post failed and its retry is due later.
        api.failNextPostTo(workspace.channel, { status: 500 });
        const from = app.process.logLines.length;
        await editKnowledge();
        await app.process.waitForLog(new RegExp(`retrying later.*channel=${workspace.channel}`), from);
        expect(await setup.store.listOutbox({ teamId: workspace.teamId, status: "pending" })).toHaveLength(1);

        const [first, second] = events;
        await departure(first, workspace.teamId);
        const reason = DEPARTURE_REASONS[first];
        expect(await setup.store.fetchInstallation(workspace.teamId)).toBeUndefined();
        expect(await setup.store.listSubscriptions({ teamId: workspace.teamId })).toEqual([]);
        const off = await setup.store.listSubscriptions({ teamId: workspace.teamId, includeDisabled: true });
        expect(off.map((s) => [s.channelId, s.disabledReason])).toEqual([[workspace.channel, reason]]);
        expect(await setup.store.listOutbox({ teamId: workspace.teamId, status: "pending" })).toEqual([]);
        const dropped = await setup.store.listOutbox({ teamId: workspace.teamId, status: "failed" });
        expect(dropped.map((row) => row.lastError)).toEqual([reason]);

        // The other event of the pair changes nothing.
        await departure(second, workspace.teamId);
        const still = await setup.store.listSubscriptions({
          teamId: workspace.teamId,
          includeDisabled: true,
        });
        expect(still.map((s) => s.disabledReason)).toEqual([reason]);
        expect((await setup.store.listOutbox({ teamId: workspace.teamId, status: "failed" })).length).toBe(1);
      },
    );

    it.skipIf(skip)(
      "starts clean when installed again: nothing switched back on until it subscribes",
      async () => {
        const token = `${workspace.botToken}-again`;
        expect(
          (await installThrough(origin, api, { teamId: workspace.teamId, botToken: token })).status,
        ).toBe(200);
        expect(await setup.store.listSubscriptions({ teamId: workspace.teamId })).toEqual([]);
        expect(await setup.store.listOutbox({ teamId: workspace.teamId, status: "pending" })).toEqual([]);
        expect((await mention({ team: workspace.teamId })).token).toBe(token);
      },
    );
  });

  it.skipIf(skip)("forgets an org-wide install and switches off every workspace it served", async () => {
    await departure("app_uninstalled", ORG.workspace, ORG.enterpriseId);
    expect(await setup.store.fetchInstallation(ORG.enterpriseId)).toBeUndefined();
    expect(await setup.store.linkedInstallation(ORG.workspace)).toBeUndefined();
    const off = await setup.store.listSubscriptions({ teamId: ORG.workspace, includeDisabled: true });
    expect(off.map((s) => [s.channelId, s.disabledReason])).toEqual([
      [ORG.channel, DEPARTURE_REASONS.app_uninstalled],
    ]);
  });

  it.skipIf(skip)("never logs a token, a refresh token, the client secret or the state secret", () => {
    const log = app.process.logLines.join("\n");
    expect(log).toMatch(/Forgot a workspace/);
    for (const secret of [
      ALPHA.botToken,
      BETA.botToken,
      ORG.botToken,
      ROTATING.botToken,
      ROTATING.refreshToken,
      ROTATING.next.botToken,
      ROTATING.next.refreshToken,
      OAUTH_CLIENT.secret,
      STATE_SECRET,
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  /** Slack's app_uninstalled or tokens_revoked for a workspace; resolves once Rolecall has acted on it. */
  async function departure(
    type: "app_uninstalled" | "tokens_revoked",
    team: string,
    enterprise?: string,
  ): Promise<void> {
    const event =
      type === "app_uninstalled"
        ? { type, event_ts: "1700000000.000100" }
        : { type, tokens: { oauth: [], bot: ["U0BOT"] }, event_ts: "1700000000.000100" };
    const from = app.process.logLines.length;
    const body = eventBody(event, { team, ...(enterprise ? { enterprise } : {}) });
    const response = await postSigned(app.eventsUrl, SECRET, body);
    expect(response.status).toBe(200);
    await app.process.waitForLog(
      new RegExp(`Forgot a workspace: ${DEPARTURE_REASONS[type]}.*team=${team}`),
      from,
    );
  }
});
