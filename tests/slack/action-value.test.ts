import { describe, expect, it } from "vitest";
import { ActionValueError, decodeAskValue, encodeAskValue } from "../../src/slack/action-value.ts";

describe("button values", () => {
  it("round-trip a question and a part", () => {
    expect(decodeAskValue(encodeAskValue({ q: "ITMG 5", p: 3 }))).toEqual({ q: "ITMG 5", p: 3 });
  });

  it("leave out part 1", () => {
    expect(encodeAskValue({ q: "ITMG 5", p: 1 })).toBe('{"q":"ITMG 5"}');
  });

  it("are not made for questions too long for a button", () => {
    expect(encodeAskValue({ q: "x".repeat(2000) })).toBeUndefined();
  });

  it.each([
    [undefined],
    ["not json"],
    ['{"q":""}'],
    ['{"q":"a","p":0}'],
    ['{"q":"a","extra":1}'],
    ["[]"],
    ["x".repeat(3000)],
  ])("refuse %j", (raw) => {
    expect(() => decodeAskValue(raw)).toThrow(ActionValueError);
  });
});
