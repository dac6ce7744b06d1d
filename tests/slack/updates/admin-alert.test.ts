// Telling ROLECALL_ADMINS by DM that an edit of the knowledge cannot be loaded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeProblem } from "../../../src/core/knowledge/problems.ts";
import { createAdminAlert, knowledgeProblemsText } from "../../../src/slack/updates/admin-alert.ts";
import { createDeliveryClient } from "../../../src/slack/updates/client.ts";
import { createMemoryLogger } from "../../support/logger.ts";
import { SlackApiStandIn } from "../../support/slack-api-stand-in.ts";

let slack: SlackApiStandIn;
beforeAll(async () => {
  slack = await SlackApiStandIn.start();
});
afterAll(async () => {
  await slack?.close();
});

const problem = (line: number, message = "YAML syntax error: bad indentation"): KnowledgeProblem => ({
  file: "knowledge/raci.yaml",
  line,
  column: 5,
  field: "",
  message,
});

describe("the DM about knowledge problems", () => {
  it("names each problem as file:line:col and says the last good knowledge is still answering", () => {
    expect(knowledgeProblemsText([problem(12), { ...problem(3), field: "raci[0].accountable" }])).toBe(
      "The knowledge folder has 2 problems, so I haven't published the edit and I'm still answering from the last good knowledge. Fix the file and save it again; I'll pick it up on my own.\n" +
        "• knowledge/raci.yaml:12:5 YAML syntax error: bad indentation\n" +
        "• knowledge/raci.yaml:3:5 raci[0].accountable: YAML syntax error: bad indentation",
    );
  });

  it("escapes what the files say, so a problem cannot mention anyone or link anywhere", () => {
    const text = knowledgeProblemsText([problem(1, "unknown role <!channel> & <@U0BOSS>")]);
    expect(text).toContain("unknown role &lt;!channel&gt; &amp; &lt;@U0BOSS&gt;");
    expect(text).not.toContain("<!channel>");
  });

  it("lists 20 problems and counts the rest", () => {
    const lines = knowledgeProblemsText(Array.from({ length: 25 }, (_, i) => problem(i + 1))).split("\n");
    expect(lines.filter((l) => l.startsWith("• "))).toHaveLength(20);
    expect(lines.at(-1)).toBe("…and 5 more");
  });
});

describe("createAdminAlert", () => {
  it("DMs every admin, and one admin's failure does not stop the others", async () => {
    slack.failNextPostTo("U0FIRST", { error: "user_not_found" });
    const logger = createMemoryLogger();
    const alert = createAdminAlert({
      client: createDeliveryClient({ token: "xoxb-admin-alert", apiUrl: slack.apiUrl }),
      admins: ["U0FIRST", "U0SECOND"],
      logger,
    });
    await alert([problem(7)]);
    expect(slack.postsTo("U0SECOND").map((p) => p.text)).toEqual([knowledgeProblemsText([problem(7)])]);
    expect(slack.postsTo("U0FIRST").map((p) => p.outcome)).toEqual(["user_not_found"]);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: "could not tell an admin about the knowledge problems",
        fields: expect.objectContaining({ user: "U0FIRST", slack_error: "user_not_found" }),
      }),
    );
  });

  it("logs that nobody was told when no admins are configured", async () => {
    const logger = createMemoryLogger();
    const before = slack.posts.length;
    await createAdminAlert({
      client: createDeliveryClient({ token: "xoxb-admin-alert", apiUrl: slack.apiUrl }),
      admins: [],
      logger,
    })([problem(1)]);
    expect(slack.posts).toHaveLength(before);
    expect(logger.lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      "warn the knowledge problems were not sent to anyone: set ROLECALL_ADMINS to have them DMed",
    ]);
  });
});
