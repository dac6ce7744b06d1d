// /readyz says 503 when the store cannot be reached (PostgreSQL behind a loopback proxy the test cuts),
// and while the bot drains for shutdown, still alive and answering until it stops.
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningHttpApp, startHttpApp } from "../support/app-process.ts";
import { getOps, opsPortOf, untilReadyz } from "../support/ops.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";
import { createTempSchema, postgresUnavailable, type TempSchema } from "../support/stores.ts";

const SECRET = "ops-readiness-test-signing-secret";
const skipReason = await postgresUnavailable();

/** A TCP proxy to PostgreSQL that the test can cut, as a network partition would. */
async function startProxy(target: URL): Promise<{ port: number; cut(): Promise<void> }> {
  const [host, targetPort] = [target.hostname, Number(target.port || 5432)];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(targetPort, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

describe.skipIf(skipReason !== undefined)("/readyz with the store on PostgreSQL", () => {
  let api: SlackApiStandIn;
  let schema: TempSchema;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let app: RunningHttpApp;
  let opsPort: number;

  beforeAll(async () => {
    api = await startSlackApiStandIn();
    schema = await createTempSchema();
    const url = new URL(schema.url);
    proxy = await startProxy(url);
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    app = await startHttpApp({
      signingSecret: SECRET,
      apiUrl: api.apiUrl,
      env: { DATABASE_URL: url.toString(), OPS_PORT: "0" },
    });
    opsPort = await opsPortOf(app.process);
  });

  afterAll(async () => {
    await app?.process.stop("SIGKILL");
    await proxy?.cut();
    await schema?.destroy();
    await api?.close();
  });

  it("says ready while PostgreSQL answers", async () => {
    expect((await getOps(opsPort, "/readyz")).status).toBe(200);
  });

  it("says 503, naming the store, once PostgreSQL cannot be reached, and stays alive", async () => {
    await proxy.cut();
    const { status, body } = await untilReadyz(opsPort, 503);
    expect(status).toBe(503);
    expect(JSON.parse(body)).toEqual({
      ready: false,
      draining: false,
      checks: { knowledge: "ok", store: "failing", slack: "ok" },
    });
    expect((await getOps(opsPort, "/livez")).status).toBe(200);
  });
});

describe("/readyz while the bot drains for shutdown", () => {
  let api: SlackApiStandIn;
  let app: RunningHttpApp;

  beforeAll(async () => {
    api = await startSlackApiStandIn();
    // Long enough that only the second signal can end the drain within the test.
    app = await startHttpApp({
      signingSecret: SECRET,
      apiUrl: api.apiUrl,
      env: { OPS_PORT: "0", SHUTDOWN_DRAIN_MS: "600000" },
    });
  });

  afterAll(async () => {
    await app?.process.stop("SIGKILL");
    await api?.close();
  });

  it("says 503 after SIGTERM while still answering Slack, and a second SIGTERM ends the drain", async () => {
    const opsPort = await opsPortOf(app.process);
    expect((await getOps(opsPort, "/readyz")).status).toBe(200);
    app.process.child.kill("SIGTERM");
    await app.process.waitForLog(/Draining: \/readyz says 503/);

    const readyz = await getOps(opsPort, "/readyz");
    expect(readyz.status).toBe(503);
    expect(JSON.parse(readyz.body)).toMatchObject({ ready: false, draining: true });
    expect((await getOps(opsPort, "/livez")).status).toBe(200);
    const answered = await postSigned(
      app.eventsUrl,
      SECRET,
      slashCommand({ command: "/role", text: "ITMG 5", responseUrl: api.responseUrl("draining") }),
    );
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ response_type: "ephemeral" });

    app.process.child.kill("SIGTERM");
    expect(await app.process.exited).toEqual({ code: 0, signal: null });
    expect(app.process.logLines.some((l) => l.includes("ending the drain early"))).toBe(true);
  });
});
