import { describe, expect, it } from "vitest";
import {
  clampMrkdwn,
  clampPlain,
  escapeMrkdwn,
  mentionUser,
  mrkdwnLink,
  splitMrkdwn,
} from "../../../src/slack/render/escape.ts";

describe("escapeMrkdwn", () => {
  it("turns Slack's control characters into entities", () => {
    expect(escapeMrkdwn("R&D <b> > a")).toBe("R&amp;D &lt;b&gt; &gt; a");
  });

  it("leaves no angle bracket that could open a mention or link", () => {
    const escaped = escapeMrkdwn("<!channel> <@U123> <https://evil|click>");
    expect(escaped).toBe("&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt;");
    expect(escaped).not.toMatch(/[<>]/);
  });
});

describe("mrkdwnLink", () => {
  it("links an https address with an escaped label", () => {
    expect(mrkdwnLink("https://sfia-online.org/en/a?b=1&c=2", "SFIA <7>")).toBe(
      "<https://sfia-online.org/en/a?b=1&amp;c=2|SFIA &lt;7&gt;>",
    );
  });

  it("shows only the label for addresses that are not http(s)", () => {
    expect(mrkdwnLink("javascript:alert(1)", "click")).toBe("click");
    expect(mrkdwnLink("not a url", "click")).toBe("click");
  });

  it("cannot be broken out of with a pipe or angle bracket in the address", () => {
    expect(mrkdwnLink("https://x.org/a|b>c", "ok")).toBe("<https://x.org/a%7Cb%3Ec|ok>");
  });
});

describe("mentionUser", () => {
  it("mentions a well-formed user id", () => {
    expect(mentionUser("U0ALICE")).toBe("<@U0ALICE>");
  });

  it("escapes anything else", () => {
    expect(mentionUser("<!here>")).toBe("&lt;!here&gt;");
  });
});

describe("clamping", () => {
  it("ends shortened plain text with an ellipsis within the limit", () => {
    expect(clampPlain("abcdefghij", 5)).toBe("abcd…");
  });

  it("never splits a surrogate pair", () => {
    expect(clampPlain("ab😀cd", 4)).toBe("ab…");
  });

  it("never cuts an entity in half", () => {
    expect(clampMrkdwn("aa &amp; bb", 6)).toBe("aa…");
  });
});

describe("splitMrkdwn", () => {
  it("splits at line breaks into pieces within the limit", () => {
    const text = `${"a".repeat(60)}\n${"b".repeat(60)}`;
    expect(splitMrkdwn(text, 100)).toEqual(["a".repeat(60), "b".repeat(60)]);
  });

  it("splits long lines at spaces, and every piece fits", () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
    const pieces = splitMrkdwn(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.length <= 3000)).toBe(true);
    expect(pieces.join(" ")).toBe(text);
  });

  it("splits unbroken text without cutting an entity", () => {
    const pieces = splitMrkdwn("x".repeat(8) + "&amp;".repeat(4), 10);
    expect(pieces.every((p) => p.length <= 10 && !/&[a-z]*$/.test(p))).toBe(true);
    expect(pieces.join("")).toBe("x".repeat(8) + "&amp;".repeat(4));
  });
});
