// Slash commands: one listener per command, keyed by the names in manifest.yml.
import type { App } from "@slack/bolt";
import { COMMANDS, type CommandName } from "../../ids.ts";
import type { ListenerDeps } from "../deps.ts";
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
  for (const [name, create] of Object.entries(COMMAND_LISTENERS)) app.command(name, create(deps));
}
