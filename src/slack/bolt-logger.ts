// Bolt, the Web API client and the Socket Mode client log through the one Rolecall logger (src/log.ts), so
// they get the same redaction; lines in which they dump a whole payload keep only what happened.
import type { Logger as BoltLogger } from "@slack/bolt";
import { LogLevel as BoltLogLevel } from "@slack/bolt";
import type { Logger, LogLevel } from "../log.ts";

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
