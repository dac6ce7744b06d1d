// The buttons of a review reminder. "Still correct" records a review of each scope it names (which
// restarts their interval) and replaces the buttons with what was recorded; "Needs change" replies with
// the knowledge files to edit.
import { formatDay, isoDay } from "../../../core/text/date.ts";
import { fill } from "../../../core/text/template.ts";
import { filesOfScope } from "../../../notify/reviews.ts";
import { NOTIFICATIONS_OFF } from "../../messages.ts";
import type { KnownBlock } from "../../render/block-kit.ts";
import { contextBlock } from "../../render/blocks.ts";
import { escapeMrkdwn } from "../../render/escape.ts";
import { ephemeralTarget } from "../../targets.ts";
import { REVIEW_NEEDS_CHANGE, REVIEW_RECORDED } from "../../updates/messages.ts";
import { decodeReviewValue, REVIEW_ACTIONS_BLOCK_ID } from "../../updates/review.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";
import { actionValue, type BlockActionArgs } from "./action-target.ts";

export function reviewConfirmAction(deps: ListenerDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const target = ephemeralTarget(args.respond, { replaceOriginal: false });
    await guarded(deps, "review still correct", target, async () => {
      const notifications = deps.notifications;
      if (!notifications) return target.tell?.(NOTIFICATIONS_OFF);
      const scopes = decodeReviewValue(actionValue(args));
      const at = new Date();
      for (const scope of scopes)
        await notifications.store.recordReview({ scope, reviewedBy: args.body.user.id, at });
      await notifications.reviewed?.();
      const channel = args.body.channel?.id;
      const ts = args.body.message?.ts;
      if (!channel || !ts) return;
      const recorded = contextBlock([escapeMrkdwn(fill(REVIEW_RECORDED, { date: formatDay(isoDay(at)) }))]);
      const blocks = ((args.body.message?.blocks ?? []) as KnownBlock[]).map((block) =>
        (block as { block_id?: string }).block_id === REVIEW_ACTIONS_BLOCK_ID ? recorded : block,
      );
      await args.client.chat.update({ channel, ts, text: String(args.body.message?.text ?? ""), blocks });
    });
  };
}

export function reviewChangeAction(deps: ListenerDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const target = ephemeralTarget(args.respond, { replaceOriginal: false });
    await guarded(deps, "review needs change", target, async () => {
      const scopes = decodeReviewValue(actionValue(args));
      const kb = deps.rolecall.knowledge;
      const files = [...new Set(scopes.flatMap((scope) => filesOfScope(kb, scope)))].sort();
      const list = files.map((file) => `• \`${escapeMrkdwn(file)}\``).join("\n");
      await target.tell?.(fill(REVIEW_NEEDS_CHANGE, { files: list }));
    });
  };
}
