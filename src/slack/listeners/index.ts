// Registers every listener, grouped by Slack surface.
import type { App } from "@slack/bolt";
import { registerActions } from "./actions/index.ts";
import { createRolecallAssistant } from "./assistant/index.ts";
import { registerCommands } from "./commands/index.ts";
import type { ListenerDeps } from "./deps.ts";
import { registerEvents } from "./events/index.ts";
import { registerShortcuts } from "./shortcuts/index.ts";

export function registerListeners(app: App, deps: ListenerDeps): void {
  // Global middleware: it runs before every listener below and takes only the assistant's events.
  app.assistant(createRolecallAssistant(deps));
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerShortcuts(app, deps);
}
