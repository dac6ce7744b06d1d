// The environment, read once (with .env loaded quietly) and validated. Each mistake becomes one line
// naming the variable and what to do; token values are never repeated back. This is the only module that
// reads process.env: the bot reads its Config here, and the CLI commands their CommandConfig.
import path from "node:path";
import dotenv from "dotenv";
import { z } from "zod";
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from "./log.ts";
import { SLACK_TEAM_ID, SLACK_USER_ID } from "./slack-ids.ts";

/** What each setting is when its variable is unset or empty. */
export const DEFAULTS = Object.freeze({
  slackApiUrl: "https://slack.com/api/",
  port: 3000,
  knowledgeDir: "./knowledge",
  logLevel: "info" as LogLevel,
  logFormat: "text" as LogFormat,
  /** how long /readyz says 503 before a stopping bot stops taking work: none unless asked for */
  shutdownDrainMs: 0,
  dataDir: "./data",
  /** the console's and CLI's profile, inside DATA_DIR unless ROLECALL_PROFILE_FILE says otherwise */
  profileFileName: "profile.json",
  subscribers: "admins" as SubscriberPolicy,
  /** how long a role's user group members and people's names are trusted before Slack is asked again */
  peopleRefreshMinutes: 60,
  /** how long delivered notifications and old snapshots are kept */
  retentionDays: 30,
  recordQuestions: "off" as QuestionRecording,
  questionRetentionDays: 30,
  /** Socket Mode with OAuth: where the install page and the OAuth redirect are served */
  installPort: 3000,
});

/** ROLECALL_RECORD_QUESTIONS: keep no question's words, only those of unanswered questions, or all. */
export const QUESTION_RECORDINGS = ["off", "unanswered", "all"] as const;
export type QuestionRecording = (typeof QUESTION_RECORDINGS)[number];

export interface FeedbackSettings {
  recordQuestions: QuestionRecording;
  /** days question text is kept before it is deleted */
  questionRetentionDays: number;
  /**
   * The key for hashing user ids and questions: ROLECALL_HASH_SECRET, else the signing secret, else the
   * app-level token. Undefined in the console, which records nothing.
   */
  hashSecret?: string;
}

export type RunMode = "socket" | "http" | "console";

export interface Config {
  /**
   * socket: an app token with a bot token or OAuth; http: a signing secret with a bot token or OAuth;
   * console: no Slack credentials
   */
  mode: RunMode;
  slack: {
    botToken?: string;
    appToken?: string;
    signingSecret?: string;
    /** Web API base URL, always ending in / */
    apiUrl: string;
    /** set when Rolecall runs as a distributable app, installed per workspace; botToken is then unset */
    oauth?: OAuthSettings;
  };
  port: number;
  /** HTTP mode's defences against clients that connect and never finish a request */
  http: HttpLimits;
  knowledgeDir: string;
  logLevel: LogLevel;
  /** text lines for people, or one JSON object a line for log collectors */
  logFormat: LogFormat;
  /** the port of /livez, /readyz and /metrics in Slack modes; unset: no operations endpoints */
  opsPort?: number;
  /** on SIGTERM, how long /readyz says 503 (while still serving) before the bot stops taking work */
  shutdownDrainMs: number;
  /** where the embedded store keeps its files (notifications) */
  dataDir: string;
  /** PostgreSQL connection string; when set, the notifications store uses it instead of DATA_DIR */
  databaseUrl?: string;
  /** the local console's profile (`me …`): ROLECALL_PROFILE_FILE, default DATA_DIR/profile.json */
  profileFile: string;
  /** Slack user ids allowed to reload knowledge and manage channel subscriptions besides workspace admins */
  admins: string[];
  /**
   * With OAuth, the workspace (or Enterprise Grid organisation) whose installation DMs the admins; a user id
   * means something only in its own workspace.
   */
  adminTeam?: string;
  /** who may change a channel's subscriptions: workspace admins and owners (plus admins), or everyone */
  subscribers: SubscriberPolicy;
  /** the framework answered when a name is in two and the question doesn't say which (e.g. sfia) */
  defaultFramework?: string;
  /** ROLECALL_PEOPLE_REFRESH_MINUTES in milliseconds: user groups' events refresh them at once as well */
  peopleRefreshMs: number;
  /** ROLECALL_KNOWLEDGE_REVISION: orders publishes across a rolling deploy (see the README) */
  knowledgeRevision?: string;
  /** days after which delivered notifications and snapshots nothing needs any more are removed */
  retentionDays: number;
  /** what is kept of questions and votes, and for how long */
  feedback: FeedbackSettings;
}

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  /** signs the state parameter of the install flow (CSRF protection) */
  stateSecret: string;
  /** Socket Mode only: the port /slack/install and /slack/oauth_redirect are served on */
  installPort: number;
}

