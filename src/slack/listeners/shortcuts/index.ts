// Shortcuts, keyed by the callback ids in manifest.yml.
import type { App, MessageShortcut } from "@slack/bolt";
import { SHORTCUTS } from "../../ids.ts";
import type { ListenerDeps } from "../deps.ts";
import { askAboutMessage } from "./ask-about-message.ts";

export const MESSAGE_SHORTCUT_LISTENERS = {
  [SHORTCUTS.askAboutMessage]: askAboutMessage,
} as const;

export function registerShortcuts(app: App, deps: ListenerDeps): void {
  for (const [callbackId, create] of Object.entries(MESSAGE_SHORTCUT_LISTENERS)) {
    app.shortcut<MessageShortcut>({ type: "message_action", callback_id: callbackId }, create(deps));
  }
}
