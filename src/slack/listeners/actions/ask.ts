// Follow-up, example, did-you-mean and part buttons: ask the button's question again and show the
// answer where the button was, in place.
import { decodeAskValue } from "../../action-value.ts";
import type { ListenerDeps } from "../deps.ts";
import { inPlaceAction } from "./action-target.ts";

export function askAction(deps: ListenerDeps) {
  return inPlaceAction(deps, "button", async (args, target) => {
    const value = decodeAskValue("value" in args.action ? args.action.value : undefined);
    await target.showAnswer(deps.rolecall.ask(value.q), value.q, value.p);
  });
}
