// Reading the feedback buttons out of a rendered answer, so a test can compare a whole answer with what
// the renderer gives for the same recorded answer id.
import { FEEDBACK_BLOCK_ID } from "../../src/slack/render/answer.ts";

/** The answer id the feedback buttons in these blocks (or a body holding them) carry, if any. */
export function answerIdIn(body: unknown): string | undefined {
  const blocks = blocksOf(body);
  const block = blocks.find((b) => (b as { block_id?: unknown }).block_id === FEEDBACK_BLOCK_ID) as
    | { elements?: Array<Record<string, unknown>> }
    | undefined;
  const element = block?.elements?.[0];
  const value =
    (element?.positive_button as { value?: unknown } | undefined)?.value ??
    (element as { value?: unknown })?.value;
  return typeof value === "string" ? (JSON.parse(value) as { a: string }).a : undefined;
}

/** The renderer's feedback option for the answer in body: what the app rendered it with. */
export function feedbackIn(body: unknown): { answerId: string } | undefined {
  const answerId = answerIdIn(body);
  return answerId ? { answerId } : undefined;
}

function blocksOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const b = body as { blocks?: unknown; view?: { blocks?: unknown } } | undefined;
  if (Array.isArray(b?.blocks)) return b.blocks;
  if (Array.isArray(b?.view?.blocks)) return b.view.blocks;
  return [];
}
