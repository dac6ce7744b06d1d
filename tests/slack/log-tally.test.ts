import { describe, expect, it } from "vitest";
import { createLogTally } from "../../src/slack/log-tally.ts";

describe("a tally of repeated warnings", () => {
  const lines: string[] = [];
  const tally = createLogTally({ warn: (message) => lines.push(message) });

  it("logs the first of each kind at once and counts the rest", () => {
    for (let i = 0; i < 1000; i++) tally.warn("Refused an unreadable request");
    tally.warn("Refused a malformed request body");
    expect(lines).toEqual(["Refused an unreadable request", "Refused a malformed request body"]);
  });

  it("writes one line with the count when flushed, and starts again", () => {
    tally.flush();
    tally.warn("Refused an unreadable request");
    expect(lines.slice(2)).toEqual([
      "Refused an unreadable request (and 999 more like it since)",
      "Refused an unreadable request",
    ]);
  });
});
