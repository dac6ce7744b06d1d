// The HTTP load benchmark: Rolecall as `npm start` runs it in HTTP mode, and a bare Bolt app that only
// acks, each sent correctly signed /role commands on loopback by autocannon at each connection count.
// A third app, the bare one also replying "ok" to the response_url, shows what replying at all costs.
// All talk to the same Web API stand-in. Rolecall answers a question in the ack itself (the HTTP response
// to the command); the replying bare app posts to the response_url. Answers are counted wherever they arrive.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { type Child, REPO_ROOT, startScript } from "../lib/child.ts";
import { processCpuMs } from "../lib/process-cpu.ts";
import { signedHeaders, slashCommandBody } from "./slash-command.ts";

export const LOAD_APPS = ["bare-bolt", "bare-bolt-respond", "rolecall"] as const;
export type LoadApp = (typeof LOAD_APPS)[number];

export interface LoadRun {
  app: LoadApp;
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  requests2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** the app's own CPU time (user + system) per request served, in ms; steadier than req/s on a shared machine */
  cpuMsPerRequest?: number;
  statusCodes: Record<string, number>;
  /** answers delivered during the run: Block Kit in the ack bodies, plus posts to response_url */
  answersDelivered?: number;
  /** mean size of those answers in bytes */
  meanAnswerBytes?: number;
}

export interface LoadReport {
  runs: LoadRun[];
  /** one request signed with the wrong secret got this status from Rolecall (expected 401) */
  wrongSignatureStatus: number;
  /** ms from spawning src/main.ts to its "connected over HTTP" log line */
  rolecallReadyMs: number;
}

export interface LoadOptions {
  knowledgeDir: string;
  /** the /role texts sent, in turn */
  questions: readonly string[];
  connections: readonly number[];
  durationSeconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
  /** which apps to measure, in this order at each connection count; all by default */
  apps?: readonly LoadApp[];
  /** node flags for Rolecall's process, e.g. --cpu-prof for bench/profile.ts */
  rolecallNodeFlags?: readonly string[];
}

interface StandInStats {
  api: number;
  responses: number;
  responseBytes: number;
}

const READY_HTTP = /connected to Slack over HTTP: POST \/slack\/events on port (\d+)/;
const BARE_READY = /^BARE-BOLT (\d+)/;

