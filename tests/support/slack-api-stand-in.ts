// The one local stand-in for Slack's Web API and response_url endpoints, on 127.0.0.1. The app and the
// delivery worker reach it through SLACK_API_URL; tests read back every call and can make the next call of
// a method (or the next post to a channel) fail. It can also hold posts unanswered — as a Slack that
// received a message but whose answer never came back — so a test can kill the poster at an exact point.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { BOT, TEAM } from "./slack-payloads.ts";

export interface RecordedCall {
  /** Web API method such as chat.postMessage, or "response_url" */
  method: string;
  /** form fields (JSON-valued ones such as blocks parsed) or the JSON body */
  body: Record<string, unknown>;
  /** request headers, without Authorization */
  headers: Record<string, string>;
  /** which kind of token authorised the call: xoxb, xapp, or none */
  tokenType: "xoxb" | "xapp" | "other" | "none";
  /** the bearer token itself, to tell one workspace's token from another's */
  token?: string;
  /** for response_url calls, the id in /response/<id> */
  responseId?: string;
  /** position in the overall call log */
  index: number;
  /** for chat.postMessage: what the stand-in answered (ok, an error string, "held"), and the ts it gave */
  outcome?: string;
  ts?: string;
}

/** A chat.postMessage as the delivery tests read it. */
export interface RecordedPost {
  channel: string;
  text: string;
  blocks: unknown;
  body: Record<string, unknown>;
  /** position among all posts, from 0 */
  index: number;
  /** the ts Slack gave it, when it was answered with ok */
  ts?: string;
  /** what the stand-in answered: ok, an error string, "held" */
  outcome: string;
}

/** What users.info says about a person; everyone else is a plain member. */
export interface StandInUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  real_name?: string;
  /** the name Slack shows, when the person set one */
  displayName?: string;
}

/** A user group as usergroups.list and usergroups.users.list describe it. */
export interface StandInUserGroup {
  id: string;
  handle: string;
  name?: string;
  users: string[];
}

export type InjectedFailure =
  | { error: string }
  | { status: 429; retryAfter: number }
  | { status: number; body?: string };

/** What oauth.v2.access hands over for a code: one workspace's install, or an org-wide one. */
export interface StandInInstall {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  botToken: string;
  /** with token rotation: the refresh token and the access token's lifetime in seconds */
  refreshToken?: string;
  expiresIn?: number;
  /** who clicked Add to Slack */
  installer?: string;
  /** the bot scopes granted: those the Add to Slack link asked for */
  scopes?: readonly string[];
}

/** A rotating token's next generation, handed over for its refresh token. */
export interface StandInRefresh {
  botToken: string;
  refreshToken: string;
  expiresIn: number;
}

type Waiter = {
  method: string;
  predicate: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
};

type ConditionWaiter = { test: () => boolean; resolve: () => void };

/** Fields the Web API client sends as JSON strings inside the form. */
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "metadata"]);

