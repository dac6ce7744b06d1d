import { describe, expect, it } from "vitest";
import {
  ActionValueError,
  decodeAskValue,
  decodeMatrixValue,
  encodeAskValue,
  encodeMatrixValue,
} from "../../src/slack/action-value.ts";

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

describe("RACI matrix page values", () => {
  it("round-trip the filter and the page in short keys", () => {
    const value = { filter: { kind: "tool" as const, roleId: "change-manager", words: "service" }, page: 2 };
    const encoded = encodeMatrixValue(value);
    expect(encoded).toBe('{"m":{"k":"tool","r":"change-manager","w":"service"},"p":2}');
    expect(decodeMatrixValue(encoded)).toEqual(value);
  });

  it("are not made for a page past the last a button may carry", () => {
    expect(encodeMatrixValue({ filter: {}, page: 101 })).toBeUndefined();
  });

  it.each([
    ['{"m":{},"p":0}'],
    ['{"m":{"k":"procedure"},"p":1}'],
    ['{"m":{"x":1},"p":1}'],
    ['{"q":"raci matrix"}'],
    ['{"m":{"r":""},"p":1}'],
  ])("refuse %j", (raw) => {
    expect(() => decodeMatrixValue(raw)).toThrow(ActionValueError);
  });
});
