// /role <question>: any question, or help. Subcommands: the channel's framework-update subscriptions, and
// reload (publish the knowledge now), and gaps (the knowledge-gaps report, for admins).
import type { ListenerDeps } from "../deps.ts";
import { createCommandListener, type Subcommand } from "./command-listener.ts";
import { gapsCommand } from "./gaps.ts";
import { meCommand } from "./me.ts";
import { reloadCommand } from "./reload.ts";
import { listSubscriptionsCommand, subscribeCommand, unsubscribeCommand } from "./subscriptions.ts";

export const ROLE_SUBCOMMANDS: Record<string, Subcommand> = {
  subscribe: subscribeCommand,
  unsubscribe: unsubscribeCommand,
  subscriptions: listSubscriptionsCommand,
  reload: reloadCommand,
  gaps: gapsCommand,
  me: meCommand,
};

export function roleCommand(deps: ListenerDeps) {
  return createCommandListener(deps, {
    name: "/role",
    toQuestion: (text) => text,
    subcommands: ROLE_SUBCOMMANDS,
  });
}