export class SlackApiStandIn {
  readonly calls: RecordedCall[] = [];
  private readonly failures = new Map<string, InjectedFailure[]>();
  private readonly users = new Map<string, StandInUser>();
  private readonly userGroups = new Map<string, StandInUserGroup>();
  /** channel id -> the error every chat.postMessage there gets, e.g. not_in_channel */
  private readonly refusedChannels = new Map<string, string>();
  private waiters: Waiter[] = [];
  private conditions: ConditionWaiter[] = [];
  /** channel id -> failures for its next posts, one each */
  private readonly postFailures = new Map<string, InjectedFailure[]>();
  private readonly held: ServerResponse[] = [];
  private answerLimit = Number.POSITIVE_INFINITY;
  private answered = 0;
  private readonly sockets = new Set<Socket>();
  private socketsGone: Array<() => void> = [];
  private tsCounter = 0;
  private viewCounter = 0;
  /** what apps.connections.open returns; set by the Socket Mode stand-in */
  socketModeUrl: string | undefined;
  /** the app's OAuth credentials oauth.v2.access accepts; any when unset */
  oauthClient: { id: string; secret: string } | undefined;
  private readonly grants = new Map<string, StandInInstall>();
  private readonly refreshes = new Map<string, StandInRefresh>();
  /** bot token -> the install it belongs to, for auth.test */
  private readonly installs = new Map<string, StandInInstall>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<SlackApiStandIn> {
    let standIn: SlackApiStandIn | undefined;
    const server = createServer((req, res) => {
      standIn?.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const started = new SlackApiStandIn(server, `http://127.0.0.1:${port}`);
    server.on("connection", (socket) => started.track(socket));
    standIn = started;
    return started;
  }

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A response_url for a payload; calls to it are recorded as method "response_url" with this id. */
  responseUrl(id: string): string {
    return `${this.origin}/response/${encodeURIComponent(id)}`;
  }

  /** The next call of method answers with this failure instead (queued, one per call). */
  failNext(method: string, failure: InjectedFailure): void {
    const queue = this.failures.get(method) ?? [];
    queue.push(failure);
    this.failures.set(method, queue);
  }

  /** oauth.v2.access exchanges this code (once) for this install. */
  grantInstall(code: string, install: StandInInstall): void {
    this.grants.set(code, install);
    this.installs.set(install.botToken, install);
  }

  /** oauth.v2.access with grant_type=refresh_token exchanges this refresh token (once) for the next token. */
  grantRefresh(refreshToken: string, next: StandInRefresh): void {
    this.refreshes.set(refreshToken, next);
    const install = [...this.installs.values()].find((i) => i.refreshToken === refreshToken);
    if (install) this.installs.set(next.botToken, { ...install, ...next });
  }

  /** users.info answers with these flags for this user from now on. */
  setUser(id: string, user: StandInUser): void {
    this.users.set(id, user);
  }

  /** usergroups.list lists this group, and usergroups.users.list gives its users, from now on. */
  setUserGroup(group: StandInUserGroup): void {
    this.userGroups.set(group.id, { ...group, users: [...group.users] });
  }

  /** Every chat.postMessage to this channel fails with this Slack error (e.g. not_in_channel) from now on. */
  refuseChannel(channel: string, error: string): void {
    this.refusedChannels.set(channel, error);
  }

  /** Resolves with the first call (already made or still to come) of method that matches. */
  waitForCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
  ): Promise<RecordedCall> {
    const existing = this.calls.find((c) => c.method === method && predicate(c));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => this.waiters.push({ method, predicate, resolve }));
  }

  /** Resolves with the calls to a response_url id once there are at least count of them. */
  async waitForResponses(id: string, count = 1): Promise<RecordedCall[]> {
    const upTo = (call: RecordedCall) => this.responsesTo(id).filter((c) => c.index <= call.index).length;
    await this.waitForCall("response_url", (c) => c.responseId === id && upTo(c) >= count);
    return this.responsesTo(id);
  }