export async function runLoadBenchmark(options: LoadOptions): Promise<LoadReport> {
  const apps = options.apps ?? LOAD_APPS;
  const secret = randomBytes(16).toString("hex");
  const token = `xoxb-0000000000-bench-${randomBytes(6).toString("hex")}`;
  const workDir = await mkdtemp(path.join(tmpdir(), "rolecall-bench-app-"));
  const children: Child[] = [];
  try {
    const standIn = startScript(path.join(import.meta.dirname, "slack-stand-in.ts"), []);
    children.push(standIn);
    const standInOrigin = `http://127.0.0.1:${(await standIn.waitForLine(/^STAND-IN (\d+)/)).match[1]}`;
    const stats = async () => (await (await fetch(`${standInOrigin}/stats`)).json()) as StandInStats;
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? workDir,
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: `${standInOrigin}/api/`,
      PORT: "0",
    };

    // Rolecall runs in an empty working folder, so no developer's .env is read.
    const rolecall = startScript(path.join(REPO_ROOT, "src/main.ts"), [], {
      cwd: workDir,
      env: { ...env, KNOWLEDGE_DIR: options.knowledgeDir, DATA_DIR: path.join(workDir, "data") },
      ...(options.rolecallNodeFlags ? { nodeFlags: options.rolecallNodeFlags } : {}),
    });
    children.push(rolecall);
    const ready = await rolecall.waitForLine(READY_HTTP);
    const urls = new Map<LoadApp, string>([["rolecall", `http://127.0.0.1:${ready.match[1]}/slack/events`]]);
    const pids = new Map<LoadApp, number | undefined>([["rolecall", rolecall.process.pid]]);
    for (const app of apps) {
      if (app === "rolecall") continue;
      const bare = startScript(path.join(import.meta.dirname, "../bare-bolt.ts"), [], {
        cwd: workDir,
        env: { ...env, BARE_BOLT_RESPOND: app === "bare-bolt-respond" ? "1" : "0" },
      });
      children.push(bare);
      pids.set(app, bare.process.pid);
      urls.set(app, `http://127.0.0.1:${(await bare.waitForLine(BARE_READY)).match[1]}/slack/events`);
    }
    const urlOf = (app: LoadApp) => urls.get(app) as string;

    const responseUrl = `${standInOrigin}/response/bench`;
    let turn = 0;
    const nextBody = () =>
      slashCommandBody(options.questions[turn++ % options.questions.length] ?? "help", responseUrl);

    // Check the signing before measuring: 200 when signed right, 401 when not, and an answer delivered.
    for (const app of apps) {
      const body = nextBody();
      const response = await fetch(urlOf(app), {
        method: "POST",
        headers: signedHeaders(secret, body),
        body,
      });
      if (response.status !== 200)
        throw new Error(`${app} answered a signed /role command with ${response.status}`);
    }
    const wrongBody = nextBody();
    const wrong = await fetch(urlOf("rolecall"), {
      method: "POST",
      headers: signedHeaders(`${secret}-wrong`, wrongBody),
      body: wrongBody,
    });
    const probe = nextBody();
    const answer = await fetch(urlOf("rolecall"), {
      method: "POST",
      headers: signedHeaders(secret, probe),
      body: probe,
    });
    const answerBody = (await answer.json().catch(() => ({}))) as { blocks?: unknown[] };
    if (!Array.isArray(answerBody.blocks) || answerBody.blocks.length === 0) {
      throw new Error("Rolecall's ack to a signed /role question carried no answer blocks");
    }

    // Answers carried in ack bodies, counted as autocannon reads each response.
    const acked = { answers: 0, bytes: 0 };
    const cannon = (app: LoadApp, connections: number, duration: number) =>
      autocannon({
        url: urlOf(app),
        connections,
        duration,
        timeout: 10,
        requests: [
          {
            method: "POST",
            setupRequest: (request) => {
              const body = nextBody();
              return { ...request, method: "POST", body, headers: signedHeaders(secret, body) };
            },
            onResponse: (status, body) => {
              if (status === 200 && body.includes('"blocks"')) {
                acked.answers++;
                acked.bytes += Buffer.byteLength(body);
              }
            },
          },
        ],
      });

    for (const app of apps) {
      options.log(`  warming up ${app} for ${options.warmupSeconds} s`);
      await cannon(app, options.connections[0] ?? 10, options.warmupSeconds);
      await settle(stats);
    }
    const runs: LoadRun[] = [];
    for (const connections of options.connections) {
      for (const app of apps) {
        const before = await stats();
        acked.answers = 0;
        acked.bytes = 0;
        const cpuBefore = await processCpuMs(pids.get(app));
        const result = await cannon(app, connections, options.durationSeconds);
        // Replies still being computed when the run ends arrive just after it.
        const after = await settle(stats);
        const cpuAfter = await processCpuMs(pids.get(app));
        const answers = after.responses - before.responses + acked.answers;
        const bytes = after.responseBytes - before.responseBytes + acked.bytes;
        const run = toRun(app, connections, result);
        const served = result["2xx"] + result.non2xx;
        if (cpuBefore !== undefined && cpuAfter !== undefined && served > 0) {
          run.cpuMsPerRequest = (cpuAfter - cpuBefore) / served;
        }
        if (app !== "bare-bolt") {
          run.answersDelivered = answers;
          run.meanAnswerBytes = answers > 0 ? Math.round(bytes / answers) : 0;
        }
        options.log(
          `  ${app.padEnd(17)} ${String(connections).padStart(3)} connections: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.latencyMs.p99} ms, ${run.cpuMsPerRequest?.toFixed(3) ?? "?"} ms CPU a request, non-2xx ${run.non2xx}, errors ${run.errors}`,
        );
        runs.push(run);
      }
    }
    return { runs, wrongSignatureStatus: wrong.status, rolecallReadyMs: ready.at - rolecall.spawnedAt };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

function toRun(app: LoadApp, connections: number, result: Result): LoadRun {
  return {
    app,
    connections,
    durationSeconds: result.duration,
    requestsPerSecond: result.requests.average,
    requests2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
    ),
  };
}

/** Polls until the stand-in's reply count stops growing (measurement plumbing, not a test). */
async function settle(stats: () => Promise<StandInStats>): Promise<StandInStats> {
  let last = await stats();
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await stats();
    if (now.responses === last.responses) return now;
    last = now;
  }
  return last;
}
