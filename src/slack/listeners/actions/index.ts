// Block actions: every action_id the renderers emit is matched here (see ids.ts), and the Details,
// Next and Previous buttons of framework updates (see notify/message.ts).
import type { App, BlockAction } from "@slack/bolt";
import { CHANGE_DETAILS_ACTION_ID, CHANGE_DETAILS_PREVIOUS_ACTION_ID } from "../../../notify/message.ts";
import { ACTIONS, actionIdPattern } from "../../ids.ts";
import type { ListenerDeps } from "../deps.ts";
import type { BlockActionArgs } from "./action-target.ts";
import { askAction } from "./ask.ts";
import { changeDetailsAction } from "./change-details.ts";
import { shareAction } from "./share.ts";

export const ACTION_LISTENERS: ReadonlyArray<{
  pattern: RegExp;
  create: (deps: ListenerDeps) => (args: BlockActionArgs) => Promise<void>;
}> = [
  { pattern: actionIdPattern(ACTIONS.ask), create: askAction },
  { pattern: actionIdPattern(ACTIONS.page), create: askAction },
  { pattern: actionIdPattern(ACTIONS.share), create: shareAction },
  { pattern: actionIdPattern(CHANGE_DETAILS_ACTION_ID), create: changeDetailsAction },
  { pattern: actionIdPattern(CHANGE_DETAILS_PREVIOUS_ACTION_ID), create: changeDetailsAction },
];

export function registerActions(app: App, deps: ListenerDeps): void {
  for (const { pattern, create } of ACTION_LISTENERS) {
    app.action<BlockAction>({ type: "block_actions", action_id: pattern }, create(deps));
  }
}
