// The Details button on a framework update, and Next/Previous on a page of details: the full list of
// changes, shown only to whoever pressed it. The channel's message is never replaced; a page of details
// replaces the page it was pressed on.

import { NOTIFICATIONS_OFF } from "../../messages.ts";
import { ephemeralTarget } from "../../targets.ts";
import { showChangeDetails } from "../../updates/details.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";
import { actionValue, type BlockActionArgs } from "./action-target.ts";

export function changeDetailsAction(deps: ListenerDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const fromDetails = (args.body.container as { is_ephemeral?: boolean }).is_ephemeral === true;
    const target = ephemeralTarget(args.respond, { replaceOriginal: fromDetails });
    await guarded(deps, "change details", target, async () => {
      if (!deps.notifications) return target.tell?.(NOTIFICATIONS_OFF);
      const value = actionValue(args);
      await target.showMessage(await showChangeDetails(deps.notifications.store, value));
    });
  };
}
