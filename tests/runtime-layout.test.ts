// The Dockerfile's runtime stage, built without docker: package files, the compiled dist/ and the shipped
// knowledge in a folder of their own, the production dependencies installed with npm ci --omit=dev (from
// npm's cache where it can), and no src/. Rolecall must start there with no compiler present, answer in
// the console, and serve its operations endpoints in HTTP mode. A change to the Dockerfile's runtime
// stage belongs here too.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchRolecall, READY_HTTP, REPO_ROOT } from "./support/app-process.ts";
import { getOps, opsPortOf } from "./support/ops.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.ts";

/** What the runtime stage copies, besides the dependencies it installs. */
const COPIED = ["package.json", "package-lock.json", "dist", "knowledge"];
const INSTALL_MS = 240_000;

let app: string;

beforeAll(() => {
  app = mkdtempSync(path.join(tmpdir(), "rolecall-runtime-"));
  for (const entry of COPIED) cpSync(path.join(REPO_ROOT, entry), path.join(app, entry), { recursive: true });
  const installed = spawnSync(
    "npm",
    [
      "ci",
      "--omit=dev",
      "--prefer-offline",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
    ],
    { cwd: app, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } },
  );
  if (installed.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${installed.stderr}`);
  // better-sqlite3's install script would compile SQLite for minutes where its prebuilt binary cannot be
  // downloaded (the image downloads it); the repository's own build of the same locked version stands in.
  const binary = "node_modules/better-sqlite3/build/Release/better_sqlite3.node";
  cpSync(path.join(REPO_ROOT, binary), path.join(app, binary));
}, INSTALL_MS);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe("the runtime image's layout", () => {
  it("holds no compiler, no TypeScript source and no dev dependency", () => {
    for (const absent of ["node_modules/typescript", "node_modules/tsx", "node_modules/.bin/tsc", "src"]) {
      expect(existsSync(path.join(app, absent)), absent).toBe(false);
    }
    expect(existsSync(path.join(app, "node_modules/vitest"))).toBe(false);
    expect(existsSync(path.join(app, "node_modules/prom-client"))).toBe(true);
  });

  it("starts the compiled bot, which finds ./knowledge and answers in the console", async () => {
    const bot = launchRolecall({ main: path.join(app, "dist/src/main.js"), cwd: app, env: {} });
    bot.child.stdin.end("ITMG 5\n");
    expect((await bot.exited).code).toBe(0);
    expect(bot.stdout()).toContain("ITMG level 5: IT management (SFIA 7)");
  });

  describe("in HTTP mode", () => {
    let api: SlackApiStandIn;
    beforeAll(async () => {
      api = await startSlackApiStandIn();
    });
    afterAll(async () => {
      await api?.close();
    });

    it("serves /livez and /readyz on OPS_PORT, and stops cleanly on SIGTERM", async () => {
      const bot = launchRolecall({
        main: path.join(app, "dist/src/main.js"),
        cwd: app,
        env: {
          SLACK_BOT_TOKEN: "xoxb-1212-3434-runtime-layout",
          SLACK_SIGNING_SECRET: "runtime-layout-signing-secret",
          SLACK_API_URL: api.apiUrl,
          PORT: "0",
          OPS_PORT: "0",
          DATA_DIR: path.join(app, "data"),
        },
      });
      try {
        const port = await opsPortOf(bot);
        await bot.waitForLog(READY_HTTP);
        expect(await getOps(port, "/livez")).toEqual({ status: 200, body: "ok\n" });
        expect((await getOps(port, "/readyz")).status).toBe(200);
        expect(await bot.stop()).toEqual({ code: 0, signal: null });
      } finally {
        await bot.stop("SIGKILL");
      }
    });
  });
});
