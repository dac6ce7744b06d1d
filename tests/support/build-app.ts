// Vitest global setup: compiles src/ into dist/ before any test starts when dist/ is missing or stale, as
// `npm start` and `npm run -s rolecall` do (tools/build.mjs), so the tests that start the app or the CLI as
// a process always run the source as it is now.
// It also checks for the licensed data some tests need: missing, those tests are skipped with one line
// saying so, and in CI (CI=true) the run fails instead.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../../tools/repo-root.ts";
import { announceRealData } from "./real-data.ts";

export default function buildApp(): void {
  announceRealData();
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, "tools/build.mjs"), "--if-stale"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed, so the app cannot be started:\n${result.stdout}${result.stderr}`);
  }
}
