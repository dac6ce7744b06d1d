// "Share" and "Share and notify": posts the ephemeral answer visibly, saying who shared it, then removes
// the ephemeral copy. "Share" names the people behind the roles as plain text, so nobody is pinged;
// "Share and notify" mentions them. If the bot cannot post there, the person is told why and what to do.
import { decodeAskValue } from "../../action-value.ts";
import { recordAnswer } from "../../feedback.ts";
import { ACTIONS } from "../../ids.ts";
import { renderAnswer, SHARE_NOTIFY } from "../../render/answer.ts";
import { ephemeralTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";
import { actionValue, type BlockActionArgs } from "./action-target.ts";

export function shareAction(deps: ListenerDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const { body, client } = args;
    const ephemeral = ephemeralTarget(args.respond, { replaceOriginal: true });
    await guarded(deps, "share", ephemeral, async () => {
      const value = decodeAskValue(actionValue(args));
      const notify = args.action.action_id === `${ACTIONS.share}:${SHARE_NOTIFY}`;
      const container = body.container as { channel_id?: string; thread_ts?: string };
      const channel = body.channel?.id ?? container.channel_id;
      if (!channel) throw new Error("share pressed outside a conversation");
      const answer = deps.rolecall.ask(value.q);
      const teamId = body.team?.id ?? args.context.teamId;
      const people =
        deps.people && answer.holders?.length
          ? await deps.people(teamId).labeller.labels(answer, notify ? "mention" : "names")
          : undefined;
      const rendered = renderAnswer(answer, {
        question: value.q,
        page: value.p,
        surface: "message",
        sharedBy: body.user.id,
        ...(people ? { people } : {}),
        feedback: recordAnswer(deps, { answer, question: value.q, teamId, surface: "button" }),
      });
      await client.chat.postMessage({
        channel,
        ...(container.thread_ts ? { thread_ts: container.thread_ts } : {}),
        text: rendered.text,
        blocks: rendered.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      await args.respond({ delete_original: true });
    });
  };
}
