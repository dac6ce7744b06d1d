// HTTP mode under a flood of clients that connect, send headers and never the body: a bounded number of
// loopback sockets against a low configured connection cap, with the app started as npm start runs it.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningHttpApp, startHttpApp } from "../support/app-process.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "http-flood-test-signing-secret";
const CAP = 40;
const ATTACKERS = 300;

let api: SlackApiStandIn;
let app: RunningHttpApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  api = await startSlackApiStandIn();
  app = await startHttpApp({
    signingSecret: SECRET,
    apiUrl: api.apiUrl,
    env: { HTTP_MAX_CONNECTIONS: String(CAP), HTTP_REQUEST_TIMEOUT_MS: "1500" },
  });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await app?.process.stop();
  await api?.close();
});

interface Attacker {
  socket: Socket;
  /** resolves when the server closes the connection */
  closed: Promise<void>;
}

/** Connects and sends what it is given, then nothing more. */
function attacker(port: number, sent: string): Promise<Attacker> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    sockets.push(socket);
    socket.on("data", () => undefined);
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.once("error", () => undefined);
    socket.once("connect", () => {
      socket.write(sent);
      resolve({ socket, closed });
    });
    socket.once("error", reject);
  });
}

const HEADERS_ONLY =
  "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
  "X-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=00\r\nContent-Length: 1000\r\n\r\n";

async function answered(id: string): Promise<void> {
  const response = await postSigned(
    app.eventsUrl,
    SECRET,
    slashCommand({ command: "/role", text: "subscriptions", responseUrl: api.responseUrl(id) }),
  );
  expect(response.status).toBe(200);
  await api.waitForResponses(id);
}

describe("a flood of connections that send headers and never a body", () => {
  let flood: Attacker[] = [];

  beforeAll(async () => {
    flood = [];
    for (let i = 0; i < ATTACKERS; i++) flood.push(await attacker(app.port, HEADERS_ONLY));
  });

  it("keeps answering signed requests while the flood holds on", async () => {
    for (let i = 0; i < 5; i++) await answered(`flood-${i}`);
  });

  it("closes the oldest stalled connections past the cap", async () => {
    // Every attacker beyond the cap made room by closing an older one.
    await Promise.all(flood.slice(0, ATTACKERS - CAP).map((a) => a.closed));
  });

  it("cuts off the rest once they have taken longer than the request timeout", async () => {
    await Promise.all(flood.map((a) => a.closed));
  });

  it("writes a few lines about it, not one per connection", async () => {
    await Promise.all(flood.map((a) => a.closed));
    await answered("after-flood");
    const lines = app.process.logLines.filter((l) => /connection|unreadable|request/i.test(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(10);
  });
});

describe("a client that never finishes its headers", () => {
  it("is cut off after the request timeout", async () => {
    const slow = await attacker(app.port, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    await slow.closed;
    await answered("after-slow-headers");
  });
});
