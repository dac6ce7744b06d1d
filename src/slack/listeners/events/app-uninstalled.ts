// Slack's word that a workspace removed Rolecall. Bolt delivers it without authorizing (the token is gone).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

type UninstalledArgs = SlackEventMiddlewareArgs<"app_uninstalled"> & AllMiddlewareArgs;

export function appUninstalled(deps: ListenerDeps) {
  return async ({ context }: UninstalledArgs): Promise<void> => {
    const departures = deps.departures;
    if (!departures) return;
    await guarded(deps, "app uninstalled", undefined, () => departures.leave(context, "app_uninstalled"));
  };
}
