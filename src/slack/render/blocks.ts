// Small Block Kit builders that clamp to SLACK_LIMITS. Text passed in is already-escaped mrkdwn or plain text.
import type {
  ActionsBlock,
  Button,
  ContextActionsBlock,
  ContextBlock,
  HeaderBlock,
  MrkdwnElement,
  SectionBlock,
  TableBlock,
} from "./block-kit.ts";
import { clampMrkdwn, clampPlain } from "./escape.ts";
import { SLACK_LIMITS } from "./limits.ts";

/** verbatim stops Slack from turning bare words into links or mentions. */
export function mrkdwn(text: string, max: number = SLACK_LIMITS.sectionText): MrkdwnElement {
  return { type: "mrkdwn", text: clampMrkdwn(text, max), verbatim: true };
}

export function sectionBlock(text: string): SectionBlock {
  return { type: "section", text: mrkdwn(text) };
}

export function fieldsBlock(fields: string[]): SectionBlock {
  return {
    type: "section",
    fields: fields.slice(0, SLACK_LIMITS.sectionFields).map((f) => mrkdwn(f, SLACK_LIMITS.fieldText)),
  };
}

export function headerBlock(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: clampPlain(text, SLACK_LIMITS.headerText) } };
}

export function contextBlock(texts: string[]): ContextBlock {
  return {
    type: "context",
    elements: texts.slice(0, SLACK_LIMITS.contextElements).map((t) => mrkdwn(t, SLACK_LIMITS.contextText)),
  };
}

export interface ButtonSpec {
  label: string;
  actionId: string;
  value: string;
  style?: "primary" | "danger";
}

export function button(spec: ButtonSpec): Button {
  const built: Button = {
    type: "button",
    text: { type: "plain_text", text: clampPlain(spec.label, SLACK_LIMITS.buttonText) },
    action_id: spec.actionId,
    value: spec.value,
  };
  if (spec.style) built.style = spec.style;
  return built;
}

export function actionsBlock(buttons: ButtonSpec[]): ActionsBlock {
  return { type: "actions", elements: buttons.slice(0, SLACK_LIMITS.actionsElements).map(button) };
}

/**
 * A table block of plain cells, within Slack's 100 rows of 20 cells; the first row is the header.
 * Rows past the limit are left out here and counted by the caller's text.
 */
export function tableBlock(columns: readonly string[], rows: readonly (readonly string[])[]): TableBlock {
  const cell = (text: string) => ({ type: "raw_text" as const, text: text === "" ? " " : text });
  const width = Math.min(columns.length, SLACK_LIMITS.tableCells);
  const body = rows.slice(0, SLACK_LIMITS.tableRows - 1);
  return {
    type: "table",
    column_settings: [{ is_wrapped: true }],
    rows: [columns, ...body].map((row) => row.slice(0, width).map(cell)),
  };
}

export interface FeedbackButtonsSpec {
  actionId: string;
  positive: { label: string; accessibilityLabel: string; value: string };
  negative: { label: string; accessibilityLabel: string; value: string };
}

/** Slack's native thumbs up/down for messages: a context_actions block holding feedback_buttons. */
export function feedbackButtonsBlock(spec: FeedbackButtonsSpec, blockId: string): ContextActionsBlock {
  const side = (b: FeedbackButtonsSpec["positive"]) => ({
    text: { type: "plain_text" as const, text: clampPlain(b.label, SLACK_LIMITS.buttonText) },
    accessibility_label: clampPlain(b.accessibilityLabel, SLACK_LIMITS.buttonText),
    value: b.value,
  });
  return {
    type: "context_actions",
    block_id: blockId,
    elements: [
      {
        type: "feedback_buttons",
        action_id: spec.actionId,
        positive_button: side(spec.positive),
        negative_button: side(spec.negative),
      },
    ],
  };
}
