// Events API listeners, keyed by the bot events in manifest.yml.
import type { App } from "@slack/bolt";
import type { BOT_EVENTS } from "../../ids.ts";
import type { ListenerDeps } from "../deps.ts";
import { appHomeOpened } from "./app-home-opened.ts";
import { appMention } from "./app-mention.ts";
import { directMessage } from "./direct-message.ts";

type BotEvent = (typeof BOT_EVENTS)[number];

/** Registers each manifest bot event with Bolt; message.im arrives as a "message" event. */
export const EVENT_LISTENERS: Readonly<Record<BotEvent, (app: App, deps: ListenerDeps) => void>> = {
  app_home_opened: (app, deps) => app.event("app_home_opened", appHomeOpened(deps)),
  app_mention: (app, deps) => app.event("app_mention", appMention(deps)),
  "message.im": (app, deps) => app.event("message", directMessage(deps)),
};

export function registerEvents(app: App, deps: ListenerDeps): void {
  for (const register of Object.values(EVENT_LISTENERS)) register(app, deps);
}
