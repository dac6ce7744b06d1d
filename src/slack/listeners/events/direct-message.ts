// A question in a DM is answered in the DM; a reply in a thread is answered in that thread.
// Only plain messages from people count: not the bot's own, other bots', edits, joins or deletions.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { answerOn } from "../../feedback.ts";
import { questionFromSlackText } from "../../question-text.ts";
import { renderHelp } from "../../render/help.ts";
import { newMessageTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

type MessageArgs = SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs;

interface PersonMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  thread_ts?: string;
}

export function personDirectMessage(event: unknown): PersonMessage | undefined {
  const e = event as Partial<Record<string, unknown>>;
  const isPlain = e.type === "message" && e.subtype === undefined && e.bot_id === undefined;
  if (!isPlain || e.channel_type !== "im") return undefined;
  if (typeof e.channel !== "string" || typeof e.user !== "string" || typeof e.ts !== "string")
    return undefined;
  return {
    channel: e.channel,
    user: e.user,
    text: typeof e.text === "string" ? e.text : "",
    ts: e.ts,
    ...(typeof e.thread_ts === "string" ? { thread_ts: e.thread_ts } : {}),
  };
}

export function directMessage(deps: ListenerDeps) {
  return async ({ event, client, context }: MessageArgs): Promise<void> => {
    const message = personDirectMessage(event);
    if (!message) return;
    const target = newMessageTarget(
      client,
      { channel: message.channel, threadTs: message.thread_ts },
      deps.people?.labeller,
    );
    await guarded(deps, "direct message", target, async () => {
      const question = questionFromSlackText(message.text, context.botUserId);
      if (question === "") return target.showMessage(renderHelp(deps.examples));
      await answerOn(deps, target, question, { teamId: context.teamId, surface: "dm" });
    });
  };
}