/** The three variables that switch OAuth on, all or none of them. */
export const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/** Slack's state secrets are random strings; a short one would let an attacker forge install states. */
const MIN_STATE_SECRET_LENGTH = 16;

export interface HttpLimits {
  /** open connections at most; past it, the oldest connection with no request being answered is closed */
  maxConnections: number;
  /** how long a client may take to send a whole request, headers and body, before it is cut off */
  requestTimeoutMs: number;
}

export const HTTP_DEFAULTS: Readonly<HttpLimits> = Object.freeze({
  maxConnections: 1000,
  requestTimeoutMs: 10_000,
});

export const SUBSCRIBER_POLICIES = ["admins", "everyone"] as const;
export type SubscriberPolicy = (typeof SUBSCRIBER_POLICIES)[number];

export type ConfigIssueCode =
  | "WRONG_TOKEN_TYPE"
  | "MISSING"
  | "NOT_A_NUMBER"
  | "OUT_OF_RANGE"
  | "INVALID_URL"
  | "INVALID_VALUE";

export interface ConfigIssue {
  code: ConfigIssueCode;
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly code: ConfigIssueCode;
  readonly variable: string;
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(issues.map((i) => i.message).join("\n"));
    this.name = "ConfigError";
    const first = issues[0] ?? { code: "INVALID_VALUE" as const, variable: "", message: "" };
    this.code = first.code;
    this.variable = first.variable;
    this.issues = issues;
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Loads .env from the working folder (never overriding real environment variables), then validates. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = path.resolve(".env")): Config {
  dotenv.config({ path: envFile, processEnv: env, quiet: true });
  return readConfig(env);
}

/** What the command-line tools need: where the knowledge and the store are. */
export interface CommandConfig {
  knowledgeDir: string;
  dataDir: string;
  /** PostgreSQL connection string, checked by the store when it opens */
  databaseUrl?: string;
  /** `rolecall me …` and `rolecall ask`'s profile: ROLECALL_PROFILE_FILE, default DATA_DIR/profile.json */
  profileFile: string;
  /** ROLECALL_DEFAULT_FRAMEWORK, lower case: the framework preferred when a name is in two */
  defaultFramework?: string;
  /** ROLECALL_KNOWLEDGE_REVISION, so `rolecall publish` orders its publish as the bot does */
  knowledgeRevision?: string;
}

/** As loadConfig, for the CLI. Slack's variables are not read, so a bad token never stops `rolecall ask`. */
export function loadCommandConfig(
  env: NodeJS.ProcessEnv = process.env,
  envFile = path.resolve(".env"),
): CommandConfig {
  dotenv.config({ path: envFile, processEnv: env, quiet: true });
  return readCommandConfig(env);
}

export function readCommandConfig(env: Env): CommandConfig {
  const e = commandEnvSchema.parse(env);
  const revision = e.ROLECALL_KNOWLEDGE_REVISION;
  if (revision !== undefined && !KNOWLEDGE_REVISION.test(revision)) {
    throw new ConfigError([revisionIssue(revision, [])]);
  }
  return {
    knowledgeDir: e.KNOWLEDGE_DIR ?? DEFAULTS.knowledgeDir,
    dataDir: e.DATA_DIR ?? DEFAULTS.dataDir,
    profileFile: profileFileOf(e),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.ROLECALL_DEFAULT_FRAMEWORK ? { defaultFramework: e.ROLECALL_DEFAULT_FRAMEWORK.toLowerCase() } : {}),
    ...(revision ? { knowledgeRevision: revision } : {}),
  };
}

