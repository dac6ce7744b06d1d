// Keyed hashes (HMAC-SHA256) of user ids and questions: the store can tell one voter or one question from
// another without keeping who voted or what was asked. Without the key the hashes cannot be reversed by
// trying likely ids or questions.
import { createHmac } from "node:crypto";
import { canonical } from "../core/text/normalize.ts";

export interface KeyedHasher {
  /** a voter's Slack user id, scoped to the workspace */
  user(teamId: string, userId: string): string;
  /** a question, normalised first so "ITMG 5?" and "itmg  5" are the same question */
  question(text: string): string;
}

export function createKeyedHasher(secret: string): KeyedHasher {
  if (secret.length === 0) throw new Error("the hash key must not be empty");
  const hash = (purpose: string, value: string) =>
    createHmac("sha256", secret).update(`${purpose}\u0000${value}`).digest("hex");
  return {
    user: (teamId, userId) => hash("user", `${teamId}:${userId}`),
    question: (text) => hash("question", normaliseQuestion(text)),
  };
}

/** Lower case, accents and punctuation folded away, single spaces: what "the same question" means. */
export function normaliseQuestion(text: string): string {
  return canonical(text);
}
