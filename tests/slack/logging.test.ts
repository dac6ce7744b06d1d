import { describe, expect, it } from "vitest";
import { createLogger, createRedactor } from "../../src/log.ts";
import { createBoltLogger, omitBodies } from "../../src/slack/bolt-logger.ts";

function capture(level: "debug" | "info" | "warn" | "error" = "debug", secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets, write: (l) => lines.push(l), now: () => new Date(0) });
  return { logger, lines };
}

describe("createLogger", () => {
  it("writes one line per entry with the time, level, message and fields", () => {
    const { logger, lines } = capture();
    logger.info("Started", { mode: "http", port: 3000, note: "two words" });
    expect(lines).toEqual(['1970-01-01T00:00:00.000Z INFO  Started mode=http port=3000 note="two words"']);
  });

  it("keeps multi-line messages on one line", () => {
    const { logger, lines } = capture();
    logger.error("first\nsecond");
    expect(lines).toEqual(["1970-01-01T00:00:00.000Z ERROR first\\nsecond"]);
  });

  it("drops entries below its level", () => {
    const { logger, lines } = capture("warn");
    logger.info("quiet");
    logger.warn("loud");
    expect(lines).toHaveLength(1);
  });

  it("cuts very long messages short", () => {
    const { logger, lines } = capture();
    logger.info("x".repeat(5000));
    expect(lines[0]?.length).toBeLessThan(1200);
    expect(lines[0]).toContain("(4000 more characters)");
  });
});

describe("redaction", () => {
  const redact = createRedactor(["s3cr3t-signing-value"]);

  it.each([
    ["xoxb-1234-5678-abc", "xoxb-[redacted]"],
    ["xoxp-1234-abc", "xoxp-[redacted]"],
    ["xapp-1-A01-123-abc", "xapp-[redacted]"],
    ["xoxe.xoxb-1-abc", "xoxe.xoxb-[redacted]"],
    ['{"token":"legacy-verification"}', '{"token":"[redacted]"}'],
    ["token=legacy&x=1", "token=[redacted]&x=1"],
    ["Authorization: Bearer abc.def", "Authorization: Bearer [redacted]"],
    ["secret is s3cr3t-signing-value!", "secret is [redacted]!"],
  ])("hides %s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("applies to every line the logger writes, fields included", () => {
    const { logger, lines } = capture("debug", ["s3cr3t-signing-value"]);
    logger.error("failed with xoxb-1-2-3", { detail: "s3cr3t-signing-value", other: "xapp-1-2" });
    expect(lines[0]).not.toMatch(/xoxb-1|s3cr3t|xapp-1/);
  });
});

describe("the logger handed to Bolt", () => {
  it("omits payloads that Bolt, the Web API client and the Socket Mode client dump at debug level", () => {
    const { logger, lines } = capture();
    const bolt = createBoltLogger(logger);
    bolt.debug('http request body: {"channel":"D1","text":"private question"}');
    bolt.debug('Received a message on the WebSocket: {"payload":{"text":"private"}}');
    bolt.debug("apiCall('chat.postMessage') start");
    expect(lines.map((l) => l.slice(25))).toEqual([
      "DEBUG [bolt] http request body (payload omitted)",
      "DEBUG [bolt] Received a message on the WebSocket (payload omitted)",
      "DEBUG [bolt] apiCall('chat.postMessage') start",
    ]);
  });

  it("describes errors and objects it is given", () => {
    const { logger, lines } = capture();
    createBoltLogger(logger).error("Slack API error:", new Error("boom"), { code: 1 });
    expect(lines[0]).toContain('ERROR [bolt] Slack API error: Error: boom {"code":1}');
  });

  it("does not even describe what it is given below the log level", () => {
    const { logger, lines } = capture("info");
    let described = 0;
    const part = {
      toJSON() {
        described += 1;
        return "described";
      },
    };
    createBoltLogger(logger).debug("ack() call begins", part);
    createBoltLogger(logger).info("started", part);
    expect(described).toBe(1);
    expect(lines).toHaveLength(1);
  });

  it("leaves ordinary messages alone", () => {
    expect(omitBodies("Now connected to Slack")).toBe("Now connected to Slack");
  });
});
