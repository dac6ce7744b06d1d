// `/raci matrix` end to end: a signed slash command answered in the ack with the first page of the shipped
// RACI matrix (28 role columns: two pages), and its page buttons pressed as Slack sends them, replacing the
// ephemeral answer through response_url or a bot message through chat.update on the Web API stand-in.
import { beforeAll, describe, expect, it } from "vitest";
import { raciMatrixAnswer } from "../../src/core/answer/raci-matrix.ts";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { BUTTON_EXPIRED } from "../../src/slack/messages.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import type { KnownBlock, TableBlock } from "../../src/slack/render/block-kit.ts";
import { SHIPPED_KNOWLEDGE } from "../support/app-process.ts";
import { feedbackIn } from "../support/feedback.ts";
import { useSlackApp } from "../support/slack-app.ts";
import { type BlockActionOptions, blockActionBody, nextTs, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "raci-matrix-test-signing-secret";

let rolecall: Rolecall;

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE));
});

const running = useSlackApp({ signingSecret: SECRET });

async function raciCommand(text: string, id: string) {
  const response = await postSigned(
    running.app.eventsUrl,
    SECRET,
    slashCommand({ command: "/raci", text, responseUrl: running.api.responseUrl(id), channel: "C0GENERAL" }),
  );
  expect(response.status).toBe(200);
  return JSON.parse(await response.text()) as { response_type: string; text: string; blocks: KnownBlock[] };
}

async function press(options: BlockActionOptions): Promise<void> {
  const response = await postSigned(running.app.eventsUrl, SECRET, blockActionBody(options));
  expect(response.status).toBe(200);
}

function button(blocks: readonly KnownBlock[], actionId: string) {
  const found = blocks
    .flatMap((b) => (b.type === "actions" ? b.elements : []))
    .find((e) => "action_id" in e && e.action_id === actionId) as
    | { action_id: string; value: string }
    | undefined;
  if (!found) throw new Error(`no ${actionId} button`);
  return { actionId: found.action_id, value: found.value };
}

function table(blocks: readonly unknown[]): string[][] {
  const block = blocks.find((b) => (b as { type: string }).type === "table") as TableBlock;
  return block.rows.map((row) => row.map((c) => (c as { text: string }).text));
}

const wholeMatrix = () => raciMatrixAnswer(rolecall.knowledge, {});

describe("/raci matrix", () => {
  it("answers in the ack with the first page: the row names and the first 19 role columns", async () => {
    const ack = await raciCommand("matrix", "matrix-ack");
    const expected = renderAnswer(rolecall.ask("RACI matrix"), {
      question: "RACI matrix",
      surface: "ephemeral",
      feedback: feedbackIn(ack),
    });
    expect(ack).toEqual({ response_type: "ephemeral", text: expected.text, blocks: expected.blocks });
    const rows = table(ack.blocks);
    const whole = wholeMatrix().table;
    expect(rows[0]).toEqual(whole?.columns.slice(0, 20));
    expect(rows.slice(1).map((r) => r[0])).toEqual(whole?.rows.map((r) => r[0]));
    expect(button(ack.blocks, "rolecall_matrix_page:next").value).toBe(JSON.stringify({ m: {}, p: 2 }));
  });

  it("shows part of the matrix from the words after it", async () => {
    const ack = await raciCommand("matrix for tools", "matrix-tools");
    expect(ack.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "RACI matrix for tools" },
    });
    const toolNames = [...rolecall.knowledge.raci.values()]
      .filter((r) => r.kind === "tool")
      .map((r) => r.name);
    expect(
      table(ack.blocks)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(toolNames);
  });

  it("pressing Next page replaces the ephemeral answer with page 2 through response_url", async () => {
    const ack = await raciCommand("matrix", "matrix-first");
    const next = button(ack.blocks, "rolecall_matrix_page:next");
    await press({
      ...next,
      responseUrl: running.api.responseUrl("matrix-next"),
      message: { channel: "C0GENERAL", ephemeral: true },
    });
    const [reply] = await running.api.waitForResponses("matrix-next");
    const page2 = renderAnswer(wholeMatrix(), { question: "RACI matrix", page: 2, surface: "ephemeral" });
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: true,
      text: page2.text,
      blocks: page2.blocks,
    });
    const whole = wholeMatrix().table;
    const rows = table(page2.blocks);
    expect(rows[0]).toEqual([whole?.columns[0], ...(whole?.columns.slice(20) ?? [])]);
    // An empty cell is sent as one space: Slack refuses an empty raw_text.
    const shown = (cells: readonly string[]) => cells.map((c) => (c === "" ? " " : c));
    expect(rows[1]).toEqual([whole?.rows[0]?.[0], ...shown(whole?.rows[0]?.slice(20) ?? [])]);
    expect(button(page2.blocks, "rolecall_matrix_page:prev").value).toBe(JSON.stringify({ m: {}, p: 1 }));
  });

  it("keeps the filter when a page button of part of the matrix is pressed on a bot message", async () => {
    const filter = { roleId: "change-manager" };
    const value = JSON.stringify({ m: { r: "change-manager" }, p: 2 });
    const ts = nextTs();
    await press({
      actionId: "rolecall_matrix_page:next",
      value,
      message: { channel: "D0MATRIX", ts },
    });
    const updated = await running.api.waitForCall("chat.update", (c) => c.body.channel === "D0MATRIX");
    const page2 = renderAnswer(raciMatrixAnswer(rolecall.knowledge, filter), {
      question: "RACI matrix for the Change manager",
      page: 2,
      surface: "message",
    });
    expect(updated.body).toMatchObject({ channel: "D0MATRIX", ts, text: page2.text, blocks: page2.blocks });
  });

  it("says the button no longer works when its value is not a matrix page", async () => {
    await press({
      actionId: "rolecall_matrix_page:next",
      value: JSON.stringify({ m: { k: "procedure" }, p: 2 }),
      responseUrl: running.api.responseUrl("matrix-bad"),
      message: { channel: "C0GENERAL", ephemeral: true },
    });
    const [reply] = await running.api.waitForResponses("matrix-bad");
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: BUTTON_EXPIRED,
    });
  });
});