/** Empty values count as unset, so a copied .env.example with blanks behaves as if they were absent. */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z.object({
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: optional,
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  SLACK_INSTALL_PORT: optional,
  PORT: optional,
  HTTP_MAX_CONNECTIONS: optional,
  HTTP_REQUEST_TIMEOUT_MS: optional,
  KNOWLEDGE_DIR: optional,
  LOG_LEVEL: optional,
  LOG_FORMAT: optional,
  OPS_PORT: optional,
  SHUTDOWN_DRAIN_MS: optional,
  DATA_DIR: optional,
  DATABASE_URL: optional,
  ROLECALL_ADMINS: optional,
  ROLECALL_ADMIN_TEAM: optional,
  ROLECALL_SUBSCRIBERS: optional,
  ROLECALL_DEFAULT_FRAMEWORK: optional,
  ROLECALL_PEOPLE_REFRESH_MINUTES: optional,
  ROLECALL_KNOWLEDGE_REVISION: optional,
  ROLECALL_RETENTION_DAYS: optional,
  ROLECALL_RECORD_QUESTIONS: optional,
  ROLECALL_QUESTION_RETENTION_DAYS: optional,
  ROLECALL_HASH_SECRET: optional,
  ROLECALL_PROFILE_FILE: optional,
});

/** ROLECALL_PROFILE_FILE, or profile.json in DATA_DIR. */
function profileFileOf(e: {
  DATA_DIR?: string | undefined;
  ROLECALL_PROFILE_FILE?: string | undefined;
}): string {
  return e.ROLECALL_PROFILE_FILE ?? path.join(e.DATA_DIR ?? DEFAULTS.dataDir, DEFAULTS.profileFileName);
}

const commandEnvSchema = envSchema.pick({
  KNOWLEDGE_DIR: true,
  DATA_DIR: true,
  ROLECALL_PROFILE_FILE: true,
  DATABASE_URL: true,
  ROLECALL_DEFAULT_FRAMEWORK: true,
  ROLECALL_KNOWLEDGE_REVISION: true,
});

type RawEnv = z.infer<typeof envSchema>;

const checkedEnvSchema = envSchema.superRefine((env, ctx) => {
  for (const issue of checkEnv(env)) {
    ctx.addIssue({
      code: "custom",
      path: [issue.variable],
      message: issue.message,
      params: { code: issue.code },
    });
  }
});

