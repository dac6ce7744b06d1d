// Whole Block Kit of real answers, asserted exactly. The expected letters and names are those of
// knowledge/raci.yaml (change-management) and of the SFIA 9 and DDaT exports (Problem management in both).
import { beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../../src/core/engine.ts";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { renderAnswer } from "../../../src/slack/render/answer.ts";
import { SHIPPED_KNOWLEDGE } from "../../support/app-process.ts";
import { combinedKnowledge } from "../../support/combined-corpus.ts";
import { needsRealData } from "../../support/real-data.ts";

const mrkdwn = (text: string) => ({ type: "mrkdwn", text, verbatim: true });
const button = (text: string, index: number, question: string) => ({
  type: "button",
  text: { type: "plain_text", text },
  action_id: `rolecall_ask:${index}`,
  value: JSON.stringify({ q: question }),
});
const share = (question: string) => ({
  type: "actions",
  elements: [
    {
      type: "button",
      text: { type: "plain_text", text: "Share in channel" },
      action_id: "rolecall_share",
      value: JSON.stringify({ q: question }),
      style: "primary",
    },
  ],
});

describe("a RACI answer in Slack", () => {
  let rolecall: Rolecall;
  beforeAll(async () => {
    rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE));
  });

  it("shows each letter once, as fields, then the description, source and buttons", () => {
    const question = "who is accountable for change management";
    const rendered = renderAnswer(rolecall.ask(question), { question, surface: "ephemeral" });
    expect(rendered.blocks).toEqual([
      {
        type: "header",
        text: {
          type: "plain_text",
          text: "Change management: who is responsible, accountable, consulted and informed",
        },
      },
      { type: "section", text: mrkdwn("Accountable for Change management: IT service manager.") },
      { type: "section", fields: [mrkdwn("*Type*\nProcess")] },
      {
        type: "section",
        fields: [
          mrkdwn("*Responsible*\nChange manager"),
          mrkdwn("*Accountable*\nIT service manager"),
          mrkdwn(
            "*Consulted*\nService owner, Information security manager, Enterprise architect, Release manager, Configuration manager",
          ),
          mrkdwn("*Informed*\nIT manager, Service desk manager, Business relationship manager"),
        ],
      },
      {
        type: "section",
        text: mrkdwn(
          "*Description*\nAssessing, authorising and scheduling changes to live services so that they succeed without disrupting the business, with low-risk standard changes pre-approved and normal changes decided by risk, through the change advisory board where needed.",
        ),
      },
      { type: "context", elements: [mrkdwn("Sources: Rolecall authored content")] },
      {
        type: "actions",
        elements: [
          button(
            "What the IT service manager is accountable for",
            0,
            "what is the IT service manager accountable for",
          ),
          button("IT service manager profile", 1, "IT service manager"),
        ],
      },
      share(question),
    ]);
  });
});

describe.skipIf(needsRealData())("a name in the RACI, SFIA and DDaT", () => {
  let rolecall: Rolecall;
  beforeAll(async () => {
    rolecall = createRolecall(await combinedKnowledge());
  });

  it("answers the RACI row and offers the two skills as 'Also in' buttons that ask for each", () => {
    const question = "problem management";
    const rendered = renderAnswer(rolecall.ask(question), { question, surface: "ephemeral" });
    const actions = rendered.blocks.filter((b) => b.type === "actions");
    expect(actions).toEqual([
      {
        type: "actions",
        elements: [
          button("Also in DDaT: Problem management", 0, "DDaT Problem management"),
          button("Also in SFIA: Problem management", 1, "SFIA PBMG"),
          button(
            "What the IT service manager is accountable for",
            2,
            "what is the IT service manager accountable for",
          ),
          button("IT service manager profile", 3, "IT service manager"),
        ],
      },
      share(question),
    ]);
    expect(rolecall.ask("DDaT Problem management").subjects[0]).toMatchObject({
      id: "ddat:problem-management",
    });
    expect(rolecall.ask("SFIA PBMG").subjects[0]).toMatchObject({ id: "sfia:PBMG" });
  });

  it("answers a level with the framework that defines it, and offers the other framework's skill at that level", () => {
    const question = "problem management level 5";
    const rendered = renderAnswer(rolecall.ask(question), { question, surface: "ephemeral" });
    expect(rendered.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "PBMG level 5: Problem management (SFIA 9)" },
    });
    const [firstActions] = rendered.blocks.filter((b) => b.type === "actions");
    expect(firstActions).toMatchObject({
      elements: expect.arrayContaining([
        button("Also in DDaT: Problem management", 0, "DDaT Problem management"),
        button("RACI: Problem management", 1, "raci Problem management"),
      ]),
    });
  });
});

describe.skipIf(needsRealData())("a career path in Slack", () => {
  let rolecall: Rolecall;
  beforeAll(async () => {
    rolecall = createRolecall(await combinedKnowledge());
  });

  it("is a table block of each skill's level on both role levels, as the DDaT CSV lists them", () => {
    const question = "how do I get from IT service manager to senior IT service manager";
    const rendered = renderAnswer(rolecall.ask(question), { question, surface: "ephemeral" });
    const cells = (row: string[]) => row.map((text) => ({ type: "raw_text", text }));
    expect(rendered.blocks.filter((b) => b.type === "table")).toEqual([
      {
        type: "table",
        column_settings: [{ is_wrapped: true }],
        rows: [
          ["Skill", "IT service manager", "Senior IT service manager", "Change"],
          ["Asset and configuration management", "2 (Working)", "3 (Practitioner)", "rises"],
          ["Business analysis (IT operations)", "2 (Working)", "3 (Practitioner)", "rises"],
          ["Continual service improvement", "2 (Working)", "3 (Practitioner)", "rises"],
          ["IT service reporting", "2 (Working)", "3 (Practitioner)", "rises"],
          ["Ownership and topic", "2 (Working)", "3 (Practitioner)", "rises"],
          ["Service management framework knowledge", "2 (Working)", "3 (Practitioner)", "rises"],
          ["Stakeholder relationship management (IT operations)", "2 (Working)", "3 (Practitioner)", "rises"],
          ["Strategic thinking", "2 (Working)", "3 (Practitioner)", "rises"],
          ["User focus", "2 (Working)", "3 (Practitioner)", "rises"],
          ["Service focus", "3 (Practitioner)", "3 (Practitioner)", "same"],
          ["Technical understanding", "2 (Working)", "2 (Working)", "same"],
        ].map(cells),
      },
    ]);
  });

  it("keeps every step of the longest ladder within Slack's table and message limits", () => {
    const ladders = [...rolecall.knowledge.roles.values()].filter((r) => (r.roleLevels?.length ?? 0) > 1);
    const longest = ladders.reduce((a, b) =>
      (b.roleLevels?.length ?? 0) > (a.roleLevels?.length ?? 0) ? b : a,
    );
    const levels = [...(longest.roleLevels ?? [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    for (let i = 1; i < levels.length; i++) {
      const question = `how do I get from ${levels[i - 1]?.name} to ${levels[i]?.name}`;
      const rendered = renderAnswer(rolecall.ask(question), { question, surface: "ephemeral" });
      expect(rendered.blocks.length).toBeLessThanOrEqual(50);
      const tables = rendered.blocks.filter((b) => b.type === "table");
      expect(tables.length).toBeLessThanOrEqual(1);
      for (const table of tables) {
        expect(table.rows.length).toBeLessThanOrEqual(100);
        for (const row of table.rows) expect(row.length).toBeLessThanOrEqual(20);
      }
    }
  });
});
