// The injected logger: one line per entry on stderr, with secrets and tokens redacted and long
// messages cut short, so neither a token nor a full request body can reach the log.
import type { Logger as BoltLogger } from "@slack/bolt";
import { LogLevel as BoltLogLevel } from "@slack/bolt";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  isEnabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  level: LogLevel;
  /** receives each finished line, without the newline */
  write?: (line: string) => void;
  /** exact values that must never appear, e.g. the configured tokens and signing secret */
  secrets?: readonly string[];
  now?: () => Date;
}

const MAX_MESSAGE = 1000;
const MAX_FIELD = 2000;

const TOKEN_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(xox[abpersc])-[A-Za-z0-9-]+/g, "$1-[redacted]"],
  [/\bxapp-[A-Za-z0-9-]+/g, "xapp-[redacted]"],
  // the legacy verification token inside Slack payloads
  [/("token"\s*:\s*")[^"]*(")/g, "$1[redacted]$2"],
  [/\btoken=[^&\s"]+/g, "token=[redacted]"],
  [/(Bearer\s+)\S+/gi, "$1[redacted]"],
];

export function createRedactor(secrets: readonly string[] = []): (text: string) => string {
  // Short values would redact ordinary words; real secrets are long.
  const exact = secrets.filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of exact) out = out.split(secret).join("[redacted]");
    for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const redact = createRedactor(options.secrets);
  const threshold = LOG_LEVELS.indexOf(options.level);
  const isEnabled = (level: LogLevel) => LOG_LEVELS.indexOf(level) >= threshold;

  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    if (!isEnabled(level)) return;
    let line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${cut(oneLine(message), MAX_MESSAGE)}`;
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value === undefined) continue;
      line += ` ${key}=${formatValue(value)}`;
    }
    write(redact(line));
  };
  return {
    debug: (m, f) => log("debug", m, f),
    info: (m, f) => log("info", m, f),
    warn: (m, f) => log("warn", m, f),
    error: (m, f) => log("error", m, f),
    isEnabled,
  };
}

/** Bolt, the Web API client and the Socket Mode client log through this, so they get the same redaction. */
export function createBoltLogger(logger: Logger, name = "bolt"): BoltLogger {
  let prefix = name;
  let level: BoltLogLevel = BoltLogLevel.INFO;
  const render = (parts: unknown[]) => `[${prefix}] ${omitBodies(parts.map(describePart).join(" "))}`;
  // Bolt calls debug several times a request; a line nobody will see is not rendered at all.
  const at =
    (severity: LogLevel) =>
    (...parts: unknown[]) => {
      if (logger.isEnabled(severity)) logger[severity](render(parts));
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    setLevel: (next: BoltLogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      prefix = next;
    },
  };
}

export function boltLogLevel(level: LogLevel): BoltLogLevel {
  const levels: Record<LogLevel, BoltLogLevel> = {
    debug: BoltLogLevel.DEBUG,
    info: BoltLogLevel.INFO,
    warn: BoltLogLevel.WARN,
    error: BoltLogLevel.ERROR,
  };
  return levels[level];
}

/** Debug lines in which Bolt, the Web API client or the Socket Mode client dump a whole payload. */
const BODY_DUMPS =
  /^(http request body|http request result|Received a message on the WebSocket|Sending a WebSocket message|Calling ack\(\)|ack\(\) (?:call begins|response sent|response stored)|stored response)\b.*$/s;

/** Keeps the line saying what happened but drops the payload itself. */
export function omitBodies(message: string): string {
  return message.replace(BODY_DUMPS, "$1 (payload omitted)");
}

function describePart(part: unknown): string {
  if (typeof part === "string") return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

function formatValue(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  const text = cut(value, MAX_FIELD);
  return /^[\w.:/@-]+$/.test(text) ? text : JSON.stringify(text);
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, "\\n");
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
