// Follow-up, example, did-you-mean and part buttons: ask the button's question again and show the
// answer where the button was, in place.
import { decodeAskValue } from "../../action-value.ts";
import { answerOn } from "../../feedback.ts";
import type { ListenerDeps } from "../deps.ts";
import { actionValue, inPlaceAction } from "./action-target.ts";

export function askAction(deps: ListenerDeps) {
  return inPlaceAction(deps, "button", async (args, target) => {
    const value = decodeAskValue(actionValue(args));
    await answerOn(deps, target, value.q, {
      teamId: args.body.team?.id ?? args.context.teamId,
      userId: args.body.user.id,
      surface: target.surface === "home" ? "home" : "button",
      ...(value.p ? { page: value.p } : {}),
    });
  });
}
