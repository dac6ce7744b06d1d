// Registers every listener, grouped by Slack surface.
import type { App } from "@slack/bolt";
import { registerActions } from "./actions/index.ts";
import { registerCommands } from "./commands/index.ts";
import type { ListenerDeps } from "./deps.ts";
import { registerEvents } from "./events/index.ts";
import { registerShortcuts } from "./shortcuts/index.ts";

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerShortcuts(app, deps);
}
