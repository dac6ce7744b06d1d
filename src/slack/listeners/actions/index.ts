// Block actions: every action_id the renderers emit is matched here (see ids.ts), and the Details,
// Next and Previous buttons of framework updates (see notify/message.ts), behind one Bolt listener
// (see ../dispatch.ts).
import type { App, BlockAction } from "@slack/bolt";
import { ACTIONS, actionIdPattern } from "../../ids.ts";
import { CHANGE_DETAILS_ACTION_ID, CHANGE_DETAILS_PREVIOUS_ACTION_ID } from "../../updates/message.ts";
import { REVIEW_CHANGE_ACTION_ID, REVIEW_CONFIRM_ACTION_ID } from "../../updates/review.ts";
import type { ListenerDeps } from "../deps.ts";
import { anyOf } from "../dispatch.ts";
import type { BlockActionArgs } from "./action-target.ts";
import { askAction } from "./ask.ts";
import { changeDetailsAction } from "./change-details.ts";
import { feedbackAction } from "./feedback.ts";
import { matrixPageAction } from "./matrix-page.ts";
import { reviewChangeAction, reviewConfirmAction } from "./review.ts";
import { shareAction } from "./share.ts";

export const ACTION_LISTENERS: ReadonlyArray<{
  pattern: RegExp;
  create: (deps: ListenerDeps) => (args: BlockActionArgs) => Promise<void>;
}> = [
  { pattern: actionIdPattern(ACTIONS.ask), create: askAction },
  { pattern: actionIdPattern(ACTIONS.page), create: askAction },
  { pattern: actionIdPattern(ACTIONS.share), create: shareAction },
  { pattern: actionIdPattern(ACTIONS.matrixPage), create: matrixPageAction },
  { pattern: actionIdPattern(ACTIONS.feedback), create: feedbackAction },
  { pattern: actionIdPattern(CHANGE_DETAILS_ACTION_ID), create: changeDetailsAction },
  { pattern: actionIdPattern(CHANGE_DETAILS_PREVIOUS_ACTION_ID), create: changeDetailsAction },
  { pattern: actionIdPattern(REVIEW_CONFIRM_ACTION_ID), create: reviewConfirmAction },
  { pattern: actionIdPattern(REVIEW_CHANGE_ACTION_ID), create: reviewChangeAction },
];

export function registerActions(app: App, deps: ListenerDeps): void {
  const handlers = ACTION_LISTENERS.map(({ pattern, create }) => ({ pattern, handle: create(deps) }));
  app.action<BlockAction>(
    { type: "block_actions", action_id: anyOf(handlers.map((h) => h.pattern)) },
    async (args) => {
      await handlers.find((h) => h.pattern.test(args.action.action_id))?.handle(args);
    },
  );
}
