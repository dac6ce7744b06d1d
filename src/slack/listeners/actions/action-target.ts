// Where a button's new answer goes: the same place the button was. Ephemeral replies are replaced
// through response_url, bot messages with chat.update, the Home tab with views.publish.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { SLACK_USER_MENTION } from "../../../slack-ids.ts";
import { SHARED_BY_BLOCK_ID } from "../../render/answer.ts";
import { type AnswerTarget, ephemeralTarget, homeTarget, messageUpdateTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

export type BlockActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The pressed element's value; undefined for elements that carry none (each decoder refuses that). */
export function actionValue(args: Pick<BlockActionArgs, "action">): string | undefined {
  return "value" in args.action ? args.action.value : undefined;
}

interface Container {
  type?: string;
  message_ts?: string;
  channel_id?: string;
  thread_ts?: string;
  is_ephemeral?: boolean;
}

export function targetForAction(args: BlockActionArgs, deps: ListenerDeps): AnswerTarget | undefined {
  const { body, client } = args;
  const container = body.container as Container;
  const labeller = deps.people?.(body.team?.id ?? args.context.teamId).labeller;
  if (container.type === "view" && body.view?.type === "home") {
    const person = { userId: body.user.id, ...(body.team?.id ? { teamId: body.team.id } : {}) };
    return homeTarget(client, body.user.id, () => deps.homeContent(person, client), labeller);
  }
  if (container.type !== "message") return undefined;
  if (container.is_ephemeral)
    return ephemeralTarget(args.respond, { replaceOriginal: true, people: labeller });
  const channel = container.channel_id ?? body.channel?.id;
  const ts = container.message_ts ?? body.message?.ts;
  if (!channel || !ts) return undefined;
  return messageUpdateTarget(
    client,
    {
      channel,
      ts,
      user: body.user.id,
      threadTs: container.thread_ts,
      sharedBy: sharedByIn(body.message?.blocks),
    },
    labeller,
  );
}

/** The sharer named in a shared answer, so an update in place keeps the "Shared by" line. */
function sharedByIn(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const block = blocks.find((b) => (b as { block_id?: unknown }).block_id === SHARED_BY_BLOCK_ID) as
    | { elements?: Array<{ text?: unknown }> }
    | undefined;
  const text = block?.elements?.[0]?.text;
  const match = typeof text === "string" ? SLACK_USER_MENTION.exec(text) : null;
  return match?.[1];
}

/**
 * A button whose new content replaces what it was on: acks, finds where that was, and runs the work
 * guarded (a failure is logged and told there). A button anywhere else is ignored with a warning.
 */
export function inPlaceAction(
  deps: ListenerDeps,
  surface: string,
  work: (args: BlockActionArgs, target: AnswerTarget) => Promise<void>,
) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const target = targetForAction(args, deps);
    if (!target) {
      deps.logger.warn("Ignored a button in an unexpected place", {
        container: String(args.body.container.type),
      });
      return;
    }
    await guarded(deps, surface, target, () => work(args, target));
  };
}