export function readConfig(env: Env): Config {
  const parsed = checkedEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        code: ((issue as { params?: { code?: ConfigIssueCode } }).params?.code ??
          "INVALID_VALUE") as ConfigIssueCode,
        variable: String(issue.path[0] ?? ""),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  return {
    mode: modeOf(e),
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL ? withTrailingSlash(e.SLACK_API_URL) : DEFAULTS.slackApiUrl,
      ...oauthOf(e),
    },
    port: e.PORT === undefined ? DEFAULTS.port : Number(e.PORT),
    http: {
      maxConnections:
        e.HTTP_MAX_CONNECTIONS === undefined ? HTTP_DEFAULTS.maxConnections : Number(e.HTTP_MAX_CONNECTIONS),
      requestTimeoutMs:
        e.HTTP_REQUEST_TIMEOUT_MS === undefined
          ? HTTP_DEFAULTS.requestTimeoutMs
          : Number(e.HTTP_REQUEST_TIMEOUT_MS),
    },
    knowledgeDir: e.KNOWLEDGE_DIR ?? DEFAULTS.knowledgeDir,
    logLevel: (e.LOG_LEVEL?.toLowerCase() as LogLevel | undefined) ?? DEFAULTS.logLevel,
    logFormat: (e.LOG_FORMAT?.toLowerCase() as LogFormat | undefined) ?? DEFAULTS.logFormat,
    ...(e.OPS_PORT === undefined ? {} : { opsPort: Number(e.OPS_PORT) }),
    shutdownDrainMs:
      e.SHUTDOWN_DRAIN_MS === undefined ? DEFAULTS.shutdownDrainMs : Number(e.SHUTDOWN_DRAIN_MS),
    dataDir: e.DATA_DIR ?? DEFAULTS.dataDir,
    databaseUrl: e.DATABASE_URL,
    profileFile: profileFileOf(e),
    admins: e.ROLECALL_ADMINS ? splitList(e.ROLECALL_ADMINS) : [],
    ...(e.ROLECALL_ADMIN_TEAM ? { adminTeam: e.ROLECALL_ADMIN_TEAM } : {}),
    subscribers:
      (e.ROLECALL_SUBSCRIBERS?.toLowerCase() as SubscriberPolicy | undefined) ?? DEFAULTS.subscribers,
    ...(e.ROLECALL_DEFAULT_FRAMEWORK ? { defaultFramework: e.ROLECALL_DEFAULT_FRAMEWORK.toLowerCase() } : {}),
    peopleRefreshMs:
      (e.ROLECALL_PEOPLE_REFRESH_MINUTES === undefined
        ? DEFAULTS.peopleRefreshMinutes
        : Number(e.ROLECALL_PEOPLE_REFRESH_MINUTES)) * 60_000,
    ...(e.ROLECALL_KNOWLEDGE_REVISION ? { knowledgeRevision: e.ROLECALL_KNOWLEDGE_REVISION } : {}),
    retentionDays:
      e.ROLECALL_RETENTION_DAYS === undefined ? DEFAULTS.retentionDays : Number(e.ROLECALL_RETENTION_DAYS),
    feedback: {
      recordQuestions:
        (e.ROLECALL_RECORD_QUESTIONS?.toLowerCase() as QuestionRecording | undefined) ??
        DEFAULTS.recordQuestions,
      questionRetentionDays:
        e.ROLECALL_QUESTION_RETENTION_DAYS === undefined
          ? DEFAULTS.questionRetentionDays
          : Number(e.ROLECALL_QUESTION_RETENTION_DAYS),
      ...optionalHashSecret(e.ROLECALL_HASH_SECRET ?? e.SLACK_SIGNING_SECRET ?? e.SLACK_APP_TOKEN),
    },
  };
}

function optionalHashSecret(secret: string | undefined): { hashSecret?: string } {
  return secret ? { hashSecret: secret } : {};
}

/** Values that must never be logged: the tokens, the database URL and the password inside it. */
export function secretsOf(config: Config): string[] {
  const secrets = [
    config.slack.botToken,
    config.slack.appToken,
    config.slack.signingSecret,
    config.feedback.hashSecret,
    config.slack.oauth?.clientSecret,
    config.slack.oauth?.stateSecret,
    config.databaseUrl,
    ...databasePassword(config.databaseUrl),
  ].filter((s): s is string => typeof s === "string" && s !== "");
  return [...new Set(secrets)];
}

