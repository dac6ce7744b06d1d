// What an outbox row carries: the Slack message, as plain JSON. Rows are read back from storage (maybe
// written by another version of Rolecall), so the shape is checked before anything is posted.
import { z } from "zod";
import type { KnownBlock } from "../slack/render/block-kit.ts";
import { SLACK_LIMITS } from "../slack/render/limits.ts";
import type { SlackMessage } from "./message.ts";

export type NotificationPayload = SlackMessage;

const payloadSchema = z.object({
  text: z.string().min(1).max(40_000),
  // Blocks were built by our renderer; only their number and that each is an object with a type is checked.
  blocks: z.array(z.looseObject({ type: z.string() })).max(SLACK_LIMITS.blocksPerMessage),
});

export class PayloadError extends Error {
  readonly code = "PAYLOAD_INVALID";
  constructor(detail: string) {
    super(`outbox payload is not a Slack message: ${detail}`);
    this.name = "PayloadError";
  }
}

export function toPayload(message: SlackMessage): NotificationPayload {
  return { text: message.text, blocks: message.blocks };
}

export function parsePayload(value: unknown): NotificationPayload {
  const result = payloadSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PayloadError(`${issue?.path.join(".") || "payload"}: ${issue?.message ?? "invalid"}`);
  }
  return { text: result.data.text, blocks: result.data.blocks as unknown as KnownBlock[] };
}
