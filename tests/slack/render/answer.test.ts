import { describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/answer/types.ts";
import { passageText, renderAnswer } from "../../../src/slack/render/answer.ts";
import type { KnownBlock } from "../../../src/slack/render/block-kit.ts";
import { SLACK_LIMITS } from "../../../src/slack/render/limits.ts";

function answer(overrides: Partial<Answer>): Answer {
  return {
    intent: "level",
    title: "Title",
    notices: [],
    sections: [],
    facts: [],
    subjects: [],
    sources: [],
    followUps: [],
    ...overrides,
  };
}

const levelAnswer = answer({
  intent: "level",
  title: "ITMG level 5: IT management (SFIA 7)",
  summary: "Takes responsibility for the design & operation of IT infrastructure.",
  notices: ["In SFIA 8, IT management (ITMG) was renamed Technology service management."],
  facts: [
    { label: "Skill", value: "IT management (ITMG)" },
    { label: "Framework", value: "SFIA 7" },
  ],
  sections: [
    { title: "Level of responsibility 5: Ensure/advise", text: "You answer for significant outcomes." },
  ],
  sources: [
    {
      title: "SFIA 7: IT management (ITMG)",
      code: "ITMG",
      level: 5,
      url: "https://sfia-online.org/en/sfia-7/skills/it-management",
    },
  ],
  followUps: [
    { kind: "previous_level", label: "Level 4", question: "ITMG level 4" },
    { kind: "next_level", label: "Level 6", question: "ITMG level 6" },
    { kind: "compare_next", label: "Compare with level 6", question: "compare ITMG levels 5 and 6" },
  ],
});

describe("renderAnswer for an ephemeral level answer", () => {
  const rendered = renderAnswer(levelAnswer, { question: "ITMG 5", surface: "ephemeral" });

  it("builds this exact Block Kit", () => {
    expect(rendered.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "ITMG level 5: IT management (SFIA 7)" } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: ":information_source: In SFIA 8, IT management (ITMG) was renamed Technology service management.",
          verbatim: true,
        },
      },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "Takes responsibility for the design &amp; operation of IT infrastructure.",
          verbatim: true,
        },
      },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: "*Skill*\nIT management (ITMG)", verbatim: true },
          { type: "mrkdwn", text: "*Framework*\nSFIA 7", verbatim: true },
        ],
      },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "*Level of responsibility 5: Ensure/advise*\nYou answer for significant outcomes.",
          verbatim: true,
        },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Sources: <https://sfia-online.org/en/sfia-7/skills/it-management|SFIA 7: IT management (ITMG), level 5>",
            verbatim: true,
          },
        ],
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Level 4" },
            action_id: "rolecall_ask:0",
            value: '{"q":"ITMG level 4"}',
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Level 6" },
            action_id: "rolecall_ask:1",
            value: '{"q":"ITMG level 6"}',
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Compare with level 6" },
            action_id: "rolecall_ask:2",
            value: '{"q":"compare ITMG levels 5 and 6"}',
          },
        ],
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Share in channel" },
            action_id: "rolecall_share",
            value: '{"q":"ITMG 5"}',
            style: "primary",
          },
        ],
      },
    ]);
  });

  it("has a text fallback with the title and summary", () => {
    expect(rendered.text).toBe(
      "ITMG level 5: IT management (SFIA 7): Takes responsibility for the design &amp; operation of IT infrastructure.",
    );
  });
});

describe("renderAnswer for a message the bot posts", () => {
  it("has no Share button", () => {
    const rendered = renderAnswer(levelAnswer, { question: "ITMG 5", surface: "message" });
    expect(JSON.stringify(rendered.blocks)).not.toContain("rolecall_share");
  });

  it("says who shared it, under the title", () => {
    const rendered = renderAnswer(levelAnswer, {
      question: "ITMG 5",
      surface: "message",
      sharedBy: "U0ALICE",
    });
    expect(rendered.blocks[1]).toEqual({
      type: "context",
      block_id: "rolecall_shared_by",
      elements: [{ type: "mrkdwn", text: "Shared by <@U0ALICE>", verbatim: true }],
    });
  });
});

