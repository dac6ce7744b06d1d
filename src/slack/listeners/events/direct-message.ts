// A question in a DM is answered in the DM; a reply in a thread is answered in that thread.
// Only plain messages from people count: not the bot's own, other bots', edits, joins or deletions.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, webApi } from "@slack/bolt";
import { answerOn } from "../../feedback.ts";
import { questionFromSlackText } from "../../question-text.ts";
import { renderHelp } from "../../render/help.ts";
import { newMessageTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

type MessageArgs = SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs;

export interface PersonMessage {
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
    await answerDirectMessage(deps, client, message, {
      surface: "direct message",
      botUserId: context.botUserId,
      teamId: context.teamId,
    });
  };
}

/**
 * The one way a question sent to Rolecall directly is answered: in the DM (threaded when the question
 * was), with help for a message with no words. The assistant panel answers through it too, so its
 * answers are a DM's; its `before` sets the thread's title and "is thinking" status first.
 */
export async function answerDirectMessage(
  deps: ListenerDeps,
  client: webApi.WebClient,
  message: PersonMessage,
  options: {
    surface: string;
    botUserId?: string | undefined;
    teamId?: string | undefined;
    before?: (question: string) => Promise<void>;
  },
): Promise<void> {
  const target = newMessageTarget(
    client,
    { channel: message.channel, threadTs: message.thread_ts },
    deps.people?.(options.teamId).labeller,
  );
  await guarded(deps, options.surface, target, async () => {
    const question = questionFromSlackText(message.text, options.botUserId);
    if (question === "") return target.showMessage(renderHelp(deps.examples));
    await options.before?.(question);
    // The panel is a DM with Rolecall: its answers are recorded (and voted on) as DM answers.
    await answerOn(deps, target, question, { teamId: options.teamId, userId: message.user, surface: "dm" });
  });
}
