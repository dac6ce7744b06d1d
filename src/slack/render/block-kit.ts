// Block Kit types, taken from the @slack/types package that Bolt re-exports.
import type { types } from "@slack/bolt";

export type KnownBlock = types.KnownBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;
export type ContextBlock = types.ContextBlock;
export type HeaderBlock = types.HeaderBlock;
export type MrkdwnElement = types.MrkdwnElement;
export type SectionBlock = types.SectionBlock;
export type TableBlock = types.TableBlock;
export type HomeView = types.HomeView;
export type ContextActionsBlock = types.ContextActionsBlock;
