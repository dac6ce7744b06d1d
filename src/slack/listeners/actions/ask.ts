// Follow-up, example, did-you-mean and part buttons: ask the button's question again and show the
// answer where the button was, in place.
import { decodeAskValue } from "../../action-value.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";
import { type BlockActionArgs, targetForAction } from "./action-target.ts";

export function askAction(deps: ListenerDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const target = targetForAction(args, deps);
    if (!target) {
      deps.logger.warn("Ignored a button in an unexpected place", {
        container: String(args.body.container.type),
      });
      return;
    }
    await guarded(deps, "button", target, async () => {
      const value = decodeAskValue("value" in args.action ? args.action.value : undefined);
      await target.showAnswer(deps.rolecall.ask(value.q), value.q, value.p);
    });
  };
}
