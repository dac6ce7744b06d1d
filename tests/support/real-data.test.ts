import { describe, expect, it } from "vitest";
import { announceRealData, REAL_DATA_SKIPPED } from "./real-data.ts";

describe("the licensed test data, checked once before the tests", () => {
  it("says nothing when it is there", () => {
    const lines: string[] = [];
    announceRealData({ present: true, ci: true, write: (line) => lines.push(line) });
    expect(lines).toEqual([]);
  });

  it("says in one line what is skipped, what it needs and where to get it, when it is missing", () => {
    const lines: string[] = [];
    announceRealData({ present: false, ci: false, write: (line) => lines.push(line) });
    expect(lines).toEqual([REAL_DATA_SKIPPED]);
    expect(REAL_DATA_SKIPPED).not.toContain("\n");
    expect(REAL_DATA_SKIPPED).toMatch(/SFIA 9 .* DDaT .* Slack/);
    expect(REAL_DATA_SKIPPED).toMatch(/SOURCE\.md/);
  });

  it("fails the run in CI when it is missing", () => {
    expect(() => announceRealData({ present: false, ci: true, write: () => undefined })).toThrow(/CI=true/);
  });
});
