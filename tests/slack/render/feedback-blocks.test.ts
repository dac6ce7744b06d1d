// The feedback buttons under an answer: Slack's native feedback_buttons in messages, plain buttons on App
// Home (a view), the note acknowledging a vote, and button values that stay within Slack's 2,000 characters.
import { describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/answer/types.ts";
import { ActionValueError } from "../../../src/slack/action-value.ts";
import { decodeFeedbackValue, encodeFeedbackValue } from "../../../src/slack/feedback-value.ts";
import { renderAnswer } from "../../../src/slack/render/answer.ts";

const answer: Answer = {
  intent: "level",
  title: "ITMG 5",
  summary: "IT management at level 5.",
  notices: [],
  sections: [],
  facts: [],
  subjects: [],
  sources: [],
  followUps: [],
};

const value = (vote: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ a: "answer-1", v: vote, q: "ITMG 5", ...extra });

describe("an answer with feedback", () => {
  it("ends, in a message, with a context_actions block of Slack's feedback buttons", () => {
    const { blocks } = renderAnswer(answer, {
      question: "ITMG 5",
      surface: "ephemeral",
      feedback: { answerId: "answer-1" },
    });
    expect(blocks.at(-1)).toEqual({
      type: "context_actions",
      block_id: "rolecall_feedback",
      elements: [
        {
          type: "feedback_buttons",
          action_id: "rolecall_feedback",
          positive_button: {
            text: { type: "plain_text", text: "Helpful" },
            accessibility_label: "Mark this answer as helpful",
            value: value("helpful"),
          },
          negative_button: {
            text: { type: "plain_text", text: "Not helpful" },
            accessibility_label: "Mark this answer as not helpful",
            value: value("not_helpful"),
          },
        },
      ],
    });
  });

  it("ends, on App Home, with two ordinary buttons, since views do not take context_actions", () => {
    const { blocks } = renderAnswer(answer, {
      question: "ITMG 5",
      surface: "home",
      page: 1,
      feedback: { answerId: "answer-1" },
    });
    expect(blocks.at(-1)).toEqual({
      type: "actions",
      block_id: "rolecall_feedback",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Helpful" },
          action_id: "rolecall_feedback:helpful",
          value: value("helpful"),
        },
        {
          type: "button",
          text: { type: "plain_text", text: "Not helpful" },
          action_id: "rolecall_feedback:not_helpful",
          value: value("not_helpful"),
        },
      ],
    });
  });

  it("shows the note acknowledging a vote just above the buttons", () => {
    const { blocks } = renderAnswer(answer, {
      question: "ITMG 5",
      surface: "message",
      feedback: { answerId: "answer-1", note: "Thanks" },
    });
    expect(blocks.at(-2)).toEqual({
      type: "context",
      block_id: "rolecall_feedback_note",
      elements: [{ type: "mrkdwn", text: "Thanks", verbatim: true }],
    });
  });

  it("has no feedback buttons without a recorded answer", () => {
    const { blocks } = renderAnswer(answer, { question: "ITMG 5", surface: "ephemeral" });
    expect(JSON.stringify(blocks)).not.toContain("rolecall_feedback");
  });
});

describe("a feedback button's value", () => {
  it("leaves the question out when it would not fit in 2,000 characters", () => {
    const encoded = encodeFeedbackValue("answer-1", "helpful", "x".repeat(2_000));
    expect(encoded).toBe(JSON.stringify({ a: "answer-1", v: "helpful" }));
    expect(decodeFeedbackValue(encoded)).toEqual({ a: "answer-1", v: "helpful" });
  });

  it.each([
    ["not JSON", "{nope"],
    ["an unknown vote", JSON.stringify({ a: "answer-1", v: "love" })],
    ["an answer id that is not one", JSON.stringify({ a: "../../etc", v: "helpful" })],
    ["an extra field", JSON.stringify({ a: "answer-1", v: "helpful", admin: true })],
    ["too long a value", JSON.stringify({ a: "answer-1", v: "helpful", q: "x".repeat(2_000) })],
  ])("refuses %s", (_, raw) => {
    expect(() => decodeFeedbackValue(raw)).toThrow(ActionValueError);
  });
});