/** The password as written in the URL and decoded, since either may turn up in a driver's message. */
function databasePassword(databaseUrl: string | undefined): string[] {
  if (!databaseUrl) return [];
  try {
    const { password } = new URL(databaseUrl);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

function modeOf(env: RawEnv): RunMode {
  const credentials = env.SLACK_BOT_TOKEN || oauthOf(env).oauth;
  if (credentials && env.SLACK_APP_TOKEN) return "socket";
  if (credentials && env.SLACK_SIGNING_SECRET) return "http";
  return "console";
}

function oauthOf(env: RawEnv): { oauth?: OAuthSettings } {
  const {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_STATE_SECRET: stateSecret,
  } = env;
  if (!clientId || !clientSecret || !stateSecret) return {};
  const installPort =
    env.SLACK_INSTALL_PORT === undefined ? DEFAULTS.installPort : Number(env.SLACK_INSTALL_PORT);
  return { oauth: { clientId, clientSecret, stateSecret, installPort } };
}

function checkEnv(env: RawEnv): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // A secret put in the wrong variable must not be repeated in the error meant to point at it.
  const secrets = [
    env.SLACK_BOT_TOKEN,
    env.SLACK_APP_TOKEN,
    env.SLACK_SIGNING_SECRET,
    env.ROLECALL_HASH_SECRET,
    env.SLACK_CLIENT_SECRET,
    env.SLACK_STATE_SECRET,
    env.DATABASE_URL,
  ].filter((s): s is string => s !== undefined && s.length >= 8);
  const clip = (value: string) => shown(value, secrets);
  const bot = env.SLACK_BOT_TOKEN;
  const app = env.SLACK_APP_TOKEN;
  const oauthSet = OAUTH_VARIABLES.filter((variable) => env[variable] !== undefined);
  const oauth = oauthSet.length > 0;

  issues.push(...oauthIssues(env, oauthSet));

  if (bot !== undefined && !isBotToken(bot)) {
    const kind = tokenKind(bot);
    issues.push({
      code: "WRONG_TOKEN_TYPE",
      variable: "SLACK_BOT_TOKEN",
      message:
        kind === "app"
          ? "SLACK_BOT_TOKEN holds an app-level token (xapp-…): put that in SLACK_APP_TOKEN, and set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) from OAuth & Permissions."
          : kind === "user"
            ? "SLACK_BOT_TOKEN holds a user token (xoxp-…): use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions instead."
            : "SLACK_BOT_TOKEN must be a Bot User OAuth Token starting with xoxb- (OAuth & Permissions in your app's settings).",
    });
  }
  if (app !== undefined && !app.startsWith("xapp-")) {
    const kind = tokenKind(app);
    issues.push({
      code: "WRONG_TOKEN_TYPE",
      variable: "SLACK_APP_TOKEN",
      message:
        kind === "bot" || kind === "user"
          ? `SLACK_APP_TOKEN holds a ${kind} token (${kind === "bot" ? "xoxb" : "xoxp"}-…): it must be an app-level token starting with xapp- with the connections:write scope (Basic Information → App-Level Tokens).`
          : "SLACK_APP_TOKEN must be an app-level token starting with xapp- with the connections:write scope (Basic Information → App-Level Tokens).",
    });
  }
  if (!oauth && bot === undefined && (app !== undefined || env.SLACK_SIGNING_SECRET !== undefined)) {
    issues.push({
      code: "MISSING",
      variable: "SLACK_BOT_TOKEN",
      message:
        "SLACK_BOT_TOKEN is not set: Slack mode needs the Bot User OAuth Token (xoxb-…) from OAuth & Permissions. Remove the other SLACK_ variables to run the local console instead.",
    });
  }
  if (!oauth && bot !== undefined && app === undefined && env.SLACK_SIGNING_SECRET === undefined) {
    issues.push({
      code: "MISSING",
      variable: "SLACK_SIGNING_SECRET",
      message:
        "SLACK_SIGNING_SECRET is missing or empty: HTTP mode needs the Signing Secret (Basic Information → App Credentials). For Socket Mode, set SLACK_APP_TOKEN instead.",
    });
  }

  const port = (variable: "PORT" | "OPS_PORT" | "SLACK_INSTALL_PORT", example: number) => {
    const value = env[variable];
    if (value === undefined) return;
    if (!/^\d+$/.test(value)) {
      issues.push({
        code: "NOT_A_NUMBER",
        variable,
        message: `${variable} must be a whole number such as ${example} (got ${clip(value)}).`,
      });
    } else if (Number(value) > 65535) {
      issues.push({
        code: "OUT_OF_RANGE",
        variable,
        message: `${variable} must be between 0 and 65535 (got ${clip(value)}).`,
      });
    }
  };
  port("PORT", 3000);
  port("OPS_PORT", 9090);
  port("SLACK_INSTALL_PORT", DEFAULTS.installPort);
  if (env.OPS_PORT !== undefined && env.PORT !== undefined && env.OPS_PORT === env.PORT && env.PORT !== "0") {
    issues.push({
      code: "INVALID_VALUE",
      variable: "OPS_PORT",
      message: `OPS_PORT must differ from PORT (both are ${env.PORT}): the operations endpoints have a port of their own.`,
    });
  }
  const whole = (
    variable:
      | "HTTP_MAX_CONNECTIONS"
      | "HTTP_REQUEST_TIMEOUT_MS"
      | "SHUTDOWN_DRAIN_MS"
      | "ROLECALL_PEOPLE_REFRESH_MINUTES"
      | "ROLECALL_RETENTION_DAYS",
    min: number,
    max: number,
    hint: string,
  ) => {
    const value = env[variable];
    if (value === undefined) return;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      issues.push({
        code: /^\d+$/.test(value) ? "OUT_OF_RANGE" : "NOT_A_NUMBER",
        variable,
        message: `${variable} must be a whole number from ${min} to ${max} ${hint} (got ${clip(value)}).`,
      });
    }
  };
  whole("HTTP_MAX_CONNECTIONS", 2, 1_000_000, "(open connections HTTP mode accepts at once)");
  if (
    env.ROLECALL_KNOWLEDGE_REVISION !== undefined &&
    !KNOWLEDGE_REVISION.test(env.ROLECALL_KNOWLEDGE_REVISION)
  ) {
    issues.push(revisionIssue(env.ROLECALL_KNOWLEDGE_REVISION, secrets));
  }
  whole("HTTP_REQUEST_TIMEOUT_MS", 100, 300_000, "(milliseconds a client may take to send a request)");
  whole("SHUTDOWN_DRAIN_MS", 0, 600_000, "(milliseconds /readyz says 503 before the bot stops)");
  whole(
    "ROLECALL_PEOPLE_REFRESH_MINUTES",
    1,
    10_080,
    "(minutes a user group's members are trusted before Slack is asked again)",
  );
  whole("ROLECALL_RETENTION_DAYS", 1, 3650, "(days delivered notifications and old snapshots are kept)");
  if (env.SLACK_API_URL !== undefined && !isHttpUrl(env.SLACK_API_URL)) {
    issues.push({
      code: "INVALID_URL",
      variable: "SLACK_API_URL",
      message: `SLACK_API_URL must be an http(s) URL such as ${DEFAULTS.slackApiUrl} (got ${clip(env.SLACK_API_URL)}).`,
    });
  }
  const oneOf = (variable: "LOG_LEVEL" | "LOG_FORMAT", allowed: readonly string[]) => {
    const value = env[variable];
    if (value === undefined || allowed.includes(value.toLowerCase())) return;
    issues.push({
      code: "INVALID_VALUE",
      variable,
      message: `${variable} must be one of ${allowed.join(", ")} (got ${clip(value)}).`,
    });
  };
  oneOf("LOG_LEVEL", LOG_LEVELS);
  oneOf("LOG_FORMAT", LOG_FORMATS);
  if (env.DATABASE_URL !== undefined && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    issues.push({
      code: "INVALID_URL",
      variable: "DATABASE_URL",
      message: "DATABASE_URL must be a PostgreSQL URL starting with postgres:// or postgresql://.",
    });
  }
  if (env.ROLECALL_ADMIN_TEAM !== undefined && !SLACK_TEAM_ID.test(env.ROLECALL_ADMIN_TEAM)) {
    issues.push({
      code: "INVALID_VALUE",
      variable: "ROLECALL_ADMIN_TEAM",
      message: `ROLECALL_ADMIN_TEAM must be a Slack workspace id such as T0123ABCD, or an Enterprise Grid organisation id such as E0123ABCD (got ${clip(env.ROLECALL_ADMIN_TEAM)}).`,
    });
  }
  if (env.ROLECALL_ADMINS !== undefined) {
    const bad = splitList(env.ROLECALL_ADMINS).filter((id) => !SLACK_USER_ID.test(id));
    if (bad.length > 0) {
      issues.push({
        code: "INVALID_VALUE",
        variable: "ROLECALL_ADMINS",
        message: `ROLECALL_ADMINS must list Slack user ids such as U0123ABCD, separated by commas (not ${bad.map((b) => clip(b)).join(", ")}).`,
      });
    }
  }
  if (
    env.ROLECALL_SUBSCRIBERS !== undefined &&
    !(SUBSCRIBER_POLICIES as readonly string[]).includes(env.ROLECALL_SUBSCRIBERS.toLowerCase())
  ) {
    issues.push({
      code: "INVALID_VALUE",
      variable: "ROLECALL_SUBSCRIBERS",
      message: `ROLECALL_SUBSCRIBERS must be admins (workspace admins, owners and ROLECALL_ADMINS may change a channel's subscriptions) or everyone (got ${clip(env.ROLECALL_SUBSCRIBERS)}).`,
    });
  }
  if (
    env.ROLECALL_DEFAULT_FRAMEWORK !== undefined &&
    env.ROLECALL_DEFAULT_FRAMEWORK !== "" &&
    !FRAMEWORK_ID.test(env.ROLECALL_DEFAULT_FRAMEWORK.toLowerCase())
  ) {
    issues.push({
      code: "INVALID_VALUE",
      variable: "ROLECALL_DEFAULT_FRAMEWORK",
      message: `ROLECALL_DEFAULT_FRAMEWORK must be a framework id from the knowledge, such as sfia or ddat (got ${clip(env.ROLECALL_DEFAULT_FRAMEWORK)}).`,
    });
  }
  if (
    env.ROLECALL_RECORD_QUESTIONS !== undefined &&
    !(QUESTION_RECORDINGS as readonly string[]).includes(env.ROLECALL_RECORD_QUESTIONS.toLowerCase())
  ) {
    issues.push({
      code: "INVALID_VALUE",
      variable: "ROLECALL_RECORD_QUESTIONS",
      message: `ROLECALL_RECORD_QUESTIONS must be off (keep no question's words), unanswered (keep the words of questions Rolecall could not answer) or all (got ${clip(env.ROLECALL_RECORD_QUESTIONS)}).`,
    });
  }
  const days = env.ROLECALL_QUESTION_RETENTION_DAYS;
  if (days !== undefined && (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 3650)) {
    issues.push({
      code: /^\d+$/.test(days) ? "OUT_OF_RANGE" : "NOT_A_NUMBER",
      variable: "ROLECALL_QUESTION_RETENTION_DAYS",
      message: `ROLECALL_QUESTION_RETENTION_DAYS must be a whole number of days from 1 to 3650 (got ${clip(days)}).`,
    });
  }
  if (env.ROLECALL_HASH_SECRET !== undefined && env.ROLECALL_HASH_SECRET.length < 16) {
    issues.push({
      code: "INVALID_VALUE",
      variable: "ROLECALL_HASH_SECRET",
      message:
        "ROLECALL_HASH_SECRET must be at least 16 characters long (a random string, e.g. from openssl rand -hex 32).",
    });
  }
  return issues;
}

