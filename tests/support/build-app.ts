// Vitest global setup: compiles src/ into dist/ once before any test starts, as `npm start` does before it
// runs, so the tests that start the app as a process always run the source as it is now.
import { spawnSync } from "node:child_process";
import path from "node:path";

export default function buildApp(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed, so the app cannot be started:\n${result.stdout}${result.stderr}`);
  }
}
