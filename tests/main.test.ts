// npm start as a process: the local console without credentials, clear one-line failures, Slack start-up
// checks and clean shutdown on SIGINT/SIGTERM.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_HINT, CONSOLE_RELOADED } from "../src/terminal/messages.ts";
import { launchRolecall, READY_HTTP, SHIPPED_KNOWLEDGE } from "./support/app-process.ts";
import { copyKnowledge } from "./support/knowledge.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.ts";

const BOT = "xoxb-5555-6666-main-test";
const SECRET = "main-test-signing-secret";

let api: SlackApiStandIn;
beforeAll(async () => {
  api = await startSlackApiStandIn();
});
afterAll(async () => {
  await api?.close();
});

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function noStackTrace(lines: string[]): void {
  expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
}

describe("without Slack credentials", () => {
  it("says how to connect to Slack, then answers questions in the local console", async () => {
    const app = launchRolecall({ env: { KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE } });
    app.child.stdin.end("ITMG 5\n");
    const exit = await app.exited;
    expect(exit.code).toBe(0);
    expect(app.logLines).toEqual([CONSOLE_HINT]);
    expect(app.stdout()).toContain("ITMG level 5: IT management (SFIA 7)");
  });
});

describe("the local console with a DATA_DIR it cannot write", () => {
  it("still answers, and says knowledge edits wait for a restart", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rolecall-datadir-"));
    const file = path.join(dir, "not-a-folder");
    writeFileSync(file, "");
    try {
      const app = launchRolecall({
        env: { KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE, DATA_DIR: path.join(file, "data") },
      });
      app.child.stdin.end("ITMG 5\n");
      expect((await app.exited).code).toBe(0);
      expect(app.stdout()).toContain("ITMG level 5: IT management (SFIA 7)");
      expect(app.logLines[0]).toBe(CONSOLE_HINT);
      expect(app.logLines[1]).toMatch(
        /WARN {2}Knowledge edits will not be picked up until Rolecall restarts /,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the local console while the knowledge is edited", () => {
  const OLD = "Takes responsibility for the design, procurement";
  const NEW = "Owns the design, procurement";

  it("keeps answering through a bad edit, says where it is, and picks up the fix, with no database", async () => {
    const knowledge = await copyKnowledge(SHIPPED_KNOWLEDGE);
    // Set but unreachable: the console must neither need nor try PostgreSQL.
    const app = launchRolecall({
      env: {
        KNOWLEDGE_DIR: knowledge.dir,
        DATABASE_URL: "postgres://nobody:console-secret@127.0.0.1:1/none",
      },
    });
    try {
      await app.waitForStdout(/Ask a question/);
      const text = await knowledge.read("sfia-itmg.yaml");
      const broken = text
        .replace(OLD, NEW)
        .replace("      - level: 6\n", "      - level: 6\n     broken: [\n");
      expect(broken).not.toBe(text);
      await knowledge.write("sfia-itmg.yaml", broken);
      await app.waitForLog(/WARN {2}knowledge problem: \S*sfia-itmg\.yaml:\d+:\d+ YAML syntax error/);

      let mark = app.stdout().length;
      app.child.stdin.write("ITMG 5\n");
      await app.waitForStdout(/Try next:/, mark);
      expect(app.stdout().slice(mark)).not.toContain(NEW);

      await knowledge.write("sfia-itmg.yaml", broken.replace("     broken: [\n", ""));
      await app.waitForLog(new RegExp(`^${CONSOLE_RELOADED}$`));
      mark = app.stdout().length;
      app.child.stdin.write("ITMG 5\n");
      await app.waitForStdout(/Try next:/, mark);
      expect(app.stdout().slice(mark)).toContain(NEW);

      app.child.stdin.end();
      expect((await app.exited).code).toBe(0);
      expect(app.logLines.join("\n")).not.toMatch(/postgres|console-secret/i);
      expect(app.logLines.filter((line) => / ERROR /.test(line))).toEqual([]);
    } finally {
      await app.stop();
      await knowledge.destroy();
    }
  });
});

describe("a configuration mistake", () => {
  it("prints one line per mistake naming the variable, and exits 1 without a stack trace", async () => {
    const app = launchRolecall({
      env: { SLACK_BOT_TOKEN: "xoxp-1-2-3", SLACK_APP_TOKEN: "xapp-1-2", PORT: "http" },
    });
    const exit = await app.exited;
    expect(exit.code).toBe(1);
    expect(app.logLines).toEqual([
      "SLACK_BOT_TOKEN holds a user token (xoxp-…): use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions instead.",
      'PORT must be a whole number such as 3000 (got "http").',
    ]);
  });

  it("names the missing OAuth variable when only some are set, never echoing the client secret", async () => {
    const clientSecret = "c0ffee0123456789abcdef0123456789";
    const app = launchRolecall({
      env: { SLACK_CLIENT_ID: "1111.2222", SLACK_CLIENT_SECRET: clientSecret, SLACK_SIGNING_SECRET: SECRET },
    });
    expect((await app.exited).code).toBe(1);
    expect(app.logLines).toHaveLength(1);
    expect(app.logLines[0]).toMatch(/^SLACK_STATE_SECRET is not set: installing Rolecall in many workspaces/);
    expect(app.logLines.join("\n")).not.toContain(clientSecret);
  });

  it("is read from .env in the working folder too", async () => {
    const app = launchRolecall({ env: {}, dotenv: "SLACK_BOT_TOKEN=xoxb-1-2\n" });
    expect((await app.exited).code).toBe(1);
    expect(app.logLines[0]).toMatch(/^SLACK_SIGNING_SECRET is missing or empty/);
  });
});

describe("broken knowledge", () => {
  it("prints each problem as file:line:col and exits 1 without a stack trace", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rolecall-knowledge-"));
    writeFileSync(
      path.join(dir, "broken.yaml"),
      "frameworks:\n  - id: Not An Id\n    name: X\n    version: '1'\n",
    );
    const app = launchRolecall({ env: { KNOWLEDGE_DIR: dir } });
    expect((await app.exited).code).toBe(1);
    rmSync(dir, { recursive: true, force: true });
    expect(app.logLines[0]).toMatch(/^The knowledge base has \d+ problems?:$/);
    expect(app.logLines.join("\n")).toMatch(/broken\.yaml:2:\d+ frameworks\[0\]\.id: /);
    noStackTrace(app.logLines);
  });

  it("names a knowledge folder that does not exist", async () => {
    const app = launchRolecall({ env: { KNOWLEDGE_DIR: "/no/such/rolecall/knowledge" } });
    expect((await app.exited).code).toBe(1);
    expect(app.logLines.join("\n")).toContain(
      "/no/such/rolecall/knowledge:1:1 cannot read knowledge: folder not found",
    );
  });
});

describe("starting against Slack", () => {
  it("stops with one clear line when Slack rejects the bot token", async () => {
    api.failNext("auth.test", { error: "invalid_auth" });
    const app = launchRolecall({
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.apiUrl,
        KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
      },
    });
    expect((await app.exited).code).toBe(1);
    expect(app.logLines.at(-1)).toMatch(/^Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)\. /);
    noStackTrace(app.logLines);
    expect(app.logLines.join("\n")).not.toContain(BOT);
  });

  it("stops with one clear line when Slack rejects the app token", async () => {
    api.failNext("apps.connections.open", { error: "invalid_auth" });
    const app = launchRolecall({
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_APP_TOKEN: "xapp-1-A0-rejected",
        SLACK_API_URL: api.apiUrl,
        KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
      },
    });
    expect((await app.exited).code).toBe(1);
    expect(app.logLines.at(-1)).toMatch(/^Slack rejected SLACK_APP_TOKEN \(invalid_auth\)\. /);
    noStackTrace(app.logLines);
  });

  it("stops with one clear line when the Web API cannot be reached", async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const app = launchRolecall({
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: apiUrl,
        KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
      },
    });
    expect((await app.exited).code).toBe(1);
    expect(app.logLines.at(-1)).toContain(`Could not reach Slack's Web API at ${apiUrl}`);
    noStackTrace(app.logLines);
  });
});

