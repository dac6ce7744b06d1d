import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  DEFAULTS,
  HIDDEN_VALUE,
  loadConfig,
  readCommandConfig,
  readConfig,
  secretsOf,
} from "../src/config.ts";

const BOT = "xoxb-1234-5678-abcdefghijkl";
const APP = "xapp-1-A0ROLECALL-1234-abcdef";
const SECRET = "0123456789abcdef0123456789abcdef";

function configError(env: Record<string, string>): ConfigError {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("choosing how to run", () => {
  it("runs the local console with no Slack credentials", () => {
    expect(readConfig({}).mode).toBe("console");
  });

  it("treats blank values, as in a copied .env.example, as unset", () => {
    expect(
      readConfig({ SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: " ", SLACK_SIGNING_SECRET: "", PORT: "" }).mode,
    ).toBe("console");
  });

  it("uses Socket Mode with a bot token and an app token", () => {
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).mode).toBe("socket");
  });

  it("prefers Socket Mode when a signing secret is also set", () => {
    expect(
      readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET }).mode,
    ).toBe("socket");
  });

  it("serves HTTP with a bot token and a signing secret", () => {
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }).mode).toBe("http");
  });
});

describe("defaults", () => {
  it("fills in every optional variable", () => {
    expect(readConfig({})).toEqual({
      mode: "console",
      slack: {
        apiUrl: DEFAULTS.slackApiUrl,
        botToken: undefined,
        appToken: undefined,
        signingSecret: undefined,
      },
      port: 3000,
      http: { maxConnections: 1000, requestTimeoutMs: 10_000 },
      knowledgeDir: "./knowledge",
      logLevel: "info",
      logFormat: "text",
      shutdownDrainMs: 0,
      dataDir: "./data",
      databaseUrl: undefined,
      profileFile: "data/profile.json",
      admins: [],
      subscribers: "admins",
      peopleRefreshMs: 60 * 60_000,
      retentionDays: 30,
      feedback: { recordQuestions: "off", questionRetentionDays: 30 },
    });
  });

  it("reads what is kept of questions, for how long, and the hash key", () => {
    const config = readConfig({
      ROLECALL_RECORD_QUESTIONS: "Unanswered",
      ROLECALL_QUESTION_RETENTION_DAYS: "7",
      ROLECALL_HASH_SECRET: "a-long-enough-hash-key",
    });
    expect(config.feedback).toEqual({
      recordQuestions: "unanswered",
      questionRetentionDays: 7,
      hashSecret: "a-long-enough-hash-key",
    });
    expect(secretsOf(config)).toContain("a-long-enough-hash-key");
  });

  it("keys the hashes with the signing secret, else the app-level token, when no hash key is set", () => {
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }).feedback.hashSecret).toBe(
      SECRET,
    );
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).feedback.hashSecret).toBe(APP);
  });

  it("refuses an unknown recording choice, a bad retention and a short hash key", () => {
    expect(() => readConfig({ ROLECALL_RECORD_QUESTIONS: "some" })).toThrow(
      /ROLECALL_RECORD_QUESTIONS must be off/,
    );
    expect(() => readConfig({ ROLECALL_QUESTION_RETENTION_DAYS: "0" })).toThrow(
      /ROLECALL_QUESTION_RETENTION_DAYS must be a whole number of days from 1 to 3650/,
    );
    expect(() => readConfig({ ROLECALL_HASH_SECRET: "short" })).toThrow(/at least 16 characters/);
  });

  it("reads the others", () => {
    const config = readConfig({
      PORT: "8080",
      SLACK_API_URL: "http://127.0.0.1:9999/api",
      KNOWLEDGE_DIR: "/srv/knowledge",
      LOG_LEVEL: "DEBUG",
      DATA_DIR: "/var/lib/rolecall",
      DATABASE_URL: "postgres://rolecall@db/rolecall",
      ROLECALL_ADMINS: "U0AAA, W0BBB U0CCC",
      ROLECALL_SUBSCRIBERS: "Everyone",
      HTTP_MAX_CONNECTIONS: "50",
      HTTP_REQUEST_TIMEOUT_MS: "2000",
      OPS_PORT: "9090",
      LOG_FORMAT: "JSON",
      SHUTDOWN_DRAIN_MS: "5000",
      ROLECALL_PEOPLE_REFRESH_MINUTES: "15",
      ROLECALL_RETENTION_DAYS: "90",
      ROLECALL_KNOWLEDGE_REVISION: "2026-12-01T10:00Z",
    });
    expect(config).toMatchObject({
      port: 8080,
      opsPort: 9090,
      logFormat: "json",
      shutdownDrainMs: 5000,
      http: { maxConnections: 50, requestTimeoutMs: 2000 },
      slack: { apiUrl: "http://127.0.0.1:9999/api/" },
      knowledgeDir: "/srv/knowledge",
      logLevel: "debug",
      dataDir: "/var/lib/rolecall",
      databaseUrl: "postgres://rolecall@db/rolecall",
      admins: ["U0AAA", "W0BBB", "U0CCC"],
      subscribers: "everyone",
      peopleRefreshMs: 15 * 60_000,
      retentionDays: 90,
      knowledgeRevision: "2026-12-01T10:00Z",
    });
  });
});

