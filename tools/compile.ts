// Runs the repository's own tsc on one of its tsconfig files (incremental builds into dist/), for the
// benchmarks and for the tests' global setup, which both start compiled code as `npm start` does.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "./repo-root.ts";

/** Compiles the project; throws with tsc's output, saying what could not go ahead, when it fails. */
export function compileProject(tsconfig: string, failure: string): void {
  const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", tsconfig], { cwd: REPO_ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${failure}:\n${result.stdout}${result.stderr}`);
}
