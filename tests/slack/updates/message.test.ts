import { describe, expect, it } from "vitest";
import type { Change } from "../../../src/core/changes/index.ts";
import type { KnownBlock } from "../../../src/slack/render/block-kit.ts";
import { SLACK_LIMITS } from "../../../src/slack/render/limits.ts";
import { decodeDetailsValue, encodeDetailsValue } from "../../../src/slack/updates/details-value.ts";
import {
  CHANGE_DETAILS_ACTION_ID,
  CHANGE_DETAILS_PREVIOUS_ACTION_ID,
  changedWords,
  renderChangeDetails,
  renderChangeMessage,
} from "../../../src/slack/updates/message.ts";
import { levelText, raciDescription, rename, versionMove } from "../../support/changes.ts";

const SFIA = new Map([
  ["sfia", "SFIA"],
  ["org", "Our organisation"],
]);

/** n RACI rows, each with one change whose summary is about `length` characters long. */
function manyChanges(n: number, length = 80): Change[] {
  return Array.from({ length: n }, (_, i) => ({
    type: "raci_row_changed",
    kind: "raci",
    id: `process-${String(i).padStart(4, "0")}`,
    name: `Process ${i}`,
    roles: ["change-manager"],
    summary: `Process ${i}: description changed ${"x".repeat(Math.max(0, length - 30))}`,
  }));
}

function sectionTexts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === "section" && b.text ? [b.text.text] : []));
}

describe("a change message", () => {
  it("is exactly this Block Kit for a rename and a level text change of one skill", () => {
    const message = renderChangeMessage({
      changes: [versionMove, rename, levelText],
      snapshotId: "snap-1",
      frameworkNames: SFIA,
      following: [{ kind: "skill", id: "sfia:ITMG", label: "IT management" }],
    });
    expect(message.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Framework update: 3 changes to SFIA" } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "*SFIA* · framework\n• SFIA moved from version 7 to 8",
          verbatim: true,
        },
      },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            "*Technology service management* · SFIA skill ITMG\n" +
            "• ITMG renamed from IT management to Technology service management\n" +
            "• ITMG level 5 description changed\n" +
            "      ↳ Runs the IT operation *every* day ~to day~, making sure…",
          verbatim: true,
        },
      },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "This channel follows SFIA ITMG (IT management).", verbatim: true },
        ],
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Details" },
            action_id: CHANGE_DETAILS_ACTION_ID,
            value: '{"s":"snap-1","f":["skill:sfia:ITMG"]}',
          },
        ],
      },
    ]);
  });

  it("is exactly this Block Kit for changed words: ~old~ → *new*, escaped, never diff markup", () => {
    const approval: Change = {
      ...raciDescription,
      excerpt: "Tell <!channel> the CAB [-approves-]{+signs off+} each *normal* change",
    };
    const message = renderChangeMessage({ changes: [approval], snapshotId: "snap-2", frameworkNames: SFIA });
    expect(message.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Framework update: 1 change to RACI" } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            "*Change management* · RACI\n" +
            "• Change management: description changed\n" +
            "      ↳ Tell &lt;!channel&gt; the CAB ~approves~ → *signs off* each *\u200bnormal*\u200b change",
          verbatim: true,
        },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Details" },
            action_id: CHANGE_DETAILS_ACTION_ID,
            value: '{"s":"snap-2"}',
          },
        ],
      },
    ]);
  });

  it("shows a text that appeared whole in bold, and one that went struck through", () => {
    expect(changedWords("{+Leads the service desk+}")).toBe("*Leads the service desk*");
    expect(changedWords("[-Leads the service desk-]")).toBe("~Leads the service desk~");
  });

  it("leaves no diff markup in any message or page of details", () => {
    const message = renderChangeMessage({ changes: [levelText], snapshotId: "s", frameworkNames: SFIA });
    const details = renderChangeDetails({ changes: [levelText], ref: { snapshotId: "s", page: 1 } });
    for (const blocks of [message.blocks, details.blocks]) {
      expect(JSON.stringify(blocks)).not.toMatch(/\[-|-\]|\{\+|\+\}/);
    }
  });

  it("has a plain fallback text with the headline and every summary", () => {
    const message = renderChangeMessage({
      changes: [versionMove, rename],
      snapshotId: "s",
      frameworkNames: SFIA,
    });
    expect(message.text).toBe(
      "Framework update: 2 changes to SFIA — SFIA moved from version 7 to 8; ITMG renamed from IT management to Technology service management",
    );
  });

  it("names up to two frameworks (or RACI) in the header, and counts more", () => {
    const org: Change = { ...rename, framework: "org", id: "org:X" };
    const ddat: Change = { ...rename, framework: "ddat", id: "ddat:X" };
    const header = (changes: Change[]) =>
      renderChangeMessage({ changes, snapshotId: "s", frameworkNames: SFIA }).blocks[0];
    expect(header([rename, org])).toMatchObject({
      text: { text: "Framework update: 2 changes to SFIA and Our organisation" },
    });
    expect(header([rename, org, ddat])).toMatchObject({
      text: { text: "Framework update: 3 changes to SFIA, Our organisation and 1 more" },
    });
    expect(header([rename, ...manyChanges(1)])).toMatchObject({
      text: { text: "Framework update: 2 changes to SFIA and RACI" },
    });
  });

  it("escapes knowledge text so it cannot ping the channel or inject a link", () => {
    const hostile: Change = {
      ...rename,
      name: "<!channel> & <https://evil.example|click>",
      summary: "ITMG renamed to <!channel> & <https://evil.example|click> <@U123>",
    };
    const message = renderChangeMessage({ changes: [hostile], snapshotId: "s", frameworkNames: SFIA });
    const everything = JSON.stringify(message);
    expect(everything).not.toMatch(/<!channel>|<https:|<@U123>/);
    expect(sectionTexts(message.blocks)[0]).toContain(
      "&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;",
    );
    expect(message.text).toContain("&lt;!channel&gt;");
  });

  it("sends the Details button without filters to a channel that follows everything", () => {
    const message = renderChangeMessage({
      changes: [rename],
      snapshotId: "snap-9",
      following: [{ kind: "all" }, { kind: "skill", id: "sfia:ITMG", label: "" }],
    });
    const actions = message.blocks.at(-1);
    expect(actions).toMatchObject({ type: "actions", elements: [{ value: '{"s":"snap-9"}' }] });
  });

  describe("with more changes than fit", () => {
    const changes = manyChanges(300);
    const message = renderChangeMessage({ changes, snapshotId: "s" });

    it("stays within Slack's 50 blocks and 3,000 characters a section", () => {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      for (const text of sectionTexts(message.blocks)) {
        expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      }
      expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    });

    it("says how many more changes there are", () => {
      const shown = sectionTexts(message.blocks).join("\n").match(/^• /gm)?.length ?? 0;
      expect(shown).toBeGreaterThan(0);
      expect(JSON.stringify(message.blocks)).toContain(
        `…and ${300 - shown} more changes. Press Details to see them all.`,
      );
    });
  });

  it("splits one subject with very many changes over several sections, each within the limit", () => {
    const changes = manyChanges(60, 290).map((c) => ({ ...c, id: "one-process", name: "One process" }));
    const message = renderChangeMessage({ changes, snapshotId: "s" });
    const texts = sectionTexts(message.blocks);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts[1]).toMatch(/^\*One process\* · RACI \(continued\)\n/);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });
});

