// Compiles src/ into dist/ (npm run build), or with --if-stale only when dist/ is missing or was built from
// other source, so `npm start` and `npm run -s rolecall` run compiled JavaScript without paying for tsc
// (a few seconds) on every start.
// Plain JavaScript on purpose: it runs before anything is compiled, and in an image without TypeScript.
// Fresh means: dist/.source-hash holds the hash of every file under src/ plus the tsconfig files, as
// written by the last successful build here. A hash, not mtimes, so a checkout or a copy that touches
// files does not force a build, and an edit with an old mtime still does.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const STAMP_FILE = "dist/.source-hash";
/** What running the bot and the CLI needs from dist/. */
const ENTRY_POINTS = ["dist/src/main.js", "dist/src/cli.js"];
const BUILD_INPUTS = ["tsconfig.json", "tsconfig.build.json"];

/** The hash of the source a build compiles, or undefined when there is no src/ (an installed image). */
export function sourceHash(root = ROOT) {
  const src = path.join(root, "src");
  if (!existsSync(src)) return undefined;
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .concat(BUILD_INPUTS.filter((file) => existsSync(path.join(root, file))))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file.split(path.sep).join("/")}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Why dist/ must be built again, or undefined when it is up to date. */
export function staleReason(root = ROOT) {
  const missing = ENTRY_POINTS.find((file) => !existsSync(path.join(root, file)));
  if (missing) return `${missing} is missing`;
  const current = sourceHash(root);
  if (current === undefined) return undefined;
  const stamp = path.join(root, STAMP_FILE);
  const built = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
  return built === current ? undefined : "src/ changed since dist/ was built";
}

/** Builds (when stale, with onlyIfStale); returns the exit code (tsc's when it fails). */
export function build({
  onlyIfStale = false,
  root = ROOT,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  const reason = staleReason(root);
  if (onlyIfStale && reason === undefined) return 0;
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  if (!existsSync(tsc) || !existsSync(path.join(root, "src"))) {
    log(
      `Cannot build dist/ (${reason ?? "asked to"}): TypeScript is not installed. Run npm install (with dev dependencies), then npm run build.`,
    );
    return 1;
  }
  const hashBefore = sourceHash(root);
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) return result.status ?? 1;
  // The hash of what was there when tsc started: an edit during the build makes the next start build again.
  writeFileSync(path.join(root, STAMP_FILE), `${hashBefore}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = build({ onlyIfStale: process.argv.includes("--if-stale") });
}
