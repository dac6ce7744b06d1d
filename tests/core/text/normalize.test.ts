import { describe, expect, it } from "vitest";
import { canonical, fold, isAscii, words } from "../../../src/core/text/normalize.ts";

describe("folding text for comparison", () => {
  it.each([
    ["Ensure/advise", "ensure advise"],
    ["  IT   Service  Manager ", "it service manager"],
    ["Café naïve", "cafe naive"],
    ["R&D", "r and d"],
    ["the manager’s role", "the manager role"],
    ["it service manager", "it service manager"],
    ["", ""],
  ])("folds %j to %j", (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it("leaves folded text as it is, and folding twice changes nothing", () => {
    for (const text of ["IT mgmt lvl 6", "Junior   digital evaluator", "Çà&ça", "l7 SLA’s", "a  b"]) {
      expect(fold(fold(text))).toBe(fold(text));
      expect(canonical(canonical(text))).toBe(canonical(text));
    }
  });

  it("expands abbreviations and short level forms into words", () => {
    expect(words("IT mgmt l6")).toEqual(["it", "management", "level", "6"]);
  });

  it("tells ASCII text from the rest", () => {
    expect(isAscii("plain text, 100%")).toBe(true);
    expect(isAscii("naïve")).toBe(false);
  });
});
