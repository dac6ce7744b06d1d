// A stand-in for the parts of Slack's Web API the delivery worker uses, on 127.0.0.1. It records every
// chat.postMessage, can fail the next post to a given channel (platform error, 429 with Retry-After, HTTP
// error), and can hold posts unanswered — as a Slack that received a message but whose answer never came
// back — so a test can kill the poster at an exact point.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

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

export type PostFailure = { error: string } | { status: 429; retryAfter: number } | { status: number };

type Waiter = { test: () => boolean; resolve: () => void };

/** Fields the Web API client sends as JSON text inside the form. */
const JSON_FIELDS = new Set(["blocks", "attachments", "metadata"]);

export class SlackWebApiStandIn {
  readonly posts: RecordedPost[] = [];
  private readonly failures = new Map<string, PostFailure[]>();
  private readonly held: ServerResponse[] = [];
  private answerLimit = Number.POSITIVE_INFINITY;
  private answered = 0;
  private waiters: Waiter[] = [];
  private tsCounter = 0;
  private readonly sockets = new Set<Socket>();
  private socketsGone: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly apiUrl: string,
  ) {}

  static async start(): Promise<SlackWebApiStandIn> {
    let standIn: SlackWebApiStandIn | undefined;
    const server = createServer((req, res) => {
      standIn?.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const started = new SlackWebApiStandIn(server, `http://127.0.0.1:${port}/api/`);
    server.on("connection", (socket) => started.track(socket));
    standIn = started;
    return started;
  }

  /** The next post to this channel (or user, for DMs) gets this answer instead; queued, one per post. */
  failNext(channel: string, failure: PostFailure): void {
    const queue = this.failures.get(channel) ?? [];
    queue.push(failure);
    this.failures.set(channel, queue);
  }

  /** Answer only this many more posts; later ones are recorded and then held without an answer. */
  answerOnly(count: number): void {
    this.answerLimit = this.answered + count;
  }

  /** Answers posts normally again; held posts stay unanswered (their poster is gone). */
  answerAll(): void {
    this.answerLimit = Number.POSITIVE_INFINITY;
  }

  postsTo(channel: string): RecordedPost[] {
    return this.posts.filter((p) => p.channel === channel);
  }

  /** Resolves once the condition holds, checked after every recorded post. */
  waitUntil(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
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
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    const method = url.pathname.replace(/^\/api\//, "");
    const body = parseForm(raw, req.headers["content-type"]);
    if (method === "auth.test") return sendJson(res, 200, { ok: true, team_id: "T0TEAM", user_id: "U0BOT" });
    if (method !== "chat.postMessage") return sendJson(res, 200, { ok: false, error: "unknown_method" });

    const channel = String(body.channel ?? "");
    const post: RecordedPost = {
      channel,
      text: String(body.text ?? ""),
      blocks: body.blocks,
      body,
      index: this.posts.length,
      outcome: "ok",
    };
    const failure = this.failures.get(channel)?.shift();
    if (failure) {
      post.outcome = "error" in failure ? failure.error : `http_${failure.status}`;
      this.record(post);
      if ("error" in failure) return sendJson(res, 200, { ok: false, error: failure.error });
      if ("retryAfter" in failure) res.setHeader("retry-after", String(failure.retryAfter));
      return sendJson(res, failure.status, { ok: false, error: "ratelimited" });
    }
    if (this.answered >= this.answerLimit) {
      post.outcome = "held";
      this.held.push(res);
      this.record(post);
      return;
    }
    this.answered++;
    this.tsCounter++;
    post.ts = `1800000000.${String(this.tsCounter).padStart(6, "0")}`;
    this.record(post);
    sendJson(res, 200, { ok: true, channel, ts: post.ts, message: { type: "message", text: post.text } });
  }

  private record(post: RecordedPost): void {
    this.posts.push(post);
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.test()) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }
}

function parseForm(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.startsWith("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw))
    body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return body;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