/** A deploy's knowledge revision: a number, a date or a version, e.g. 42, 2026-12-01T10:00Z, 3.1.0. */
const KNOWLEDGE_REVISION = /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,99}$/;

function revisionIssue(value: string, secrets: readonly string[]): ConfigIssue {
  return {
    code: "INVALID_VALUE",
    variable: "ROLECALL_KNOWLEDGE_REVISION",
    message: `ROLECALL_KNOWLEDGE_REVISION must be a number, date or version such as 42 or 2026-12-01 that each knowledge release raises (letters, digits and . _ : + - only, up to 100; got ${shown(value, secrets)}).`,
  };
}

/** The OAuth variables: all three or none, no bot token beside them, and a way for Slack to reach us. */
function oauthIssues(env: RawEnv, set: readonly (typeof OAUTH_VARIABLES)[number][]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (set.length === 0) return issues;
  for (const variable of OAUTH_VARIABLES.filter((v) => !set.includes(v))) {
    issues.push({
      code: "MISSING",
      variable,
      message: `${variable} is not set: installing Rolecall in many workspaces (OAuth) needs ${OAUTH_VARIABLES.join(", ")} together (the client id and secret from Basic Information → App Credentials; the state secret any random string of ${MIN_STATE_SECRET_LENGTH} or more characters you choose). Leave all three empty to run on one workspace's SLACK_BOT_TOKEN.`,
    });
  }
  if (env.SLACK_STATE_SECRET !== undefined && env.SLACK_STATE_SECRET.length < MIN_STATE_SECRET_LENGTH) {
    issues.push({
      code: "INVALID_VALUE",
      variable: "SLACK_STATE_SECRET",
      message: `SLACK_STATE_SECRET must be at least ${MIN_STATE_SECRET_LENGTH} characters: it signs the install link's state, so a short one could be guessed.`,
    });
  }
  if (env.SLACK_BOT_TOKEN !== undefined) {
    issues.push({
      code: "INVALID_VALUE",
      variable: "SLACK_BOT_TOKEN",
      message:
        "SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID: with OAuth each workspace's token comes from its installation. Leave SLACK_BOT_TOKEN empty, or the three OAuth variables to run on one workspace.",
    });
  }
  if (env.SLACK_APP_TOKEN === undefined && env.SLACK_SIGNING_SECRET === undefined) {
    issues.push({
      code: "MISSING",
      variable: "SLACK_SIGNING_SECRET",
      message:
        "SLACK_SIGNING_SECRET is missing or empty: with OAuth, HTTP mode needs the Signing Secret (Basic Information → App Credentials). For Socket Mode, set SLACK_APP_TOKEN instead.",
    });
  }
  if (env.ROLECALL_ADMINS !== undefined && env.ROLECALL_ADMIN_TEAM === undefined) {
    issues.push({
      code: "MISSING",
      variable: "ROLECALL_ADMIN_TEAM",
      message:
        "ROLECALL_ADMIN_TEAM is not set: with OAuth, Rolecall needs the id of the workspace (T…) your ROLECALL_ADMINS are in, to DM them with that workspace's installation.",
    });
  }
  return issues;
}