describe("a notifications store that cannot be used", () => {
  it("is named in one line with DATABASE_URL and the password hidden, and Rolecall exits 1", async () => {
    const app = launchRolecall({
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.apiUrl,
        KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
        DATABASE_URL: `postgres://rolecall:pg-Pa55word@127.0.0.1:${await closedPort()}/rolecall`,
      },
    });
    expect((await app.exited).code).toBe(1);
    expect(app.logLines).toHaveLength(1);
    expect(app.logLines[0]).toMatch(
      /^DATABASE_URL: Cannot use the store at postgres:\/\/rolecall:\*\*\*@127\.0\.0\.1:\d+\/rolecall: /,
    );
    expect(app.logLines[0]).not.toContain("pg-Pa55word");
  });

  it("names DATA_DIR when the embedded store cannot be created there", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rolecall-datadir-"));
    const file = path.join(dir, "not-a-folder");
    writeFileSync(file, "");
    try {
      const app = launchRolecall({
        env: {
          SLACK_BOT_TOKEN: BOT,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: api.apiUrl,
          KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
          DATA_DIR: path.join(file, "data"),
        },
      });
      expect((await app.exited).code).toBe(1);
      expect(app.logLines.at(-1)).toMatch(
        /^DATA_DIR: .*Point DATA_DIR at a folder Rolecall can create and write to\.$/,
      );
      noStackTrace(app.logLines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a DATA_DIR under /proc, where no folder can be made", () => {
  // Node's recursive mkdir never returns there; these would hang until the test timed out.
  it("stops the bot at once with the usual one line naming DATA_DIR", async () => {
    const app = launchRolecall({
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.apiUrl,
        KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
        DATA_DIR: "/proc/rolecall-test/data",
      },
    });
    expect((await app.exited).code).toBe(1);
    expect(app.logLines.at(-1)).toMatch(
      /^DATA_DIR: Cannot use the store at \/proc\/rolecall-test\/data\/rolecall\.db: .*Point DATA_DIR at a folder Rolecall can create and write to\.$/,
    );
    noStackTrace(app.logLines);
  });

  it("lets the local console answer, saying edits wait for a restart", async () => {
    const app = launchRolecall({
      env: { KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE, DATA_DIR: "/proc/rolecall-test/data" },
    });
    app.child.stdin.end("ITMG 5\n");
    expect((await app.exited).code).toBe(0);
    expect(app.stdout()).toContain("ITMG level 5: IT management (SFIA 7)");
    expect(app.logLines[1]).toMatch(/WARN {2}Knowledge edits will not be picked up until Rolecall restarts /);
  });
});

describe("a port already in use", () => {
  it("is named in one clear line", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, () => resolve()));
    const { port } = busy.address() as { port: number };
    try {
      const app = launchRolecall({
        env: {
          SLACK_BOT_TOKEN: BOT,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: api.apiUrl,
          KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE,
          PORT: String(port),
        },
      });
      expect((await app.exited).code).toBe(1);
      expect(app.logLines.at(-1)).toBe(
        `PORT ${port} is already in use: stop the other program or set PORT to a free port.`,
      );
    } finally {
      busy.close();
    }
  });
});

describe("shutting down", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("stops cleanly on %s", async (signal) => {
    const app = launchRolecall({
      env: { SLACK_API_URL: api.apiUrl, KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE, PORT: "0" },
      dotenv: `SLACK_BOT_TOKEN=${BOT}\nSLACK_SIGNING_SECRET=${SECRET}\n`,
    });
    const [, port] = await app.waitForLog(READY_HTTP);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await app.stop(signal)).toEqual({ code: 0, signal: null });
    expect(app.logLines.at(-1)).toMatch(/INFO {2}Stopped$/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
