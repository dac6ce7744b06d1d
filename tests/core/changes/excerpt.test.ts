import { describe, expect, it } from "vitest";
import {
  EXCERPT_LIMITS,
  excerptParts,
  wholeTextExcerpt,
  wordExcerpt,
} from "../../../src/core/changes/excerpt.ts";

const words = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(" ");

describe("wordExcerpt", () => {
  it("marks removed and added words", () => {
    expect(wordExcerpt("one two three", "one four three")).toBe("one [-two-]{+four+} three");
  });

  it("marks inserted words only as added", () => {
    expect(wordExcerpt("all relevant procedures", "all relevant policies and procedures")).toBe(
      "all relevant {+policies and+} procedures",
    );
  });

  it("keeps five words of context on each side, with ellipses where text is left out", () => {
    const before = words(0, 30);
    expect(wordExcerpt(before, before.replace("w15", "X"))).toBe(
      "…w10 w11 w12 w13 w14 [-w15-]{+X+} w16 w17 w18 w19 w20…",
    );
  });

  it("joins nearby edits into one passage", () => {
    const before = words(0, 30);
    const after = before.replace("w12", "A").replace("w16", "B");
    expect(wordExcerpt(before, after)).toBe(
      "…w7 w8 w9 w10 w11 [-w12-]{+A+} w13 w14 w15 [-w16-]{+B+} w17 w18 w19 w20 w21…",
    );
  });

  it("leaves out long unchanged text between distant edits", () => {
    const before = words(0, 60);
    const after = before.replace("w10 ", "A ").replace("w50 ", "B ");
    expect(wordExcerpt(before, after)).toBe(
      "…w5 w6 w7 w8 w9 [-w10-]{+A+} w11 w12 w13 w14 w15 … w45 w46 w47 w48 w49 [-w50-]{+B+} w51 w52 w53 w54 w55…",
    );
  });

  it("returns nothing for the same words", () => {
    expect(wordExcerpt("same text", "same text")).toBeUndefined();
  });

  it("stays within its bound when every word changed", () => {
    const before = words(0, 400);
    const after = before.replace(/w(\d+)/g, "v$1");
    expect(wordExcerpt(before, after)?.length).toBeLessThanOrEqual(EXCERPT_LIMITS.maxChars);
  });

  it("stays within its bound for many small edits", () => {
    const before = words(0, 400);
    const after = before.replace(/w(\d*[05])\b/g, "W$1");
    const excerpt = wordExcerpt(before, after) ?? "";
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_LIMITS.maxChars);
    expect(excerpt).toMatch(/…$/);
  });

  it("cuts a long insertion inside its marker", () => {
    const excerpt = wordExcerpt("start end", `start ${words(0, 100)} end`) ?? "";
    expect(excerpt).toMatch(/^start \{\+w0 w1 .*…\+\} end$/);
  });
});

describe("wholeTextExcerpt", () => {
  it("marks an added text as added", () => {
    expect(wholeTextExcerpt("New level.", "added")).toBe("{+New level.+}");
  });

  it("cuts a long removed text within the bound", () => {
    expect(wholeTextExcerpt(words(0, 200), "removed").length).toBeLessThanOrEqual(EXCERPT_LIMITS.maxChars);
  });
});

describe("reading an excerpt back into parts", () => {
  it("tells unchanged text from words removed, added and replaced", () => {
    expect(excerptParts("Runs the [-old-]{+new+} desk {+daily+} and [-weekly-]…")).toEqual([
      { kind: "same", text: "Runs the " },
      { kind: "edit", removed: "old", added: "new" },
      { kind: "same", text: " desk " },
      { kind: "edit", added: "daily" },
      { kind: "same", text: " and " },
      { kind: "edit", removed: "weekly" },
      { kind: "same", text: "…" },
    ]);
  });

  it("gives the parts of every excerpt wordExcerpt writes back as the same text", () => {
    const excerpt = wordExcerpt("Runs the IT operation day to day", "Runs the IT operation every day") ?? "";
    const rebuilt = excerptParts(excerpt)
      .map((p) =>
        p.kind === "same"
          ? p.text
          : `${p.removed ? `[-${p.removed}-]` : ""}${p.added ? `{+${p.added}+}` : ""}`,
      )
      .join("");
    expect(rebuilt).toBe(excerpt);
  });
});
