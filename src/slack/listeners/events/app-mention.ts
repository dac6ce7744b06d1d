// @Rolecall in a channel: answered in a thread under the mention.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { answerOn } from "../../feedback.ts";
import { questionFromSlackText } from "../../question-text.ts";
import { renderHelp } from "../../render/help.ts";
import { newMessageTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

type MentionArgs = SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs;

export function appMention(deps: ListenerDeps) {
  return async ({ event, client, context }: MentionArgs): Promise<void> => {
    // Other bots and edited mentions are not questions; DMs are answered by the message.im listener.
    if (event.bot_id || event.subtype || !event.user || event.channel.startsWith("D")) return;
    const target = newMessageTarget(
      client,
      {
        channel: event.channel,
        threadTs: event.thread_ts ?? event.ts,
        user: event.user,
      },
      deps.people?.(context.teamId).labeller,
    );
    await guarded(deps, "app mention", target, async () => {
      const question = questionFromSlackText(event.text, context.botUserId);
      if (question === "") return target.showMessage(renderHelp(deps.examples));
      await answerOn(deps, target, question, {
        teamId: context.teamId,
        userId: event.user,
        surface: "mention",
      });
    });
  };
}
