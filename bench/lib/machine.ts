// What the benchmark ran on, for the record.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./child.ts";

export interface Machine {
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  packages: Record<string, string>;
  commit: string;
}

export function describeMachine(): Machine {
  return {
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    packages: Object.fromEntries(
      ["typescript", "fuse.js", "minisearch", "autocannon", "@slack/bolt"].map((name) => [
        name,
        packageVersion(name),
      ]),
    ),
    commit: gitCommit(),
  };
}

function packageVersion(name: string): string {
  try {
    const file = path.join(REPO_ROOT, "node_modules", name, "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

function gitCommit(): string {
  try {
    const run = (args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    const commit = run(["rev-parse", "--short", "HEAD"]);
    const dirty = run(["status", "--porcelain", "--", "src", "bench", ":!bench/results"]) !== "";
    return dirty ? `${commit} (with uncommitted changes in src/ or bench/)` : commit;
  } catch {
    return "unknown";
  }
}
