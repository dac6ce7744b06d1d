// What /role reload says for each way a publish can end.
import { describe, expect, it } from "vitest";
import type { Change } from "../../../../src/core/changes/index.ts";
import { fill } from "../../../../src/core/text/template.ts";
import { reloadReply } from "../../../../src/slack/listeners/commands/reload.ts";
import {
  RELOAD_BASELINE,
  RELOAD_CONFLICT,
  RELOAD_FAILED,
  RELOAD_OLDER,
  RELOAD_REJECTED,
  RELOAD_UNCHANGED,
} from "../../../../src/slack/messages.ts";
import { StoreError } from "../../../../src/store/errors.ts";

const change = (id: string): Change => ({
  type: "raci_changed",
  kind: "raci",
  id,
  name: id,
  summary: `${id} changed`,
});

const published = { status: "published", reason: "command", snapshotId: "s", hash: "h" } as const;

describe("the reply to /role reload", () => {
  it("counts the changes and the channels notified", () => {
    expect(
      reloadReply({ ...published, changes: [change("a"), change("b")], deliveries: 1, baseline: false }),
    ).toBe("Published: 2 changes, 1 channel notified.");
    expect(reloadReply({ ...published, changes: [change("a")], deliveries: 0, baseline: false })).toBe(
      "Published: 1 change, 0 channels notified.",
    );
  });

  it("says a first publish notified nobody", () => {
    expect(reloadReply({ ...published, changes: [], deliveries: 0, baseline: true })).toBe(RELOAD_BASELINE);
  });

  it("says when nothing changed", () => {
    expect(reloadReply({ status: "unchanged", reason: "command", snapshotId: "s", hash: "h" })).toBe(
      RELOAD_UNCHANGED,
    );
  });

  it("lists the problems, each with file:line:col, escaped, at most 20", () => {
    const problems = Array.from({ length: 23 }, (_, i) => ({
      file: "raci.yaml",
      line: i + 1,
      column: 3,
      field: "",
      message: "bad <value> & more",
    }));
    const reply = reloadReply({ status: "invalid", reason: "command", problems });
    const lines = reply.split("\n");
    expect(lines[0]).toBe(
      "Knowledge has problems, so nothing was published and I'm still answering from the last good knowledge:",
    );
    expect(lines[1]).toBe("• raci.yaml:1:3 bad &lt;value&gt; &amp; more");
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines.at(-1)).toBe("…and 3 more");
  });

  it("says a failed or contested publish will be tried again", () => {
    expect(reloadReply({ status: "failed", reason: "command", error: new Error("down") })).toBe(
      RELOAD_FAILED,
    );
    expect(reloadReply({ status: "conflict", reason: "command", hash: "h" })).toBe(RELOAD_CONFLICT);
  });

  it("says knowledge older than the published knowledge was not announced", () => {
    expect(reloadReply({ status: "older", reason: "command", hash: "h", latestSnapshotId: "s" })).toBe(
      RELOAD_OLDER,
    );
  });

  it("says knowledge too large to store is served but not announced, and not tried again", () => {
    const error = new StoreError("STORE_TOO_LARGE", "knowledge is 9 bytes as JSON; the limit is <8>");
    expect(reloadReply({ status: "rejected", reason: "command", error })).toBe(
      fill(RELOAD_REJECTED, { error: "knowledge is 9 bytes as JSON; the limit is &lt;8&gt;" }),
    );
  });
});
