// Starts Rolecall the way `npm start` does (node dist/src/main.js, compiled by the tests' global setup as
// npm start's prestart compiles it) as a child process, in a fresh working folder so a developer's .env is
// never read, and follows its log.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const SHIPPED_KNOWLEDGE = path.join(REPO_ROOT, "knowledge");
const MAIN = path.join(REPO_ROOT, "dist/src/main.js");

export interface LaunchOptions {
  env: Record<string, string>;
  /** contents of a .env file written into the working folder */
  dotenv?: string;
  /** the compiled entry point to run; the repository's dist/src/main.js unless given */
  main?: string;
  /** the working folder, left in place on exit; a fresh temporary one (removed on exit) unless given */
  cwd?: string;
}

export interface RolecallProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** the working folder it runs in */
  readonly cwd: string;
  /** stderr lines so far (the log, config errors) */
  readonly logLines: string[];
  /** everything written to stdout so far */
  stdout(): string;
  /** resolves once stdout (so far or still to come) matches pattern, looking from character `from` on */
  waitForStdout(pattern: RegExp, from?: number): Promise<RegExpMatchArray>;
  /** resolves with the first log line (seen or still to come) matching pattern, from line `from` on */
  waitForLog(pattern: RegExp, from?: number): Promise<RegExpMatchArray>;
  /** resolves when the process has exited */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** sends the signal and resolves with the exit */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function launchRolecall(options: LaunchOptions): RolecallProcess {
  const cwd = options.cwd ?? mkdtempSync(path.join(tmpdir(), "rolecall-"));
  if (options.dotenv !== undefined) writeFileSync(path.join(cwd, ".env"), options.dotenv);
  const child = spawn(process.execPath, [options.main ?? MAIN], {
    cwd,
    // Only what the test sets, plus what node needs to run: never the developer's SLACK_ variables.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? cwd, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const logLines: string[] = [];
  let stdout = "";
  let waiters: Array<{ pattern: RegExp; from: number; resolve: (m: RegExpMatchArray) => void }> = [];
  let partial = "";
  let stdoutWaiters: Array<{ pattern: RegExp; from: number; resolve: (m: RegExpMatchArray) => void }> = [];
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    partial += chunk;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      const index = logLines.push(line) - 1;
      waiters = waiters.filter((w) => {
        const match = index >= w.from ? line.match(w.pattern) : null;
        if (match) w.resolve(match);
        return !match;
      });
    }
  });
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
    stdoutWaiters = stdoutWaiters.filter((w) => {
      const match = stdout.slice(w.from).match(w.pattern);
      if (match) w.resolve(match);
      return !match;
    });
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      if (options.cwd === undefined) rmSync(cwd, { recursive: true, force: true });
      resolve({ code, signal });
    });
  });
  return {
    child,
    cwd,
    logLines,
    stdout: () => stdout,
    waitForStdout(pattern, from = 0) {
      const match = stdout.slice(from).match(pattern);
      if (match) return Promise.resolve(match);
      return new Promise((resolve, reject) => {
        stdoutWaiters.push({ pattern, from, resolve });
        void exited.then(() =>
          reject(new Error(`Rolecall exited before printing ${pattern}; stdout:\n${stdout.slice(from)}`)),
        );
      });
    },
    waitForLog(pattern, from = 0) {
      for (const line of logLines.slice(from)) {
        const match = line.match(pattern);
        if (match) return Promise.resolve(match);
      }
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, from, resolve });
        void exited.then(() =>
          reject(new Error(`Rolecall exited before logging ${pattern}; log:\n${logLines.join("\n")}`)),
        );
      });
    },
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface RunningHttpApp {
  process: RolecallProcess;
  /** http://127.0.0.1:<port>/slack/events */
  eventsUrl: string;
  port: number;
}

export const READY_HTTP = /connected to Slack over HTTP: POST \/slack\/events on port (\d+)/;
export const READY_SOCKET = /connected to Slack in Socket Mode/;

/** Starts Rolecall in HTTP mode on a free port and resolves once it is listening. */
export async function startHttpApp(options: {
  signingSecret: string;
  apiUrl: string;
  botToken?: string;
  env?: Record<string, string>;
}): Promise<RunningHttpApp> {
  const process = launchRolecall({
    env: {
      SLACK_BOT_TOKEN: options.botToken ?? "xoxb-0000000000-test-token",
      SLACK_SIGNING_SECRET: options.signingSecret,
      SLACK_API_URL: options.apiUrl,
      PORT: "0",
      KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
      ...options.env,
    },
  });
  const match = await process.waitForLog(READY_HTTP);
  const port = Number(match[1]);
  return { process, port, eventsUrl: `http://127.0.0.1:${port}/slack/events` };
}
