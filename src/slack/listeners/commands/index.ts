// Slash commands, keyed by the names in manifest.yml, behind one Bolt listener (see ../dispatch.ts).
import type { App } from "@slack/bolt";
import { COMMANDS, type CommandName } from "../../ids.ts";
import type { ListenerDeps } from "../deps.ts";
import { exactly } from "../dispatch.ts";
import type { CommandArgs } from "./command-listener.ts";
import { levelCommand } from "./level.ts";
import { raciCommand } from "./raci.ts";
import { roleCommand } from "./role.ts";

export const COMMAND_LISTENERS: Readonly<
  Record<CommandName, (deps: ListenerDeps) => (args: CommandArgs) => Promise<void>>
> = {
  [COMMANDS.role]: roleCommand,
  [COMMANDS.level]: levelCommand,
  [COMMANDS.raci]: raciCommand,
};

export function registerCommands(app: App, deps: ListenerDeps): void {
  const handlers = new Map(
    Object.entries(COMMAND_LISTENERS).map(([name, create]) => [name, create(deps)] as const),
  );
  app.command(exactly(handlers.keys()), async (args) => {
    await handlers.get(args.command.command)?.(args);
  });
}