describe("mistakes get one line naming the variable", () => {
  it.each([
    [
      { SLACK_BOT_TOKEN: "xoxp-1-2-3", SLACK_APP_TOKEN: APP },
      "SLACK_BOT_TOKEN",
      "WRONG_TOKEN_TYPE",
      /user token \(xoxp-…\)/,
    ],
    [
      { SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: APP },
      "SLACK_BOT_TOKEN",
      "WRONG_TOKEN_TYPE",
      /app-level token \(xapp-…\)/,
    ],
    [
      { SLACK_BOT_TOKEN: "hello", SLACK_APP_TOKEN: APP },
      "SLACK_BOT_TOKEN",
      "WRONG_TOKEN_TYPE",
      /must be a Bot User OAuth Token/,
    ],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT },
      "SLACK_APP_TOKEN",
      "WRONG_TOKEN_TYPE",
      /bot token \(xoxb-…\)/,
    ],
    [{ SLACK_BOT_TOKEN: BOT }, "SLACK_SIGNING_SECRET", "MISSING", /missing or empty/],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "" },
      "SLACK_SIGNING_SECRET",
      "MISSING",
      /missing or empty/,
    ],
    [{ SLACK_APP_TOKEN: APP }, "SLACK_BOT_TOKEN", "MISSING", /is not set/],
    [{ SLACK_SIGNING_SECRET: SECRET }, "SLACK_BOT_TOKEN", "MISSING", /is not set/],
    [{ PORT: "eighty" }, "PORT", "NOT_A_NUMBER", /PORT must be a whole number such as 3000 \(got "eighty"\)/],
    [{ PORT: "3000.5" }, "PORT", "NOT_A_NUMBER", /whole number/],
    [{ PORT: "70000" }, "PORT", "OUT_OF_RANGE", /between 0 and 65535/],
    [{ SLACK_API_URL: "slack.com/api" }, "SLACK_API_URL", "INVALID_URL", /http\(s\) URL/],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", "INVALID_VALUE", /one of debug, info, warn, error/],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL", "INVALID_URL", /PostgreSQL URL/],
    [{ ROLECALL_ADMINS: "U0AAA,@bob" }, "ROLECALL_ADMINS", "INVALID_VALUE", /"@bob"/],
    [{ HTTP_MAX_CONNECTIONS: "many" }, "HTTP_MAX_CONNECTIONS", "NOT_A_NUMBER", /whole number from 2/],
    [{ HTTP_REQUEST_TIMEOUT_MS: "5" }, "HTTP_REQUEST_TIMEOUT_MS", "OUT_OF_RANGE", /from 100 to 300000/],
    [{ OPS_PORT: "metrics" }, "OPS_PORT", "NOT_A_NUMBER", /whole number such as 9090/],
    [{ OPS_PORT: "70000" }, "OPS_PORT", "OUT_OF_RANGE", /between 0 and 65535/],
    [{ OPS_PORT: "3000", PORT: "3000" }, "OPS_PORT", "INVALID_VALUE", /must differ from PORT/],
    [{ LOG_FORMAT: "xml" }, "LOG_FORMAT", "INVALID_VALUE", /one of text, json/],
    [{ SHUTDOWN_DRAIN_MS: "-1" }, "SHUTDOWN_DRAIN_MS", "NOT_A_NUMBER", /from 0 to 600000/],
    [
      { ROLECALL_PEOPLE_REFRESH_MINUTES: "0" },
      "ROLECALL_PEOPLE_REFRESH_MINUTES",
      "OUT_OF_RANGE",
      /from 1 to 10080 \(minutes a user group's members are trusted/,
    ],
    [
      { ROLECALL_PEOPLE_REFRESH_MINUTES: "hourly" },
      "ROLECALL_PEOPLE_REFRESH_MINUTES",
      "NOT_A_NUMBER",
      /whole number/,
    ],
    [{ ROLECALL_SUBSCRIBERS: "owners" }, "ROLECALL_SUBSCRIBERS", "INVALID_VALUE", /admins .* or everyone/],
    [{ ROLECALL_RETENTION_DAYS: "0" }, "ROLECALL_RETENTION_DAYS", "OUT_OF_RANGE", /from 1 to 3650/],
    [
      { ROLECALL_RETENTION_DAYS: "a month" },
      "ROLECALL_RETENTION_DAYS",
      "NOT_A_NUMBER",
      /from 1 to 3650 \(days/,
    ],
    [
      { ROLECALL_KNOWLEDGE_REVISION: "release 42" },
      "ROLECALL_KNOWLEDGE_REVISION",
      "INVALID_VALUE",
      /each knowledge release raises/,
    ],
    [
      { ROLECALL_DEFAULT_FRAMEWORK: "SFIA 9!" },
      "ROLECALL_DEFAULT_FRAMEWORK",
      "INVALID_VALUE",
      /framework id from the knowledge, such as sfia or ddat/,
    ],
  ])("%j → %s", (env, variable, code, message) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(variable)).toBe(true);
    expect(error.message).not.toContain("\n");
  });

  it("lists every mistake, one per line", () => {
    const error = configError({ SLACK_BOT_TOKEN: "xoxp-1", PORT: "x", LOG_LEVEL: "loud" });
    expect(error.issues.map((i) => i.variable)).toEqual([
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "PORT",
      "LOG_LEVEL",
    ]);
    expect(error.message.split("\n")).toHaveLength(4);
  });

  it("never repeats a token, secret or database password back", () => {
    const token = "xoxp-9999-secret-user-token";
    const error = configError({
      SLACK_BOT_TOKEN: token,
      SLACK_APP_TOKEN: "xoxb-8888-bot",
      DATABASE_URL: "mysql://u:pw123456@h",
    });
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain("xoxb-8888-bot");
    expect(error.message).not.toContain("pw123456");
  });
});

