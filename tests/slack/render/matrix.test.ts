// The RACI matrix in Slack: one table block a page, asserted exactly for a small fixture, and a matrix
// larger than the table block's 100 rows of 20 cells paged so every cell is shown once and no page is over.
import { describe, expect, it } from "vitest";
import { raciMatrixAnswer } from "../../../src/core/answer/raci-matrix.ts";
import { createRolecall } from "../../../src/core/engine.ts";
import { buildKnowledge, loadKnowledge } from "../../../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../../../src/core/knowledge/model.ts";
import { renderAnswer } from "../../../src/slack/render/answer.ts";
import type { TableBlock } from "../../../src/slack/render/block-kit.ts";
import { SLACK_LIMITS } from "../../../src/slack/render/limits.ts";
import { FIXTURE_KNOWLEDGE } from "../../support/knowledge.ts";

const mrkdwn = (text: string) => ({ type: "mrkdwn", text, verbatim: true });
const cell = (text: string) => ({ type: "raw_text", text });

describe("a small RACI matrix in Slack", () => {
  it("is a header, the summary, one table block, the source and its buttons", async () => {
    const rolecall = createRolecall(await loadKnowledge(FIXTURE_KNOWLEDGE));
    const question = "raci matrix";
    const rendered = renderAnswer(rolecall.ask(question), { question, surface: "ephemeral" });
    expect(rendered).toMatchObject({ page: 1, pages: 1 });
    expect(rendered.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "RACI matrix" } },
      {
        type: "section",
        text: mrkdwn("1 process and 3 roles. R is Responsible, A Accountable, C Consulted, I Informed."),
      },
      {
        type: "table",
        column_settings: [{ is_wrapped: true }],
        rows: [
          [
            cell("Process, practice or tool"),
            cell("IT service manager"),
            cell("Change manager"),
            cell("Service desk manager"),
          ],
          [cell("Change management"), cell("A"), cell("R"), cell("C/I")],
        ],
      },
      { type: "context", elements: [mrkdwn("Sources: RACI")] },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Processes only" },
            action_id: "rolecall_ask:0",
            value: JSON.stringify({ q: "RACI matrix for processes" }),
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
            value: JSON.stringify({ q: "RACI matrix" }),
            style: "primary",
          },
        ],
      },
    ]);
    expect(rendered.text).toBe(
      "RACI matrix: 1 process and 3 roles. R is Responsible, A Accountable, C Consulted, I Informed.",
    );
  });
});

/** A made-up RACI of rows × roles: row r is accountable to role r mod roles and informs the next role. */
function bigKnowledge(rows: number, roles: number): KnowledgeBase {
  const roleIds = Array.from({ length: roles }, (_, i) => `role-${i + 1}`);
  const text = [
    "roles:",
    ...roleIds.flatMap((id, i) => [
      `  - id: ${id}`,
      `    name: Role ${i + 1}`,
      `    summary: Made-up role ${i + 1}.`,
    ]),
    "raci:",
    ...Array.from({ length: rows }, (_, r) => [
      `  - id: row-${r + 1}`,
      "    kind: process",
      `    name: Process ${r + 1}`,
      `    description: Made-up process ${r + 1}.`,
      `    accountable: ${roleIds[r % roles]}`,
      `    informed: ${roleIds[(r + 1) % roles]}`,
    ]).flat(),
  ].join("\n");
  const { kb, problems } = buildKnowledge([{ file: "big.yaml", text }]);
  expect(problems).toEqual([]);
  return kb;
}

function tableOf(blocks: readonly unknown[]): TableBlock {
  const tables = blocks.filter((b) => (b as { type: string }).type === "table") as TableBlock[];
  expect(tables).toHaveLength(1);
  return tables[0] as TableBlock;
}

const texts = (row: TableBlock["rows"][number]) => row.map((c) => (c as { text: string }).text);

