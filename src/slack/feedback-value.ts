// The value a feedback button carries: the answer's id (the store knows what it was about) and the vote,
// plus the question and part so the answer can be shown again in place with the acknowledgement. Values
// come back from Slack as untrusted text and are validated here; only the answer id reaches the store.
import { z } from "zod";
import { VOTES, type Vote } from "../store/types.ts";
import { decodeValue, MAX_PAGE } from "./action-value.ts";
import { SLACK_LIMITS } from "./render/limits.ts";

const feedbackValueSchema = z.strictObject({
  a: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  v: z.enum(VOTES),
  q: z.string().trim().min(1).optional(),
  p: z.number().int().min(1).max(MAX_PAGE).optional(),
});

export type FeedbackValue = z.infer<typeof feedbackValueSchema>;

/** The value for one feedback button; the question is left out when it would not fit. */
export function encodeFeedbackValue(answerId: string, vote: Vote, question?: string, page?: number): string {
  const bare = { a: answerId, v: vote };
  const full = JSON.stringify({
    ...bare,
    ...(question ? { q: question } : {}),
    ...(page && page > 1 ? { p: page } : {}),
  });
  return full.length <= SLACK_LIMITS.buttonValue ? full : JSON.stringify(bare);
}

export function decodeFeedbackValue(raw: unknown): FeedbackValue {
  return decodeValue(raw, feedbackValueSchema);
}
