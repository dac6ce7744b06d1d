// Message shortcut "Ask Rolecall about this": the message's text is the question, answered ephemerally.
// Unlike slash commands, this works inside threads.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { answerOn } from "../../feedback.ts";
import { SHORTCUT_NO_TEXT } from "../../messages.ts";
import { questionFromSlackText } from "../../question-text.ts";
import { ephemeralTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export function askAboutMessage(deps: ListenerDeps) {
  return async ({ ack, shortcut, respond, context }: MessageShortcutArgs): Promise<void> => {
    await ack();
    const target = ephemeralTarget(respond, {
      replaceOriginal: false,
      people: deps.people?.(context.teamId ?? shortcut.team?.id).labeller,
    });
    await guarded(deps, "message shortcut", target, async () => {
      const question = questionFromSlackText(shortcut.message.text, context.botUserId);
      if (question === "") {
        await target.tell?.(SHORTCUT_NO_TEXT);
        return;
      }
      await answerOn(deps, target, question, {
        teamId: context.teamId,
        userId: shortcut.user.id,
        surface: "shortcut",
      });
    });
  };
}