describe("the details of an update", () => {
  const changes = manyChanges(500);
  const ref = { snapshotId: "snap-1", page: 1 };
  const first = renderChangeDetails({ changes, ref, publishedAt: new Date("2025-03-01T09:00:00Z") });

  it("show every change over numbered pages, each within Slack's limits", () => {
    let seen = 0;
    for (let page = 1; page <= first.pages; page++) {
      const { blocks } = renderChangeDetails({ changes, ref: { ...ref, page } });
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      for (const text of sectionTexts(blocks))
        expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      seen += sectionTexts(blocks).join("\n").match(/^• /gm)?.length ?? 0;
    }
    expect(first.pages).toBeGreaterThan(1);
    expect(seen).toBe(500);
  });

  it("say which changes a page shows, and when they were published", () => {
    expect(first.blocks[1]).toMatchObject({
      type: "context",
      elements: [
        {
          text: expect.stringMatching(
            /^<!date\^1740819600\^Published \{date_short_pretty\} at \{time\}\|Published 2025-03-01 09:00 UTC> · changes 1–\d+ of 500$/,
          ),
        },
      ],
    });
  });

  it("offer Next on the first page and Previous on the last", () => {
    expect(first.blocks.at(-1)).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Next" },
          action_id: CHANGE_DETAILS_ACTION_ID,
          value: '{"s":"snap-1","p":2}',
        },
      ],
    });
    const last = renderChangeDetails({ changes, ref: { ...ref, page: first.pages } });
    expect(last.blocks.at(-1)).toMatchObject({
      elements: [
        { action_id: CHANGE_DETAILS_PREVIOUS_ACTION_ID, value: `{"s":"snap-1","p":${first.pages - 1}}` },
      ],
    });
  });

  it("show the last page for a page number past the end", () => {
    expect(renderChangeDetails({ changes, ref: { ...ref, page: 999 } }).page).toBe(first.pages);
  });
});

describe("a Details button value", () => {
  it("round-trips the snapshot, the filters and the page", () => {
    const ref = {
      snapshotId: "0b6c1c2e-1111-4222-8333-444455556666",
      filters: [
        { kind: "skill" as const, id: "sfia:ITMG" },
        { kind: "role" as const, id: "it-service-manager" },
      ],
      page: 3,
    };
    expect(decodeDetailsValue(encodeDetailsValue(ref))).toEqual(ref);
  });

  it("leaves the filters out when they would not fit in a button", () => {
    const filters = Array.from({ length: 90 }, (_, i) => ({
      kind: "role" as const,
      id: `role-${"r".repeat(20)}-${i}`,
    }));
    const value = encodeDetailsValue({ snapshotId: "snap-1", filters, page: 1 });
    expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    expect(decodeDetailsValue(value)).toEqual({ snapshotId: "snap-1", page: 1 });
  });

  it.each([
    ["not JSON", "snap-1"],
    ["a question button's value", '{"q":"ITMG 5"}'],
    ["an unknown filter kind", '{"s":"snap-1","f":["team:x"]}'],
    ["a page of zero", '{"s":"snap-1","p":0}'],
    ["a number", 42],
  ])("is refused when it is %s", (_name, raw) => {
    expect(() => decodeDetailsValue(raw)).toThrow(expect.objectContaining({ code: "DETAILS_VALUE_INVALID" }));
  });
});
