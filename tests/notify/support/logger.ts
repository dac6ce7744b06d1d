// A logger that keeps its lines, so tests can check what was logged (and that nothing secret was).
import type { NotifyLogFields, NotifyLogger } from "../../../src/notify/logger.ts";

export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  fields: NotifyLogFields;
}

export function createMemoryLogger(): NotifyLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine["level"]) =>
    (message: string, fields: NotifyLogFields = {}) => {
      lines.push({ level, message, fields });
    };
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}