describe("renderAnswer for role, RACI and not-found answers", () => {
  it("offers a role's RACI and skills as buttons", () => {
    const rendered = renderAnswer(
      answer({
        intent: "role",
        title: "IT service manager",
        followUps: [
          { kind: "role_raci", label: "RACI", question: "what is the IT service manager accountable for" },
          { kind: "role_skills", label: "Skills", question: "IT service manager skills" },
        ],
      }),
      { question: "IT service manager", surface: "message" },
    );
    expect(rendered.blocks.at(-1)).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "RACI" },
          action_id: "rolecall_ask:0",
          value: '{"q":"what is the IT service manager accountable for"}',
        },
        {
          type: "button",
          text: { type: "plain_text", text: "Skills" },
          action_id: "rolecall_ask:1",
          value: '{"q":"IT service manager skills"}',
        },
      ],
    });
  });

  it("shows RACI letters as fields, with a dash where nobody is named", () => {
    const rendered = renderAnswer(
      answer({
        intent: "raci",
        title: "Change management",
        raci: {
          responsible: ["Change manager"],
          accountable: ["IT service manager"],
          consulted: [],
          informed: ["Service desk", "Users"],
        },
      }),
      { question: "raci change management", surface: "message" },
    );
    expect(rendered.blocks[1]).toEqual({
      type: "section",
      fields: [
        { type: "mrkdwn", text: "*Responsible*\nChange manager", verbatim: true },
        { type: "mrkdwn", text: "*Accountable*\nIT service manager", verbatim: true },
        { type: "mrkdwn", text: "*Consulted*\n—", verbatim: true },
        { type: "mrkdwn", text: "*Informed*\nService desk, Users", verbatim: true },
      ],
    });
  });

  it("offers did-you-mean buttons on a not-found answer", () => {
    const rendered = renderAnswer(
      answer({
        intent: "not_found",
        title: "I couldn't find that",
        followUps: [
          { kind: "did_you_mean", label: "IT budget management", question: "IT budget management" },
        ],
      }),
      { question: "budgetting", surface: "message" },
    );
    expect(rendered.blocks.at(-1)).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "IT budget management" },
          action_id: "rolecall_ask:0",
          value: '{"q":"IT budget management"}',
        },
      ],
    });
  });
});

describe("passages", () => {
  it("bolds the matched words, widened to whole words", () => {
    expect(
      passageText({
        text: "Manages IT budgets and SLAs.",
        marks: [
          [11, 17],
          [23, 25],
        ],
        location: "Level 5",
      }),
    ).toBe("_Level 5_: Manages IT *budgets* and *SLAs*.");
  });

  it("merges overlapping marks and ignores marks outside the text", () => {
    expect(
      passageText({
        text: "change management",
        marks: [
          [0, 6],
          [3, 17],
          [40, 50],
        ],
      }),
    ).toBe("*change management*");
  });
});

describe("knowledge text that tries to ping or link", () => {
  const hostile = "<!channel> <@U123> <https://evil|click> @here";
  const rendered = renderAnswer(
    answer({
      title: hostile,
      summary: hostile,
      notices: [hostile],
      facts: [{ label: hostile, value: hostile }],
      sections: [
        { title: hostile, text: hostile, items: [hostile], passages: [{ text: hostile, marks: [[0, 5]] }] },
      ],
      sources: [{ title: hostile, url: "https://sfia-online.org/" }],
      followUps: [{ kind: "related", label: hostile, question: hostile }],
    }),
    { question: hostile, surface: "ephemeral" },
  );

  it("renders inert: no mention or link markup survives in any mrkdwn text", () => {
    const mrkdwn: string[] = [rendered.text];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === "object") {
        const o = node as Record<string, unknown>;
        if (o.type === "mrkdwn" && typeof o.text === "string") mrkdwn.push(o.text);
        Object.values(o).forEach(collect);
      }
    };
    collect(rendered.blocks);
    for (const text of mrkdwn) {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text).not.toContain("<https://evil");
    }
    expect(mrkdwn.join("\n")).toContain("&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt;");
  });

  it("marks every mrkdwn text verbatim, so Slack does not turn words into mentions or links", () => {
    const texts = JSON.stringify(rendered.blocks).match(
      /"type":"mrkdwn","text":"(?:[^"\\]|\\.)*","verbatim":true/g,
    );
    const all = JSON.stringify(rendered.blocks).match(/"type":"mrkdwn"/g);
    expect(texts?.length).toBe(all?.length);
  });

  it("links a source only to its own declared address", () => {
    const context = rendered.blocks.find((b) => b.type === "context") as {
      elements: Array<{ text: string }>;
    };
    expect(context.elements[0]?.text).toBe(
      "Sources: <https://sfia-online.org/|&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt; @here>",
    );
  });
});

