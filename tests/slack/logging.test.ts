import { describe, expect, it } from "vitest";
import { createLogger, createRedactor, withLogContext } from "../../src/log.ts";
import { createBoltLogger, omitBodies } from "../../src/slack/bolt-logger.ts";

function capture(
  level: "debug" | "info" | "warn" | "error" = "debug",
  secrets: string[] = [],
  format: "text" | "json" = "text",
) {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    secrets,
    format,
    write: (l) => lines.push(l),
    now: () => new Date(0),
  });
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

describe("createLogger with LOG_FORMAT=json", () => {
  it("writes one JSON object per line: time, level, msg, then the fields", () => {
    const { logger, lines } = capture("debug", [], "json");
    logger.warn("Listener failed", { surface: "app mention", ref: "0A1B2C3D", attempts: 2, gone: undefined });
    expect(lines).toEqual([
      '{"time":"1970-01-01T00:00:00.000Z","level":"warn","msg":"Listener failed","surface":"app mention","ref":"0A1B2C3D","attempts":2}',
    ]);
  });

  it("keeps a field named like time, level or msg from replacing them", () => {
    const { logger, lines } = capture("debug", [], "json");
    logger.info("real", { msg: "fake", level: "error" });
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ msg: "real", level: "info", field_msg: "fake" });
  });

  it("redacts tokens and secrets in the message and the fields, however JSON escapes them", () => {
    const secret = 'quote"and\\backslash-secret';
    const { logger, lines } = capture("debug", [secret], "json");
    logger.error(`failed with xoxb-1-2-3 and ${secret}`, { detail: `"${secret}"`, other: "xapp-1-2" });
    const entry = JSON.parse(lines[0] ?? "") as Record<string, string>;
    expect(Object.values(entry).join(" ")).not.toMatch(/xoxb-1|xapp-1|backslash-secret/);
    expect(entry.msg).toBe("failed with xoxb-[redacted] and [redacted]");
  });
});

describe("withLogContext", () => {
  it("adds its fields to every line logged inside it, also after an await, and to no line outside", async () => {
    const { logger, lines } = capture("debug", [], "json");
    await withLogContext({ team: "T0TEST", event_id: "Ev01" }, async () => {
      logger.info("before");
      await new Promise<void>((resolve) => setImmediate(resolve));
      logger.info("after", { ref: "0A1B2C3D" });
    });
    logger.info("outside");
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { msg: "before", team: "T0TEST", event_id: "Ev01" },
      { msg: "after", team: "T0TEST", event_id: "Ev01", ref: "0A1B2C3D" },
      { msg: "outside" },
    ]);
    expect(JSON.parse(lines[2] ?? "")).not.toHaveProperty("team");
  });

  it("adds them in text lines too", () => {
    const { logger, lines } = capture();
    withLogContext({ team: "T0TEST" }, () => logger.info("inside"));
    expect(lines).toEqual(["1970-01-01T00:00:00.000Z INFO  inside team=T0TEST"]);
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