/** A framework id as the knowledge writes one: sfia, ddat, ft-engineering. */
const FRAMEWORK_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

function isBotToken(token: string): boolean {
  return /^(xoxe\.)?xoxb-\S+$/.test(token);
}

function tokenKind(token: string): "bot" | "user" | "app" | "unknown" {
  if (/^(xoxe\.)?xoxb-/.test(token)) return "bot";
  if (/^(xoxe\.)?xoxp-/.test(token)) return "user";
  if (token.startsWith("xapp-")) return "app";
  return "unknown";
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

export const HIDDEN_VALUE = "a value that looks like a token or secret, not shown here";

/**
 * A value as an error may repeat it: quoted and shortened, and never when it is one of the configured secrets, holds
 * one, or looks like a token or secret itself (a Slack token, a long unbroken run of letters and digits).
 */
export function shown(value: string, secrets: readonly string[] = []): string {
  if (looksSecret(value, secrets)) return HIDDEN_VALUE;
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}

function looksSecret(value: string, secrets: readonly string[]): boolean {
  if (secrets.some((secret) => value.includes(secret) || (value.length >= 8 && secret.includes(value)))) {
    return true;
  }
  if (/xox[abpersc]-|xapp-|xoxe\.|bearer\s/i.test(value)) return true;
  // Signing secrets are 32 hex digits; client secrets and API keys are similar runs. Words and URLs have
  // separators or few digits.
  for (const run of value.match(/[A-Za-z0-9+/_=-]{16,}/g) ?? []) {
    if (/\d/.test(run) && /[A-Za-z]/.test(run)) return true;
  }
  // a URL with a password in it
  return /:\/\/[^/@\s]*:[^/@\s]+@/.test(value);
}