describe("a secret put in the wrong variable", () => {
  it.each([
    ["the bot token in SLACK_API_URL", { SLACK_API_URL: BOT }, BOT],
    ["the app token in LOG_LEVEL", { LOG_LEVEL: APP }, APP],
    ["the signing secret in PORT", { PORT: SECRET }, SECRET],
    [
      "the signing secret in PORT while SLACK_SIGNING_SECRET holds it too",
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "k9-notlong", PORT: "k9-notlong" },
      "k9-notlong",
    ],
    [
      "a token in HTTP_MAX_CONNECTIONS",
      { HTTP_MAX_CONNECTIONS: "xoxe.xoxb-1-rotating" },
      "xoxe.xoxb-1-rotating",
    ],
    [
      "a client secret in ROLECALL_SUBSCRIBERS",
      { ROLECALL_SUBSCRIBERS: "3f1c9d0e7a6b5c4d" },
      "3f1c9d0e7a6b5c4d",
    ],
    ["a secret in ROLECALL_ADMINS", { ROLECALL_ADMINS: `U0AAA,${SECRET}` }, SECRET],
    [
      "a rotating token in ROLECALL_DEFAULT_FRAMEWORK",
      { ROLECALL_DEFAULT_FRAMEWORK: "xoxe.xoxb-1-rotating" },
      "xoxe.xoxb-1-rotating",
    ],
    ["a URL with a password in SLACK_API_URL", { SLACK_API_URL: "ftp://u:hunter2@h/" }, "hunter2"],
  ])("%s is named, not echoed, in any part of the error", (_name, env, secret) => {
    const error = configError(env);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(secret.slice(0, 8));
    expect(error.message).toContain(HIDDEN_VALUE);
  });

  it("ordinary mistakes are still echoed", () => {
    expect(configError({ SLACK_API_URL: "slack.com/api" }).message).toContain('(got "slack.com/api")');
    expect(configError({ PORT: "eighty" }).message).toContain('(got "eighty")');
    expect(configError({ ROLECALL_DEFAULT_FRAMEWORK: "not a framework" }).message).toContain(
      '(got "not a framework")',
    );
  });
});

