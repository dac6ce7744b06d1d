import { describe, expect, it } from "vitest";
import { RecentSet } from "../../src/slack/dedupe.ts";

describe("RecentSet", () => {
  it("reports a key it has already seen", () => {
    const seen = new RecentSet(10);
    expect(seen.add("Ev1")).toBe(true);
    expect(seen.add("Ev1")).toBe(false);
  });

  it("forgets the oldest keys beyond its capacity, so memory stays bounded", () => {
    const seen = new RecentSet(2);
    seen.add("Ev1");
    seen.add("Ev2");
    seen.add("Ev3");
    expect(seen.size).toBe(2);
    expect(seen.add("Ev1")).toBe(true);
    expect(seen.add("Ev3")).toBe(false);
  });
});
