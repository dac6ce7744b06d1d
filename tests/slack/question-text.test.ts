import { describe, expect, it } from "vitest";
import { questionFromSlackText } from "../../src/slack/question-text.ts";

describe("questionFromSlackText", () => {
  it("drops the mention of the bot", () => {
    expect(questionFromSlackText("<@U0BOT> ITMG 5", "U0BOT")).toBe("ITMG 5");
  });

  it("keeps other people's names, channel names and link labels as words", () => {
    expect(questionFromSlackText("<@U0BOB|bob> in <#C0OPS|ops> read <https://x.org|the page>", "U0BOT")).toBe(
      "@bob in #ops read the page",
    );
  });

  it("drops special mentions and bare ids, keeps bare links and emails as text", () => {
    expect(questionFromSlackText("<!here> <@U0BOB> see <https://x.org/a> or <mailto:a@b.org|a@b.org>")).toBe(
      "see https://x.org/a or a@b.org",
    );
  });

  it("turns Slack's entities back into characters", () => {
    expect(questionFromSlackText("R&amp;D &lt;ITMG&gt;")).toBe("R&D <ITMG>");
  });

  it("collapses whitespace and handles no text", () => {
    expect(questionFromSlackText("  a \n\n b  ")).toBe("a b");
    expect(questionFromSlackText(undefined)).toBe("");
  });
});