describe("many workspaces (OAuth)", () => {
  const OAUTH = {
    SLACK_CLIENT_ID: "1111111111.2222222222",
    SLACK_CLIENT_SECRET: "c0ffee0123456789abcdef0123456789",
    SLACK_STATE_SECRET: "a-long-random-state-secret-4242",
  };

  it("serves HTTP as a distributable app with the three OAuth variables and a signing secret", () => {
    const config = readConfig({ ...OAUTH, SLACK_SIGNING_SECRET: SECRET });
    expect(config.mode).toBe("http");
    expect(config.slack.botToken).toBeUndefined();
    expect(config.slack.oauth).toEqual({
      clientId: OAUTH.SLACK_CLIENT_ID,
      clientSecret: OAUTH.SLACK_CLIENT_SECRET,
      stateSecret: OAUTH.SLACK_STATE_SECRET,
      installPort: DEFAULTS.installPort,
    });
  });

  it("uses Socket Mode with an app token, serving the install page on SLACK_INSTALL_PORT", () => {
    const config = readConfig({ ...OAUTH, SLACK_APP_TOKEN: APP, SLACK_INSTALL_PORT: "3100" });
    expect(config.mode).toBe("socket");
    expect(config.slack.oauth?.installPort).toBe(3100);
  });

  it.each(["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const)(
    "names %s when only the others are set, and how to go back to one workspace",
    (missing) => {
      const env: Record<string, string> = { ...OAUTH, SLACK_SIGNING_SECRET: SECRET };
      delete env[missing];
      const error = configError(env);
      expect(error.issues).toHaveLength(1);
      expect(error).toMatchObject({ code: "MISSING", variable: missing });
      expect(error.message).toMatch(new RegExp(`^${missing} is not set: `));
      expect(error.message).toContain(
        "needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET together",
      );
      expect(error.message).toContain("Leave all three empty to run on one workspace's SLACK_BOT_TOKEN.");
    },
  );

  it("refuses a bot token beside OAuth, and OAuth with no way for Slack to reach Rolecall", () => {
    expect(configError({ ...OAUTH, SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).toMatchObject({
      variable: "SLACK_BOT_TOKEN",
      code: "INVALID_VALUE",
    });
    expect(configError(OAUTH)).toMatchObject({ variable: "SLACK_SIGNING_SECRET", code: "MISSING" });
  });

  it("refuses a short state secret", () => {
    expect(
      configError({ ...OAUTH, SLACK_STATE_SECRET: "short", SLACK_SIGNING_SECRET: SECRET }),
    ).toMatchObject({ variable: "SLACK_STATE_SECRET", code: "INVALID_VALUE" });
  });

  it("needs the admins' workspace to DM ROLECALL_ADMINS, and checks its shape", () => {
    const env = { ...OAUTH, SLACK_SIGNING_SECRET: SECRET, ROLECALL_ADMINS: "U0OPS" };
    expect(configError(env)).toMatchObject({ variable: "ROLECALL_ADMIN_TEAM", code: "MISSING" });
    expect(readConfig({ ...env, ROLECALL_ADMIN_TEAM: "T0OPS" }).adminTeam).toBe("T0OPS");
    expect(configError({ ...env, ROLECALL_ADMIN_TEAM: "ops" })).toMatchObject({
      variable: "ROLECALL_ADMIN_TEAM",
      code: "INVALID_VALUE",
    });
  });

  it("checks SLACK_INSTALL_PORT", () => {
    expect(configError({ ...OAUTH, SLACK_APP_TOKEN: APP, SLACK_INSTALL_PORT: "http" })).toMatchObject({
      variable: "SLACK_INSTALL_PORT",
      code: "NOT_A_NUMBER",
    });
  });

  it("never repeats the client or state secret in an error, even put in the wrong variable", () => {
    const error = configError({
      ...OAUTH,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_INSTALL_PORT: OAUTH.SLACK_CLIENT_SECRET,
      ROLECALL_ADMIN_TEAM: OAUTH.SLACK_STATE_SECRET,
    });
    expect(error.issues.map((i) => i.variable).sort()).toEqual(["ROLECALL_ADMIN_TEAM", "SLACK_INSTALL_PORT"]);
    expect(error.message).not.toContain(OAUTH.SLACK_CLIENT_SECRET);
    expect(error.message).not.toContain(OAUTH.SLACK_STATE_SECRET);
    expect(error.message).toContain(HIDDEN_VALUE);
  });

  it("has the logger redact the client and state secrets", () => {
    const config = readConfig({ ...OAUTH, SLACK_SIGNING_SECRET: SECRET });
    expect(secretsOf(config).sort()).toEqual(
      [SECRET, OAUTH.SLACK_CLIENT_SECRET, OAUTH.SLACK_STATE_SECRET].sort(),
    );
  });
});

describe("secretsOf", () => {
  it("lists the values the logger must redact", () => {
    const config = readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET });
    expect(secretsOf(config).sort()).toEqual([APP, BOT, SECRET].sort());
  });

  it("includes the database URL and its password, as written and decoded", () => {
    const url = "postgres://rolecall:s3cret%2Fpass@db.example.com:5432/rolecall";
    const config = readConfig({ DATABASE_URL: url });
    expect(secretsOf(config).sort()).toEqual([url, "s3cret%2Fpass", "s3cret/pass"].sort());
  });
});

describe("loadConfig", () => {
  it("reads .env, but real environment variables win", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rolecall-config-"));
    const file = path.join(dir, ".env");
    writeFileSync(file, `SLACK_BOT_TOKEN=${BOT}\nSLACK_SIGNING_SECRET=${SECRET}\nPORT=4000\n`);
    const env: NodeJS.ProcessEnv = { PORT: "5000" };
    const config = loadConfig(env, file);
    rmSync(dir, { recursive: true, force: true });
    expect(config.mode).toBe("http");
    expect(config.port).toBe(5000);
  });

  it("is fine without a .env file", () => {
    expect(loadConfig({}, path.join(tmpdir(), "no-such-folder-rolecall", ".env")).mode).toBe("console");
  });
});

describe("readCommandConfig", () => {
  it("reads the knowledge revision, so `rolecall publish` orders its publish as the bot does", () => {
    expect(readCommandConfig({ ROLECALL_KNOWLEDGE_REVISION: "42" }).knowledgeRevision).toBe("42");
    expect(() => readCommandConfig({ ROLECALL_KNOWLEDGE_REVISION: "4 2" })).toThrow(ConfigError);
  });
});
