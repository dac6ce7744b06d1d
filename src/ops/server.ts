// The operations endpoints, on a port of their own (OPS_PORT) so probes and Prometheus never share Slack's
// front door: GET /livez (the process answers), /readyz (it can serve: every check passes and it is not
// draining for shutdown) and /metrics (Prometheus text).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Metrics } from "./metrics.ts";

export const LIVEZ_PATH = "/livez";
export const READYZ_PATH = "/readyz";
export const METRICS_PATH = "/metrics";
/** A check that has not answered by then counts as failing: a probe must not hang on a stuck database. */
export const READINESS_CHECK_TIMEOUT_MS = 2000;

/** One readiness check: resolves true when ready, false (or throws) when not. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface OpsServerOptions {
  port: number;
  metrics: Metrics;
  /** named checks, e.g. knowledge, store, slack; all must pass for /readyz to say 200 */
  checks: Readonly<Record<string, ReadinessCheck>>;
  checkTimeoutMs?: number;
}

export interface ReadinessReport {
  ready: boolean;
  draining: boolean;
  checks: Record<string, "ok" | "failing">;
}

export interface OpsServer {
  start(): Promise<{ port: number }>;
  /** From now on /readyz says 503, so load balancers stop sending work before the process stops. */
  drain(): void;
  readiness(): Promise<ReadinessReport>;
  stop(): Promise<void>;
}

export class OpsServerError extends Error {
  readonly code = "OPS_PORT_IN_USE";
  constructor(message: string) {
    super(message);
    this.name = "OpsServerError";
  }
}

export function createOpsServer(options: OpsServerOptions): OpsServer {
  const timeoutMs = options.checkTimeoutMs ?? READINESS_CHECK_TIMEOUT_MS;
  let draining = false;
  let server: Server | undefined;

  const readiness = async (): Promise<ReadinessReport> => {
    const names = Object.keys(options.checks);
    const results = await Promise.all(names.map((name) => passes(options.checks[name], timeoutMs)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ? "ok" : "failing"] as const));
    return { ready: !draining && results.every(Boolean), draining, checks };
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "GET only\n");
    if (path === LIVEZ_PATH) return send(res, 200, "text/plain", "ok\n");
    if (path === READYZ_PATH) {
      const report = await readiness();
      return send(res, report.ready ? 200 : 503, "application/json", `${JSON.stringify(report)}\n`);
    }
    if (path === METRICS_PATH) {
      const { contentType, body } = await options.metrics.scrape();
      return send(res, 200, contentType, body);
    }
    return send(res, 404, "text/plain", "not found\n");
  };

  return {
    async start() {
      const created = createServer((req, res) => {
        route(req, res).catch(() => {
          if (!res.headersSent) send(res, 500, "text/plain", "error\n");
        });
      });
      // Probes and scrapes are short; nothing here waits on a client.
      created.headersTimeout = 5000;
      created.requestTimeout = 5000;
      await new Promise<void>((resolve, reject) => {
        created.once("error", (error: NodeJS.ErrnoException) =>
          reject(
            error.code === "EADDRINUSE"
              ? new OpsServerError(
                  `OPS_PORT ${options.port} is already in use: stop the other program or set OPS_PORT to a free port.`,
                )
              : error,
          ),
        );
        created.listen(options.port, () => resolve());
      });
      server = created;
      return { port: (created.address() as AddressInfo).port };
    },
    drain() {
      draining = true;
    },
    readiness,
    async stop() {
      const open = server;
      server = undefined;
      if (!open) return;
      await new Promise<void>((resolve) => {
        open.close(() => resolve());
        open.closeAllConnections();
      });
    },
  };
}

async function passes(check: ReadinessCheck | undefined, timeoutMs: number): Promise<boolean> {
  if (!check) return false;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  res.end(body);
}