function sizeProblems(blocks: KnownBlock[]): string[] {
  const problems: string[] = [];
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) problems.push(`${blocks.length} blocks`);
  for (const block of blocks) {
    const b = block as unknown as Record<string, unknown>;
    const text = (b.text as { text?: string } | undefined)?.text;
    if (b.type === "section" && text && text.length > SLACK_LIMITS.sectionText) problems.push("long section");
    if (b.type === "header" && text && text.length > SLACK_LIMITS.headerText) problems.push("long header");
    const fields = (b.fields as Array<{ text: string }> | undefined) ?? [];
    if (fields.length > SLACK_LIMITS.sectionFields) problems.push("too many fields");
    if (fields.some((f) => f.text.length > SLACK_LIMITS.fieldText)) problems.push("long field");
    const elements =
      (b.elements as Array<{ text?: { text: string } | string; value?: string }> | undefined) ?? [];
    if (b.type === "actions" && elements.length > SLACK_LIMITS.actionsElements)
      problems.push("too many buttons");
    if (b.type === "context" && elements.length > SLACK_LIMITS.contextElements)
      problems.push("too many context");
    for (const e of elements) {
      if (typeof e.text === "object" && e.text.text.length > SLACK_LIMITS.buttonText)
        problems.push("long button");
      if (e.value && e.value.length > SLACK_LIMITS.buttonValue) problems.push("long value");
    }
  }
  return problems;
}

describe("a very long answer", () => {
  const long = answer({
    title: "A".repeat(400),
    summary: "word ".repeat(2000),
    facts: Array.from({ length: 23 }, (_, i) => ({ label: `Fact ${i}`, value: "v".repeat(2500) })),
    sections: Array.from({ length: 120 }, (_, i) => ({
      title: `Section ${i}`,
      text: "lorem ipsum ".repeat(400),
      items: Array.from({ length: 30 }, (_, j) => `item ${j}`),
    })),
    sources: Array.from({ length: 20 }, (_, i) => ({ title: `Source ${i}` })),
    followUps: Array.from({ length: 40 }, (_, i) => ({
      kind: "related" as const,
      label: "L".repeat(100),
      question: `q ${i}`,
    })),
  });
  const first = renderAnswer(long, { question: "everything", surface: "ephemeral" });

  it("is cut into parts, each within Slack's limits", () => {
    expect(first.pages).toBeGreaterThan(1);
    for (let page = 1; page <= first.pages; page++) {
      const rendered = renderAnswer(long, { question: "everything", surface: "ephemeral", page });
      expect(sizeProblems(rendered.blocks)).toEqual([]);
    }
  });

  it("offers the next part as a button that asks the same question for that part", () => {
    const controls = first.blocks.at(-1) as {
      elements: Array<{ action_id: string; value: string; text: { text: string } }>;
    };
    expect(controls.elements[0]).toMatchObject({
      action_id: "rolecall_page:next",
      value: '{"q":"everything","p":2}',
      text: { text: `Show more (part 2 of ${first.pages})` },
    });
  });

  it("offers the previous part on later parts, and names the part in the header", () => {
    const second = renderAnswer(long, { question: "everything", surface: "ephemeral", page: 2 });
    const controls = second.blocks.at(-1) as { elements: Array<{ action_id: string; value: string }> };
    expect(controls.elements[0]).toMatchObject({
      action_id: "rolecall_page:prev",
      value: '{"q":"everything"}',
    });
    const header = second.blocks[0] as { text: { text: string } };
    expect(header.text.text.endsWith(`(part 2 of ${first.pages})`)).toBe(true);
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  });

  it("shows the last part for a part number past the end", () => {
    const past = renderAnswer(long, { question: "everything", surface: "ephemeral", page: 999 });
    expect(past.page).toBe(first.pages);
  });
});

describe("a follow-up whose question would not fit in a button", () => {
  it("is left out rather than sent invalid", () => {
    const rendered = renderAnswer(
      answer({ followUps: [{ kind: "related", label: "too long", question: "x".repeat(3000) }] }),
      { question: "q", surface: "message" },
    );
    expect(JSON.stringify(rendered.blocks)).not.toContain("too long");
  });
});