  responsesTo(id: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === "response_url" && c.responseId === id);
  }

  callsOf(method: string, predicate: (call: RecordedCall) => boolean = () => true): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && predicate(c));
  }

  /** Every chat.postMessage so far, in order. */
  get posts(): RecordedPost[] {
    return this.callsOf("chat.postMessage").map((call, index) => ({
      channel: String(call.body.channel ?? ""),
      text: String(call.body.text ?? ""),
      blocks: call.body.blocks,
      body: call.body,
      index,
      ...(call.ts ? { ts: call.ts } : {}),
      outcome: call.outcome ?? "ok",
    }));
  }

  postsTo(channel: string): RecordedPost[] {
    return this.posts.filter((p) => p.channel === channel);
  }

  /** The next post to this channel (or user, for DMs) gets this answer instead; queued, one per post. */
  failNextPostTo(channel: string, failure: InjectedFailure): void {
    const queue = this.postFailures.get(channel) ?? [];
    queue.push(failure);
    this.postFailures.set(channel, queue);
  }

  /** Answer only this many more posts; later ones are recorded and then held without an answer. */
  answerOnly(count: number): void {
    this.answerLimit = this.answered + count;
  }

  /** Answers posts normally again; held posts stay unanswered (their poster is gone). */
  answerAll(): void {
    this.answerLimit = Number.POSITIVE_INFINITY;
  }

  /** Resolves once the condition holds, checked after every recorded call. */
  waitUntil(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.conditions.push({ test, resolve }));
  }

  waitForPosts(count: number, channel?: string): Promise<void> {
    return this.waitUntil(() => (channel ? this.postsTo(channel).length : this.posts.length) >= count);
  }

  /**
   * Resolves once every client connection has closed: after a poster process is killed, every request it
   * sent has then been read and recorded.
   */
  connectionsClosed(): Promise<void> {
    if (this.sockets.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.socketsGone.push(resolve));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => {
      this.sockets.delete(socket);
      if (this.sockets.size === 0) for (const resolve of this.socketsGone.splice(0)) resolve();
    });
  }

  async close(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.origin);
    const raw = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers)
        .filter(([name]) => name !== "authorization")
        .map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
    );
    const auth = req.headers.authorization ?? "";
    const tokenType = auth.startsWith("Bearer xoxb-")
      ? "xoxb"
      : auth.startsWith("Bearer xapp-")
        ? "xapp"
        : auth
          ? "other"
          : "none";

    if (url.pathname.startsWith("/response/")) {
      this.record({
        method: "response_url",
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        headers,
        tokenType,
        responseId: decodeURIComponent(url.pathname.slice("/response/".length)),
      });
      const failure = this.takeFailure("response_url");
      if (failure && "status" in failure)
        return send(res, failure.status, failure.status === 429 ? "" : "error");
      return send(res, 200, "ok", "text/plain");
    }

    if (!url.pathname.startsWith("/api/")) return send(res, 404, "not found", "text/plain");
    const method = url.pathname.slice("/api/".length);
    const body = parseApiBody(raw, req.headers["content-type"]);
    const isPost = method === "chat.postMessage";
    const refusal = isPost ? this.refusedChannels.get(String(body.channel)) : undefined;
    const failure =
      (isPost ? this.postFailures.get(String(body.channel))?.shift() : undefined) ??
      (refusal ? undefined : this.takeFailure(method));
    const held = isPost && !refusal && !failure && this.answered >= this.answerLimit;
    const ts = isPost && !refusal && !failure && !held ? this.nextTs() : undefined;
    if (ts) this.answered++;
    const outcome = !isPost
      ? undefined
      : refusal
        ? refusal
        : failure
          ? "error" in failure
            ? failure.error
            : `http_${failure.status}`
          : held
            ? "held"
            : "ok";
    const call = this.record({
      method,
      body,
      headers,
      tokenType,
      ...(auth.startsWith("Bearer ") ? { token: auth.slice("Bearer ".length) } : {}),
      ...(outcome ? { outcome } : {}),
      ...(ts ? { ts } : {}),
    });

    if (refusal) return sendJson(res, 200, { ok: false, error: refusal });
    if (held) {
      this.held.push(res);
      return;
    }
    if (failure) {
      if ("error" in failure) return sendJson(res, 200, { ok: false, error: failure.error });
      if (failure.status === 429 && "retryAfter" in failure) {
        res.setHeader("retry-after", String(failure.retryAfter));
        return sendJson(res, 429, { ok: false, error: "ratelimited" });
      }
      return send(
        res,
        failure.status,
        "body" in failure && failure.body ? failure.body : "upstream error",
        "text/plain",
      );
    }
    return sendJson(res, 200, this.answer(call));
  }

  private record(call: Omit<RecordedCall, "index">): RecordedCall {
    const recorded = { ...call, index: this.calls.length };
    this.calls.push(recorded);
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.method === recorded.method && waiter.predicate(recorded)) waiter.resolve(recorded);
      else still.push(waiter);
    }
    this.waiters = still;
    const waiting: ConditionWaiter[] = [];
    for (const condition of this.conditions) {
      if (condition.test()) condition.resolve();
      else waiting.push(condition);
    }
    this.conditions = waiting;
    return recorded;
  }

  private takeFailure(method: string): InjectedFailure | undefined {
    return this.failures.get(method)?.shift();
  }

  /** Realistic successful answers, shaped like Slack's (see realdata api/*.json). */
  private answer(call: RecordedCall): Record<string, unknown> {
    const b = call.body;
    switch (call.method) {
      case "auth.test": {
        const install = call.token ? this.installs.get(call.token) : undefined;
        return {
          ok: true,
          url: `https://${TEAM.domain}.slack.com/`,
          team: "Rolecall Test",
          user: "rolecall",
          team_id: install ? (install.teamId ?? null) : TEAM.id,
          ...(install?.enterpriseId ? { enterprise_id: install.enterpriseId } : {}),
          user_id: BOT.userId,
          bot_id: BOT.botId,
          app_id: BOT.appId,
          is_enterprise_install: install?.isEnterpriseInstall ?? false,
        };
      }
      case "oauth.v2.access":
        return this.oauthAccess(b);
      case "chat.postMessage": {
        const ts = call.ts ?? this.nextTs();
        return {
          ok: true,
          channel: b.channel,
          ts,
          message: {
            type: "message",
            user: BOT.userId,
            bot_id: BOT.botId,
            text: b.text,
            blocks: b.blocks,
            ts,
          },
        };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "chat.update":
        return {
          ok: true,
          channel: b.channel,
          ts: b.ts,
          text: b.text,
          message: { text: b.text, blocks: b.blocks },
        };
      case "chat.delete":
        return { ok: true, channel: b.channel, ts: b.ts };
      case "views.publish":
      case "views.open":
      case "views.update":
        this.viewCounter += 1;
        return {
          ok: true,
          view: { id: `V0VIEW${this.viewCounter}`, team_id: TEAM.id, ...(b.view as object) },
        };
      case "users.info": {
        const { displayName, ...user } = this.users.get(String(b.user)) ?? {};
        return {
          ok: true,
          user: {
            id: b.user,
            team_id: TEAM.id,
            name: "alice",
            real_name: "Alice",
            is_admin: false,
            is_owner: false,
            is_primary_owner: false,
            ...user,
            profile: { display_name: displayName ?? "", real_name: user.real_name ?? "Alice" },
          },
        };
      }
      case "usergroups.list":
        return {
          ok: true,
          usergroups: [...this.userGroups.values()].map((g) => ({
            id: g.id,
            team_id: TEAM.id,
            is_usergroup: true,
            name: g.name ?? g.handle,
            handle: g.handle,
            user_count: g.users.length,
          })),
        };
      case "usergroups.users.list": {
        const group = this.userGroups.get(String(b.usergroup));
        return group ? { ok: true, users: group.users } : { ok: false, error: "no_such_subteam" };
      }
      case "conversations.info":
        return { ok: true, channel: { id: b.channel, name: "general", is_channel: true, is_member: true } };
      case "assistant.threads.setSuggestedPrompts":
      case "assistant.threads.setStatus":
      case "assistant.threads.setTitle":
        return { ok: true };
      case "apps.connections.open":
        return this.socketModeUrl
          ? { ok: true, url: this.socketModeUrl }
          : { ok: false, error: "not_allowed_token_type" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  /** Slack's answer to an authorization code or a refresh token; https://docs.slack.dev/reference/methods/oauth.v2.access */
  private oauthAccess(b: Record<string, unknown>): Record<string, unknown> {
    if (
      this.oauthClient &&
      (b.client_id !== this.oauthClient.id || b.client_secret !== this.oauthClient.secret)
    ) {
      return { ok: false, error: "invalid_client_id" };
    }
    if (b.grant_type === "refresh_token") {
      const next = this.refreshes.get(String(b.refresh_token));
      if (!next) return { ok: false, error: "invalid_refresh_token" };
      this.refreshes.delete(String(b.refresh_token));
      return {
        ok: true,
        app_id: BOT.appId,
        token_type: "bot",
        access_token: next.botToken,
        refresh_token: next.refreshToken,
        expires_in: next.expiresIn,
        scope: "chat:write",
      };
    }
    const install = this.grants.get(String(b.code));
    if (!install) return { ok: false, error: "invalid_code" };
    this.grants.delete(String(b.code));
    return {
      ok: true,
      app_id: BOT.appId,
      authed_user: { id: install.installer ?? "U0INSTALLER" },
      scope: (install.scopes ?? ["chat:write"]).join(","),
      token_type: "bot",
      access_token: install.botToken,
      bot_user_id: BOT.userId,
      team: install.teamId ? { id: install.teamId, name: `Team ${install.teamId}` } : null,
      enterprise: install.enterpriseId
        ? { id: install.enterpriseId, name: `Org ${install.enterpriseId}` }
        : null,
      is_enterprise_install: install.isEnterpriseInstall ?? false,
      ...(install.refreshToken
        ? { refresh_token: install.refreshToken, expires_in: install.expiresIn ?? 43_200 }
        : {}),
    };
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1800000000.${String(this.tsCounter).padStart(6, "0")}`;
  }
}

function parseApiBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.startsWith("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return body;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, text: string, type = "text/plain"): void {
  res.writeHead(status, { "content-type": type });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

export function startSlackApiStandIn(): Promise<SlackApiStandIn> {
  return SlackApiStandIn.start();
}
