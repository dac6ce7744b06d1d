// Slack's word that tokens were revoked. Rolecall asks for no user tokens, so only a revoked bot token (the
// workspace's only way in) means the workspace is gone.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

type TokensRevokedArgs = SlackEventMiddlewareArgs<"tokens_revoked"> & AllMiddlewareArgs;

export function tokensRevoked(deps: ListenerDeps) {
  return async ({ event, context }: TokensRevokedArgs): Promise<void> => {
    const departures = deps.departures;
    if (!departures || (event.tokens.bot ?? []).length === 0) return;
    await guarded(deps, "tokens revoked", undefined, () => departures.leave(context, "tokens_revoked"));
  };
}
