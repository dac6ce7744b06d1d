import { describe, expect, it } from "vitest";
import { createRandom } from "../../../bench/lib/random.ts";
import { containsAsWord } from "../../../src/core/text/contains-word.ts";

describe("finding a word as a word of its own", () => {
  it.each([
    ["ITMG 5", "ITMG", true],
    ["what is ITMG?", "ITMG", true],
    ["ITMGX 5", "ITMG", false],
    ["XITMG", "ITMG", false],
    ["IT_MG", "MG", false],
    ["the ITMG, PROG and DATS", "PROG", true],
    ["ITMGITMG ITMG", "ITMG", true],
  ])("in %j, %j is %s", (text, word, found) => {
    expect(containsAsWord(text, word)).toBe(found);
  });

  it("agrees with /\\bword\\b/ on 5,000 generated texts", () => {
    const random = createRandom(5);
    const pieces = ["IT", "MG", "ITMG", "_", " ", "-", "5", "é", "x", ".", "PROG"];
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: random.int(8) }, () => random.pick(pieces)).join("");
      const word = random.pick(["ITMG", "MG", "IT", "PROG", "5", "-", "é"]);
      const regex = new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}\\b`);
      expect(containsAsWord(text, word), `${text} / ${word}`).toBe(regex.test(text));
    }
  });
});
