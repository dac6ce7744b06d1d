// The plain-data reminder an owner is sent when their knowledge falls due for review: what is due, since
// when, and in which files. The outbox stores this (never a chat platform's message format); rows are
// read back from storage, so the shape is checked before anything is rendered.
import { z } from "zod";

export const REVIEW_REMINDER_FORMAT = "review_due";

export interface ReviewItem {
  /** file:<path> or source:<id> */
  scope: string;
  /** the file, or the source's title */
  label: string;
  /** YYYY-MM-DD the review fell due */
  dueSince: string;
  /** the review interval as the knowledge gives it, e.g. 90d */
  every: string;
  /** the knowledge files the scope's subjects are in */
  files: string[];
  /** how many subjects (skills, levels, roles, RACI rows) are due */
  subjects: number;
}

export interface ReviewReminder {
  format: typeof REVIEW_REMINDER_FORMAT;
  /** the Slack user id or user group the knowledge names */
  owner: string;
  items: ReviewItem[];
}

const reminderSchema = z.object({
  format: z.literal(REVIEW_REMINDER_FORMAT),
  owner: z.string().min(1),
  items: z
    .array(
      z.object({
        scope: z.string().min(1),
        label: z.string(),
        dueSince: z.string(),
        every: z.string(),
        files: z.array(z.string()),
        subjects: z.number().int().nonnegative(),
      }),
    )
    .min(1),
});

export function isReviewReminderPayload(payload: unknown): boolean {
  return (payload as { format?: unknown } | null)?.format === REVIEW_REMINDER_FORMAT;
}

export class ReviewReminderError extends Error {
  readonly code = "REVIEW_REMINDER_INVALID";
  constructor(detail: string) {
    super(`outbox payload is not a review reminder: ${detail}`);
    this.name = "ReviewReminderError";
  }
}

export function parseReviewReminder(payload: unknown): ReviewReminder {
  const result = reminderSchema.safeParse(payload);
  if (!result.success) throw new ReviewReminderError(result.error.issues[0]?.message ?? "invalid");
  return result.data;
}