describe("a RACI matrix over the table block's limits", () => {
  const kb = bigKnowledge(120, 25);
  const answer = raciMatrixAnswer(kb, {});
  const render = (page: number) =>
    renderAnswer(answer, { question: "raci matrix", page, surface: "ephemeral" });

  it("is cut into pages of at most 100 rows and 20 cells a row", () => {
    const first = render(1);
    expect(first.pages).toBe(4);
    for (let page = 1; page <= first.pages; page++) {
      const table = tableOf(render(page).blocks);
      expect(table.rows.length).toBeLessThanOrEqual(SLACK_LIMITS.tableRows);
      for (const row of table.rows) expect(row.length).toBeLessThanOrEqual(SLACK_LIMITS.tableCells);
    }
  });

  it("shows every cell of the matrix exactly once across its pages, row names on each", () => {
    const seen = new Map<string, string>();
    for (let page = 1; page <= 4; page++) {
      const [header, ...rows] = tableOf(render(page).blocks).rows.map(texts);
      for (const row of rows) {
        for (const [c, role] of (header ?? []).slice(1).entries()) {
          const key = `${row[0]}|${role}`;
          expect(seen.has(key), key).toBe(false);
          seen.set(key, row[c + 1] ?? "");
        }
      }
    }
    expect(seen.size).toBe(120 * 25);
    expect(seen.get("Process 1|Role 1")).toBe("A");
    expect(seen.get("Process 1|Role 2")).toBe("I");
    expect(seen.get("Process 120|Role 20")).toBe("A");
    expect(seen.get("Process 120|Role 21")).toBe("I");
    expect(seen.get("Process 120|Role 22")).toBe(" ");
  });

  it("walks across the role columns first, then down to the next rows", () => {
    const header = (page: number) => texts(tableOf(render(page).blocks).rows[0] ?? []);
    const firstRow = (page: number) => texts(tableOf(render(page).blocks).rows[1] ?? [])[0];
    expect(header(1).slice(1, 2)).toEqual(["Role 1"]);
    expect(header(2).slice(1)).toEqual(["Role 20", "Role 21", "Role 22", "Role 23", "Role 24", "Role 25"]);
    expect([firstRow(1), firstRow(2), firstRow(3), firstRow(4)]).toEqual([
      "Process 1",
      "Process 1",
      "Process 100",
      "Process 100",
    ]);
  });

  it("says where each page is, and its buttons carry the filter and the page", () => {
    const second = render(2);
    expect(second.blocks).toContainEqual({
      type: "context",
      elements: [mrkdwn("Page 2 of 4: Rows 1–99 of 120, role columns 20–25 of 25")],
    });
    const controls = second.blocks.at(-1) as { elements: Array<{ action_id: string; value: string }> };
    expect(controls.elements.map((e) => [e.action_id, e.value])).toEqual([
      ["rolecall_matrix_page:prev", JSON.stringify({ m: {}, p: 1 })],
      ["rolecall_matrix_page:next", JSON.stringify({ m: {}, p: 3 })],
      ["rolecall_share", JSON.stringify({ q: "RACI matrix", p: 2 })],
    ]);
    const last = render(4).blocks.at(-1) as { elements: Array<{ action_id: string }> };
    expect(last.elements.map((e) => e.action_id)).toEqual(["rolecall_matrix_page:prev", "rolecall_share"]);
  });

  it("keeps the filter in the page buttons of part of a matrix", () => {
    const part = raciMatrixAnswer(kb, { roleId: "role-3", words: "process" });
    const rendered = renderAnswer(part, { question: "q", surface: "message" });
    expect(rendered.pages).toBe(1);
    const roleKb = bigKnowledge(150, 3);
    const byRole = renderAnswer(raciMatrixAnswer(roleKb, { roleId: "role-2", kind: "process" }), {
      question: "q",
      surface: "message",
    });
    expect(byRole.pages).toBe(2);
    const controls = byRole.blocks.at(-1) as { elements: Array<{ value: string }> };
    expect(controls.elements.map((e) => JSON.parse(e.value))).toEqual([
      { m: { k: "process", r: "role-2" }, p: 2 },
    ]);
  });
});
