// Child processes started the way `npm start` starts Rolecall: compiled JavaScript (dist/, written by
// `npm run build`) on plain node, one process, with their output read line by line. Every child of the
// benchmarks runs that way, Rolecall's and the baselines' alike; buildForBenchmarks() compiles them first.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { compileProject } from "../../tools/compile.ts";
import { REPO_ROOT } from "../../tools/repo-root.ts";

export { REPO_ROOT };

/** Compiles src/ and bench/ into dist/ (incrementally), so children run the code as it is now. */
export function buildForBenchmarks(): void {
  compileProject("tsconfig.bench.json", "compiling for the benchmarks failed");
}

/** Where `npm run build` puts the JavaScript for a TypeScript file of the repository. */
export function compiledScript(script: string): string {
  return path.join(REPO_ROOT, "dist", path.relative(REPO_ROOT, script).replace(/\.ts$/, ".js"));
}

export interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  /** ms since spawn when the child started */
  readonly spawnedAt: number;
  /** resolves with the first stdout or stderr line matching pattern, and when it arrived */
  waitForLine(pattern: RegExp): Promise<{ match: RegExpMatchArray; at: number }>;
  readonly exited: Promise<number | null>;
  /** the last lines of stderr, for error messages */
  stderrTail(): string;
  stop(): Promise<number | null>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** node flags such as --cpu-prof (NODE_OPTIONS refuses some of them) */
  nodeFlags?: readonly string[];
}

export function startScript(script: string, args: readonly string[], options: StartOptions = {}): Child {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), compiledScript(script), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const waiters: Array<{ pattern: RegExp; resolve: (v: { match: RegExpMatchArray; at: number }) => void }> =
    [];
  const seen: Array<{ line: string; at: number }> = [];
  let stderr = "";
  const onLines = (stream: NodeJS.ReadableStream, isStderr: boolean) => {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const at = performance.now();
      if (isStderr) stderr = (stderr + chunk).slice(-4000);
      partial += chunk;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        seen.push({ line, at });
        if (seen.length > 2000) seen.splice(0, 1000);
        for (let i = waiters.length - 1; i >= 0; i--) {
          const waiter = waiters[i];
          const match = waiter && line.match(waiter.pattern);
          if (waiter && match) {
            waiters.splice(i, 1);
            waiter.resolve({ match, at });
          }
        }
      }
    });
  };
  onLines(child.stdout, false);
  onLines(child.stderr, true);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    process: child,
    spawnedAt,
    stderrTail: () => stderr,
    waitForLine(pattern) {
      const earlier = seen.find((s) => pattern.test(s.line));
      if (earlier)
        return Promise.resolve({ match: earlier.line.match(pattern) as RegExpMatchArray, at: earlier.at });
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) =>
          reject(
            new Error(`${path.basename(script)} exited (${code}) before printing ${pattern}:\n${stderr}`),
          ),
        );
      });
    },
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
