// HTTP transport for Slack's Events API, slash commands and interactivity, all on one endpoint.
// This receiver authenticates every request, and Bolt's HTTPReceiver does the rest (parsing,
// url_verification, acks). Checking here adds what Bolt 5 lacks: a 413 body limit applied before
// anything is parsed, refusing timestamps from the future as well as the past, and a 400 for signed
// bodies that are not a JSON object or form, or events that are not objects (Bolt would throw on a body
// such as `null` or an `"event": null`). As every request
// Bolt sees has passed that check, Bolt's own signature check is switched off: one HMAC a request.
// With OAuth, Bolt's HTTPReceiver also serves the install page and the OAuth redirect (GET, unsigned: they
// come from a person's browser, and @slack/oauth checks the state); this receiver hands them over as they are.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { parse as parseQuery } from "node:querystring";
import {
  type App,
  type Logger as BoltLogger,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  HTTPReceiver,
  type HTTPReceiverOptions,
  type Receiver,
} from "@slack/bolt";
import type { Logger } from "../log.ts";
import { createLogTally, type LogTally } from "./log-tally.ts";

export const SLACK_EVENTS_PATH = "/slack/events";
export const HEALTH_PATH = "/healthz";
/** Bolt's defaults: the page with the Add to Slack link, and where Slack sends the browser back to. */
export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";
/** Slack's own payloads are a few kilobytes; 64 KB leaves room without inviting abuse. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** Slack's replay window: requests more than five minutes from our clock, either way, are refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
const STOP_GRACE_MS = 3000;
/** Slack waits 3 s for an ack; a client still sending its request after this is not Slack. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_CONNECTIONS = 1000;
/** Slack's signature: the version, then the HMAC-SHA256 in lowercase hex. */
const V0_SIGNATURE = /^v0=[0-9a-f]{64}$/;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  boltLogger: BoltLogger;
  bodyLimit?: number;
  /** open connections at most; a new one past it closes the oldest connection not being answered */
  maxConnections?: number;
  /** how long a client may take to send its headers and body */
  requestTimeoutMs?: number;
  /** milliseconds since the epoch; injectable for tests of the replay window */
  now?: () => number;
  /** Bolt's OAuth options (clientId, clientSecret, stateSecret, installationStore, scopes, installerOptions) */
  oauth?: ReceiverOAuthOptions;
}

export type ReceiverOAuthOptions = Required<
  Pick<HTTPReceiverOptions, "clientId" | "clientSecret" | "stateSecret" | "installationStore" | "scopes">
> &
  Pick<HTTPReceiverOptions, "installerOptions">;

export interface SignatureCheck {
  signingSecret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs: number;
}

