// The help message: how to ask, and example questions as buttons that answer in place.

import { encodeAskValue } from "../action-value.ts";
import { ACTIONS } from "../ids.ts";
import { HELP_TITLE, HOW_TO_ASK, TRY_ASKING, UPDATES_HELP, UPDATES_TITLE } from "../messages.ts";
import type { KnownBlock } from "./block-kit.ts";
import { actionsBlock, type ButtonSpec, headerBlock, sectionBlock } from "./blocks.ts";
import { SLACK_LIMITS } from "./limits.ts";

export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Example questions shown as buttons; each button asks its question. */
export function exampleButtons(examples: readonly string[], limit = 6): ButtonSpec[] {
  const buttons: ButtonSpec[] = [];
  for (const question of examples) {
    const value = encodeAskValue({ q: question });
    if (!value) continue;
    buttons.push({ label: question, actionId: `${ACTIONS.ask}:${buttons.length}`, value });
    if (buttons.length === Math.min(limit, SLACK_LIMITS.actionsElements)) break;
  }
  return buttons;
}

export function renderHelp(examples: readonly string[]): RenderedMessage {
  const blocks: KnownBlock[] = [headerBlock(HELP_TITLE), sectionBlock(HOW_TO_ASK)];
  const buttons = exampleButtons(examples);
  if (buttons.length > 0) blocks.push(sectionBlock(`*${TRY_ASKING}*`), actionsBlock(buttons));
  blocks.push(sectionBlock(`*${UPDATES_TITLE}*\n${UPDATES_HELP}`));
  return { text: HELP_TITLE, blocks };
}
