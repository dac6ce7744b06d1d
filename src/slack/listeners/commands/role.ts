// /role <question>: any question. Subcommands live in ROLE_SUBCOMMANDS (help now; subscriptions later).
import type { ListenerDeps } from "../deps.ts";
import { createCommandListener, type Subcommand, showHelp } from "./command-listener.ts";

export const ROLE_SUBCOMMANDS: Record<string, Subcommand> = {
  help: showHelp,
};

export function roleCommand(deps: ListenerDeps) {
  return createCommandListener(deps, {
    name: "/role",
    toQuestion: (text) => text,
    subcommands: ROLE_SUBCOMMANDS,
  });
}
