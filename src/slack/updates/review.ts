// Review reminders in Slack: the DM an owner gets (what is due, with "Still correct" and "Needs change"),
// and the value those buttons carry: the review scopes, so pressing one needs nothing but the store.
import { z } from "zod";
import { formatDay } from "../../core/text/date.ts";
import { fill } from "../../core/text/template.ts";
import type { ReviewReminder } from "../../notify/review-reminder.ts";
import type { KnownBlock } from "../render/block-kit.ts";
import { actionsBlock, headerBlock, sectionBlock } from "../render/blocks.ts";
import { clampMrkdwn, escapeMrkdwn } from "../render/escape.ts";
import { SLACK_LIMITS } from "../render/limits.ts";
import {
  REVIEW_DUE_INTRO,
  REVIEW_DUE_ITEM,
  REVIEW_DUE_TITLE,
  REVIEW_NEEDS_CHANGE_BUTTON,
  REVIEW_STILL_CORRECT_BUTTON,
} from "./messages.ts";

export const REVIEW_CONFIRM_ACTION_ID = "rolecall_review_ok";
export const REVIEW_CHANGE_ACTION_ID = "rolecall_review_change";
/** block_id of the buttons, so a press can replace them with what was recorded */
export const REVIEW_ACTIONS_BLOCK_ID = "rolecall_review_actions";

const valueSchema = z.object({ s: z.array(z.string().min(1)).min(1) });

export class ReviewValueError extends Error {
  readonly code = "ACTION_VALUE_INVALID";
  constructor() {
    super("not a review button's value");
    this.name = "ReviewValueError";
  }
}

/** The scopes, as many as fit a button's value; any left out are reminded again after their interval. */
export function encodeReviewValue(scopes: readonly string[]): string {
  const kept: string[] = [];
  for (const scope of scopes) {
    if (JSON.stringify({ s: [...kept, scope] }).length > SLACK_LIMITS.buttonValue) break;
    kept.push(scope);
  }
  return JSON.stringify({ s: kept });
}

export function decodeReviewValue(value: unknown): string[] {
  try {
    const parsed = valueSchema.safeParse(JSON.parse(String(value)));
    if (parsed.success) return parsed.data.s;
  } catch {
    // not JSON: refused below
  }
  throw new ReviewValueError();
}

export function renderReviewReminder(reminder: ReviewReminder): { text: string; blocks: KnownBlock[] } {
  const lines = reminder.items.map((item) =>
    fill(REVIEW_DUE_ITEM, {
      label: escapeMrkdwn(item.label),
      since: formatDay(item.dueSince),
      every: escapeMrkdwn(item.every),
      count: `${item.subjects} ${item.subjects === 1 ? "subject" : "subjects"}`,
      files: item.files.map((f) => `\`${escapeMrkdwn(f)}\``).join(", "),
    }),
  );
  const value = encodeReviewValue(reminder.items.map((i) => i.scope));
  const buttons = actionsBlock([
    { label: REVIEW_STILL_CORRECT_BUTTON, actionId: REVIEW_CONFIRM_ACTION_ID, value, style: "primary" },
    { label: REVIEW_NEEDS_CHANGE_BUTTON, actionId: REVIEW_CHANGE_ACTION_ID, value },
  ]);
  return {
    text: clampMrkdwn(
      `${REVIEW_DUE_TITLE}: ${reminder.items.map((i) => escapeMrkdwn(i.label)).join(", ")}`,
      SLACK_LIMITS.fallbackText,
    ),
    blocks: [
      headerBlock(REVIEW_DUE_TITLE),
      sectionBlock(`${REVIEW_DUE_INTRO}\n${lines.join("\n")}`),
      { ...buttons, block_id: REVIEW_ACTIONS_BLOCK_ID },
    ],
  };
}
