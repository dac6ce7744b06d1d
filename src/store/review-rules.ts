// What both stores share about knowledge reviews: checking the input, and reading a reviews row.
import { requireDate, requireId, STORE_LIMITS, toJson } from "./input.ts";
import type { NewReview, ReviewRecord, ReviewReminderInput } from "./types.ts";

export interface CheckedReminder {
  owner: string;
  teamId: string;
  scopes: Array<{ scope: string; notRemindedSince: Date }>;
  payload: string;
  at: Date;
}

export function checkReview(input: NewReview): { scope: string; reviewedBy: string; at: Date } {
  return {
    scope: requireId(input.scope, "scope"),
    reviewedBy: requireId(input.reviewedBy, "reviewedBy"),
    at: input.at === undefined ? new Date() : requireDate(input.at, "at"),
  };
}

export function checkReminder(input: ReviewReminderInput): CheckedReminder {
  return {
    owner: requireId(input.owner, "owner"),
    teamId: requireId(input.teamId, "teamId"),
    scopes: input.scopes.map((s, i) => ({
      scope: requireId(s.scope, `scopes[${i}].scope`),
      notRemindedSince: requireDate(s.notRemindedSince, `scopes[${i}].notRemindedSince`),
    })),
    payload: toJson(input.payload, "payload", STORE_LIMITS.maxPayloadBytes),
    at: input.at === undefined ? new Date() : requireDate(input.at, "at"),
  };
}

export interface ReviewRow<Time> {
  scope: string;
  reviewed_at: Time | null;
  reviewed_by: string | null;
  reminded_at: Time | null;
}

export function reviewFromRow<Time>(row: ReviewRow<Time>, time: (value: Time) => Date): ReviewRecord {
  return {
    scope: row.scope,
    ...(row.reviewed_at !== null ? { reviewedAt: time(row.reviewed_at) } : {}),
    ...(row.reviewed_by !== null ? { reviewedBy: row.reviewed_by } : {}),
    ...(row.reminded_at !== null ? { remindedAt: time(row.reminded_at) } : {}),
  };
}

/** True when one of the scopes was already reminded at or after its notRemindedSince. */
export function remindedAlready(checked: CheckedReminder, remindedAt: ReadonlyMap<string, Date>): boolean {
  return checked.scopes.some((s) => {
    const last = remindedAt.get(s.scope);
    return last !== undefined && last >= s.notRemindedSince;
  });
}
