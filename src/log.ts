// The one logger every part of Rolecall is given: one line per entry on stderr (plain text, or a JSON
// object per line for log collectors), with secrets and tokens redacted and long messages cut short, so
// neither a token nor a full request body can reach the log. Lines logged while a request is handled carry
// that request's fields (team, event id: see withLogContext). Also the shared ways of logging an error: its
// fields, and the reference a person can quote.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ["text", "json"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

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
  /** text (the default): `time LEVEL message key=value`; json: {"time","level","msg",...fields} */
  format?: LogFormat;
}

const requestFields = new AsyncLocalStorage<LogFields>();

/**
 * Runs work with these fields added to every line logged inside it, however deep and however late (promises
 * started inside keep them): the Slack adapter wraps each request, so its lines say which team and event.
 */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  return requestFields.run({ ...requestFields.getStore(), ...fields }, work);
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

  const format = options.format === "json" ? jsonLine : textLine;

  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    if (!isEnabled(level)) return;
    const context = requestFields.getStore();
    // The request's fields go after the entry's own, which win when both have one.
    const all = context ? { ...fields, ...context, ...fields } : (fields ?? {});
    write(format(now(), level, message, all, redact));
  };
  return {
    debug: (m, f) => log("debug", m, f),
    info: (m, f) => log("info", m, f),
    warn: (m, f) => log("warn", m, f),
    error: (m, f) => log("error", m, f),
    isEnabled,
  };
}

type LineFormat = (
  time: Date,
  level: LogLevel,
  message: string,
  fields: LogFields,
  redact: (text: string) => string,
) => string;

const textLine: LineFormat = (time, level, message, fields, redact) => {
  let line = `${time.toISOString()} ${level.toUpperCase().padEnd(5)} ${cut(oneLine(message), MAX_MESSAGE)}`;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    line += ` ${key}=${formatValue(value)}`;
  }
  return redact(line);
};

/**
 * One JSON object per line. Each string is redacted before it is serialised, so a secret is found however
 * JSON escapes it; the fields come after time, level and msg, and one named like those becomes field_<name>.
 */
const jsonLine: LineFormat = (time, level, message, fields, redact) => {
  const entry: Record<string, string | number | boolean> = {
    time: time.toISOString(),
    level,
    msg: redact(cut(message, MAX_MESSAGE)),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const name = key in entry ? `field_${key}` : redact(key);
    entry[name] = typeof value === "string" ? redact(cut(value, MAX_FIELD)) : value;
  }
  return JSON.stringify(entry);
};

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

/** Logs nothing: for tools and tests that have no use for the lines. */
export const silentLogger: Logger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  isEnabled: () => false,
});

/** The same logger with its info and debug lines dropped: for screens that are for answers. */
export function problemsOnly(logger: Logger): Logger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: logger.warn,
    error: logger.error,
    isEnabled: (level) => (level === "warn" || level === "error") && logger.isEnabled(level),
  };
}

/** A short reference a person can quote and an operator can find in the log. */
export function newErrorRef(): string {
  return randomBytes(4).toString("hex").toUpperCase();
}

/** Log fields describing an error: its code, Slack's error string and message, and the stack's top. */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  const e = error as Error & { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
  return {
    error_code: typeof e.code === "string" ? e.code : undefined,
    slack_error: typeof e.data?.error === "string" ? e.data.error : undefined,
    status: typeof e.statusCode === "number" ? e.statusCode : undefined,
    error: e.message,
    stack: e.stack
      ?.split("\n")
      .slice(1, 6)
      .map((l) => l.trim())
      .join(" | "),
  };
}
