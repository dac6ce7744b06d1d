import { describe, expect, it } from "vitest";
import { HOME_NO_PROFILE, HOW_TO_ASK, UPDATES_HELP } from "../../../src/slack/messages.ts";
import { renderHelp } from "../../../src/slack/render/help.ts";
import { renderHome } from "../../../src/slack/render/home.ts";

const frameworks = [
  { name: "SFIA", version: "7", fullName: "Skills Framework for the Information Age" },
  { name: "Our <org>", version: "1" },
];

describe("renderHome with a profile", () => {
  it("shows the profile, what is gone, the next level and a button per gap, with knowledge text escaped", () => {
    const view = renderHome({
      frameworks,
      examples: [],
      profile: {
        overview: {
          label: "Senior <IT> service manager",
          gone: ["Retired *skill* 3"],
          next: { name: "Head of IT service management", question: "what do I need for the next level" },
          gaps: [{ label: "Strategic thinking 3 → 4", question: "Strategic thinking 4" }],
        },
      },
    });
    expect(view.blocks.slice(2, 4)).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: [
            "*Your profile*",
            "Senior &lt;IT&gt; service manager",
            "⚠️ “Retired *skill* 3” is no longer in the knowledge. Set your profile again with `/role me`.",
            "Next level: Head of IT service management",
            "Top gaps (press one for its level text):",
          ].join("\n"),
          verbatim: true,
        },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Strategic thinking 3 → 4" },
            action_id: "rolecall_ask:gap-0",
            value: '{"q":"Strategic thinking 4"}',
          },
        ],
      },
    ]);
  });

  it("tells a person with no profile how to set one", () => {
    const view = renderHome({ frameworks, examples: [], profile: {} });
    expect(view.blocks[2]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: `*Your profile*\n${HOME_NO_PROFILE}`, verbatim: true },
    });
  });
});

describe("renderHome", () => {
  it("builds this exact App Home view", () => {
    expect(renderHome({ frameworks, examples: ["ITMG 5", "SLA"] })).toEqual({
      type: "home",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Rolecall" } },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "I answer questions about IT roles, skill levels and who is responsible for what, from the knowledge your team keeps in Rolecall.",
            verbatim: true,
          },
        },
        { type: "section", text: { type: "mrkdwn", text: "*Try asking*", verbatim: true } },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              text: { type: "plain_text", text: "ITMG 5" },
              action_id: "rolecall_ask:0",
              value: '{"q":"ITMG 5"}',
            },
            {
              type: "button",
              text: { type: "plain_text", text: "SLA" },
              action_id: "rolecall_ask:1",
              value: '{"q":"SLA"}',
            },
          ],
        },
        { type: "section", text: { type: "mrkdwn", text: `*How to ask*\n${HOW_TO_ASK}`, verbatim: true } },
        {
          type: "section",
          text: { type: "mrkdwn", text: `*Framework updates*\n${UPDATES_HELP}`, verbatim: true },
        },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*What I know*\n• *SFIA 7*: Skills Framework for the Information Age\n• *Our &lt;org&gt; 1*",
            verbatim: true,
          },
        },
      ],
    });
  });

  it("lists the channels a person's subscriptions post to, once notifications provide them", () => {
    const view = renderHome({ frameworks, examples: [], subscriptionChannels: ["C0OPS", "<!here>"] });
    expect(view.blocks.at(-1)).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "*Your subscriptions*\n• <#C0OPS>", verbatim: true },
    });
  });

  it("shows an answer below the introduction, without a Share button, within the view's 100 blocks", () => {
    const view = renderHome({
      frameworks,
      examples: ["ITMG 5"],
      answer: {
        question: "ITMG 5",
        answer: {
          intent: "level",
          title: "ITMG level 5",
          notices: [],
          sections: Array.from({ length: 150 }, (_, i) => ({ title: `S${i}`, text: "t" })),
          facts: [],
          subjects: [],
          sources: [],
          followUps: [{ kind: "next_level", label: "Level 6", question: "ITMG level 6" }],
        },
      },
    });
    expect(view.blocks[2]).toEqual({ type: "divider" });
    expect(view.blocks[3]).toEqual({ type: "header", text: { type: "plain_text", text: "ITMG level 5" } });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).not.toContain("rolecall_share");
    expect(JSON.stringify(view)).toContain("rolecall_page:next");
  });
});

describe("renderHelp", () => {
  it("explains how to ask and offers examples as buttons", () => {
    expect(renderHelp(["ITMG 5"])).toEqual({
      text: "How to ask Rolecall",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "How to ask Rolecall" } },
        { type: "section", text: { type: "mrkdwn", text: HOW_TO_ASK, verbatim: true } },
        { type: "section", text: { type: "mrkdwn", text: "*Try asking*", verbatim: true } },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              text: { type: "plain_text", text: "ITMG 5" },
              action_id: "rolecall_ask:0",
              value: '{"q":"ITMG 5"}',
            },
          ],
        },
        {
          type: "section",
          text: { type: "mrkdwn", text: `*Framework updates*\n${UPDATES_HELP}`, verbatim: true },
        },
      ],
    });
  });
});
