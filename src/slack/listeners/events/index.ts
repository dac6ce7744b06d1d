// Events API listeners, keyed by the bot events in manifest.yml, behind one Bolt listener (see
// ../dispatch.ts).
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { createEventDeduplicator } from "../../dedupe.ts";
import type { BOT_EVENTS } from "../../ids.ts";
import type { ListenerDeps } from "../deps.ts";
import { exactly } from "../dispatch.ts";
import { appHomeOpened } from "./app-home-opened.ts";
import { appMention } from "./app-mention.ts";
import { appUninstalled } from "./app-uninstalled.ts";
import { directMessage } from "./direct-message.ts";
import { subteamMembersChanged, subteamUpdated } from "./subteam-changed.ts";
import { tokensRevoked } from "./tokens-revoked.ts";

type BotEvent = (typeof BOT_EVENTS)[number];
type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

interface EventListener {
  /** the event's type on the wire: message.im arrives as a "message" event */
  type: string;
  create(deps: ListenerDeps): (args: EventArgs) => Promise<void>;
}

/** Narrows a listener written for one event type to the dispatcher's shape; dispatch checks the type. */
function forType<T extends string>(
  type: T,
  create: (deps: ListenerDeps) => (args: never) => Promise<void>,
): EventListener {
  return { type, create: create as EventListener["create"] };
}

export const EVENT_LISTENERS: Readonly<Record<BotEvent, EventListener>> = {
  app_home_opened: forType("app_home_opened", appHomeOpened),
  app_mention: forType("app_mention", appMention),
  "message.im": forType("message", directMessage),
  subteam_members_changed: forType("subteam_members_changed", subteamMembersChanged),
  subteam_updated: forType("subteam_updated", subteamUpdated),
  app_uninstalled: forType("app_uninstalled", appUninstalled),
  tokens_revoked: forType("tokens_revoked", tokensRevoked),
};

export function registerEvents(app: App, deps: ListenerDeps): void {
  const handlers = new Map(Object.values(EVENT_LISTENERS).map((l) => [l.type, l.create(deps)] as const));
  // Only Events API deliveries carry an event_id and are redelivered, so only they are deduplicated.
  app.event(
    exactly(handlers.keys()),
    createEventDeduplicator(deps.logger, {
      memory: deps.eventMemory,
      onDuplicate: deps.onDuplicateEvent,
    }),
    async (args) => {
      await handlers.get(args.event.type)?.(args);
    },
  );
}
