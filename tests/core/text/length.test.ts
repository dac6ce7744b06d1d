import { describe, expect, it } from "vitest";
import { clipCodePoints, codePointLength } from "../../../src/core/text/length.ts";

describe("codePointLength", () => {
  it("counts a character outside the BMP once", () => {
    expect(codePointLength("𝔸𝔹")).toBe(2);
  });

  it("counts a lone surrogate once", () => {
    expect(codePointLength("a\ud800b")).toBe(3);
  });
});

describe("clipCodePoints", () => {
  it("never cuts a surrogate pair in half", () => {
    expect(clipCodePoints("𝔸𝔹𝔺", 2)).toBe("𝔸𝔹");
  });

  it("leaves short text alone", () => {
    expect(clipCodePoints("ITMG", 10)).toBe("ITMG");
  });
});
