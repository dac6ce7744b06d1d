// The logger the notifications code is given. The Slack app's logger (src/slack/logging.ts) fits it, so the
// whole bot logs through one redacting logger; tests and the CLI pass their own.

export type NotifyLogFields = Record<string, string | number | boolean | undefined>;

export interface NotifyLogger {
  info(message: string, fields?: NotifyLogFields): void;
  warn(message: string, fields?: NotifyLogFields): void;
  error(message: string, fields?: NotifyLogFields): void;
}

export const silentLogger: NotifyLogger = Object.freeze({
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

/** Log fields for an error without its stack: its code, Slack's error string, and the message. */
export function errorFields(error: unknown): NotifyLogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  const e = error as Error & { code?: unknown; data?: { error?: unknown } };
  return {
    error_code: typeof e.code === "string" ? e.code : undefined,
    slack_error: typeof e.data?.error === "string" ? e.data.error : undefined,
    error: e.message,
  };
}