/** Returns why a request is not authentically from Slack, or undefined when it is. */
export function signatureProblem(check: SignatureCheck): string | undefined {
  if (!check.signature) return "missing X-Slack-Signature";
  if (!check.timestamp || !/^\d{1,12}$/.test(check.timestamp))
    return "missing or malformed X-Slack-Request-Timestamp";
  if (Math.abs(check.nowMs / 1000 - Number(check.timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    return "X-Slack-Request-Timestamp is more than 5 minutes from our clock";
  }
  if (!V0_SIGNATURE.test(check.signature)) return "malformed X-Slack-Signature";
  // One HMAC-SHA256 of "v0:{timestamp}:{body}", compared in constant time (Bolt's check computes three).
  const expected = createHmac("sha256", check.signingSecret)
    .update(`v0:${check.timestamp}:${check.body}`)
    .digest();
  const given = Buffer.from(check.signature.slice(3), "hex");
  return timingSafeEqual(expected, given) ? undefined : "signature mismatch";
}

export class SlackHttpReceiver implements Receiver {
  private readonly bolt: HTTPReceiver;
  private readonly logger: Logger;
  private readonly signingSecret: string;
  private readonly bodyLimit: number;
  private readonly now: () => number;
  private readonly maxConnections: number;
  private readonly requestTimeoutMs: number;
  /** every open connection, oldest first; true while a request on it is being answered */
  private readonly connections = new Map<Socket, boolean>();
  /** refusals and evictions come in floods under attack: one line for the first, then a count */
  private readonly tally: LogTally;
  private server: Server | undefined;

  constructor(options: SlackHttpReceiverOptions) {
    this.logger = options.logger;
    this.signingSecret = options.signingSecret;
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.now = options.now ?? Date.now;
    this.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.tally = createLogTally(options.logger);
    this.bolt = new HTTPReceiver({
      signingSecret: options.signingSecret,
      // receive() verifies the signature (and more) before handing Bolt a request, and answers ssl_check
      // itself, so Bolt never sees an unsigned body.
      signatureVerification: false,
      endpoints: [SLACK_EVENTS_PATH],
      logger: options.boltLogger,
      bodyLimit: this.bodyLimit,
      ...(options.oauth
        ? {
            ...options.oauth,
            installerOptions: {
              ...options.oauth.installerOptions,
              installPath: SLACK_INSTALL_PATH,
              redirectUriPath: SLACK_OAUTH_REDIRECT_PATH,
            },
          }
        : {}),
    });
  }

  init(app: App): void {
    this.bolt.init(app);
  }

  /** Bolt's InstallProvider when OAuth is on; Bolt's App takes its authorize() from here. */
  get installer(): HTTPReceiver["installer"] {
    return this.bolt.installer;
  }

  start(port: number): Promise<Server> {
    if (this.server) return Promise.reject(new Error("the HTTP receiver is already started"));
    // Node's defaults hold a connection that sends headers and then nothing for five minutes, and check
    // only every 30 s; a few thousand such clients made the bot unreachable.
    const server = createServer(
      {
        headersTimeout: this.requestTimeoutMs,
        requestTimeout: this.requestTimeoutMs,
        connectionsCheckingInterval: Math.min(1000, this.requestTimeoutMs),
      },
      (req, res) => this.route(req, res),
    );
    server.on("connection", (socket) => this.admit(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, () => {
        server.off("error", reject);
        resolve(server);
      });
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.tally.flush();
    // Requests already acknowledged finish quickly; a client that never finishes its request must not
    // hold the shutdown open.
    const force = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
    force.unref();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    }).finally(() => clearTimeout(force));
  }

  /** The bound port; useful when started on port 0. */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === "object" ? (address as AddressInfo).port : undefined;
  }

  /**
   * Keeps at most maxConnections open. Rather than refusing the newcomer (which under a flood of idle
   * clients would refuse Slack too), it closes the oldest connection that has no request being answered:
   * an idle keep-alive, or a client still dribbling its request. Slack's requests arrive whole at once, so
   * they are the ones that get through.
   */
  private admit(socket: Socket): void {
    this.connections.set(socket, false);
    socket.once("close", () => this.connections.delete(socket));
    if (this.connections.size <= this.maxConnections) return;
    for (const [open, answering] of this.connections) {
      if (answering || open === socket) continue;
      this.connections.delete(open);
      open.destroy();
      this.tally.warn("Closed a stalled or idle connection to make room for a new one", {
        max_connections: this.maxConnections,
      });
      return;
    }
    // Every other connection is being answered: this one waits for no one.
    this.connections.delete(socket);
    socket.destroy();
    this.tally.warn("Refused a connection: every connection is busy answering", {
      max_connections: this.maxConnections,
    });
  }

  private answering(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    if (!this.connections.has(socket)) return;
    this.connections.set(socket, true);
    res.once("close", () => {
      if (this.connections.has(socket)) this.connections.set(socket, false);
    });
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const path = query < 0 ? url : url.slice(0, query);
    if (req.method === "POST" && path === SLACK_EVENTS_PATH) {
      this.receive(req, res).catch((error: unknown) => {
        this.logger.error("Failed to handle a Slack request", { error: String(error) });
        if (!res.headersSent) respondEmpty(res, 500);
      });
      return;
    }
    if (
      req.method === "GET" &&
      this.installer &&
      (path === SLACK_INSTALL_PATH || path === SLACK_OAUTH_REDIRECT_PATH)
    ) {
      this.answering(req, res);
      req.resume();
      this.bolt.requestListener(req, res);
      return;
    }
    if (req.method === "GET" && path === HEALTH_PATH) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    req.resume();
    respondEmpty(res, 404);
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let buffered: BufferedIncomingMessage;
    try {
      // raw-body refuses at once when Content-Length is over the limit, and stops reading otherwise.
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, this.bodyLimit);
    } catch (error) {
      const tooLarge =
        HTTPModuleFunctions.isRawBodyError(error) &&
        ((error as { type?: string }).type === "entity.too.large" ||
          (error as { statusCode?: number }).statusCode === 413);
      this.tally.warn(tooLarge ? "Refused an oversized request" : "Refused an unreadable request", {
        limit: this.bodyLimit,
      });
      respondEmpty(res, tooLarge ? 413 : 400, true);
      return;
    }

    this.answering(req, res);
    const body = buffered.rawBody.toString("utf8");
    if (isSslCheck(req, body)) {
      // Slack's unsigned reachability check: answered here, as whatever else the body holds is unsigned.
      respondEmpty(res, 200);
      return;
    }
    const problem = signatureProblem({
      signingSecret: this.signingSecret,
      body,
      signature: header(req, "x-slack-signature"),
      timestamp: header(req, "x-slack-request-timestamp"),
      nowMs: this.now(),
    });
    if (problem) {
      this.tally.warn("Refused a request that is not from Slack", { reason: problem });
      respondEmpty(res, 401);
      return;
    }
    if (!isObjectBody(buffered, body)) {
      this.tally.warn("Refused a malformed request body", { content_type: header(req, "content-type") });
      respondEmpty(res, 400);
      return;
    }
    // Verified above; Bolt takes it from here without checking the signature again.
    this.bolt.requestListener(buffered, res);
  }
}

export function createSlackHttpReceiver(options: SlackHttpReceiverOptions): SlackHttpReceiver {
  return new SlackHttpReceiver(options);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const FORM = "application/x-www-form-urlencoded";

/** Whether a form body has this field; the cheap test before parsing a body just to look for it. */
function hasFormField(body: string, name: string): boolean {
  return body.startsWith(`${name}=`) || body.includes(`&${name}=`);
}

function isSslCheck(req: IncomingMessage, body: string): boolean {
  return (
    header(req, "content-type") === FORM &&
    hasFormField(body, "ssl_check") &&
    parseQuery(body).ssl_check === "1"
  );
}

function isObjectBody(req: BufferedIncomingMessage, body: string): boolean {
  // A form without a payload field (a slash command) parses to an object whatever it holds; only JSON,
  // in a body or a payload field, can be null or an array.
  if (header(req, "content-type") === FORM && !hasFormField(body, "payload")) return true;
  try {
    const parsed: unknown = HTTPModuleFunctions.parseHTTPRequestBody(req);
    if (!isObject(parsed)) return false;
    // An Events API delivery whose event is not an object (`"event": null`) would throw inside Bolt.
    return parsed.type !== "event_callback" || isObject(parsed.event);
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function respondEmpty(res: ServerResponse, status: number, close = false): void {
  // After refusing an unread body, closing the connection stops the client from sending the rest.
  res.writeHead(status, close ? { connection: "close" } : {});
  res.end();
}
