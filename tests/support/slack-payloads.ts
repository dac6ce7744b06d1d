// Slack request bodies for protocol tests. Field names are checked against Slack's own recorded payload
// shapes (../shared/realdata/slack-payload-shapes, from slackapi/java-slack-sdk), so a test cannot send
// a field Slack never sends; the values are realistic ones chosen per test.
import { readFileSync } from "node:fs";
import path from "node:path";
import { HAS_REAL_DATA, REALDATA } from "./real-data.ts";
import { formBody, interactivityBody, type SlackBody } from "./slack-signer.ts";

export const PAYLOAD_SHAPES_DIR = path.join(REALDATA, "slack-payload-shapes");

const shapeCache = new Map<string, unknown>();

export function loadShape(relative: string): unknown {
  if (!HAS_REAL_DATA) return undefined;
  let shape = shapeCache.get(relative);
  if (shape === undefined) {
    shape = JSON.parse(
      readFileSync(path.join(PAYLOAD_SHAPES_DIR, "java-slack-sdk-json-logs", relative), "utf8"),
    );
    shapeCache.set(relative, shape);
  }
  return shape;
}

/**
 * Throws if value has a field that none of the shapes has at the same place. Block lists are not checked.
 * Without the recorded shapes (no ../shared/realdata) there is nothing to check against: the payloads are
 * still built, and CI, which has the shapes, checks them.
 */
export function assertSlackFields(value: unknown, shapes: unknown[], where: string): void {
  if (!isObject(value)) return;
  const objectShapes = shapes.filter(isObject);
  if (objectShapes.length === 0) return;
  for (const [key, child] of Object.entries(value)) {
    const childShapes = objectShapes.filter((s) => key in s).map((s) => s[key]);
    if (childShapes.length === 0) throw new Error(`${where}.${key} is not a field Slack sends`);
    if (key === "blocks") continue;
    if (Array.isArray(child)) {
      const elementShapes = childShapes.filter(Array.isArray).map((a) => a[0]);
      for (const element of child) assertSlackFields(element, elementShapes, `${where}.${key}[]`);
    } else {
      assertSlackFields(child, childShapes, `${where}.${key}`);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const TEAM = Object.freeze({ id: "T0TEST", domain: "rolecall-test" });
/** What the Web API stand-in's auth.test says the bot is. */
export const BOT = Object.freeze({ userId: "U0BOT", botId: "B0BOT", appId: "A0ROLECALL" });

let counter = 0;
/** A unique, increasing Slack timestamp such as 1700000000.000101. */
export function nextTs(): string {
  counter += 1;
  return `1700000000.${String(100 + counter).padStart(6, "0")}`;
}

export function nextEventId(): string {
  counter += 1;
  return `Ev0TEST${String(counter).padStart(5, "0")}`;
}

// ---------- slash commands ----------

export interface SlashCommandOptions {
  command: string;
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
  channelName?: string;
  /** the workspace it comes from; TEAM by default */
  team?: string;
  /** for a workspace served by an org-wide install on Enterprise Grid: the organisation */
  enterprise?: string;
}

/** A slash command's fields, as Slack posts them over HTTP and puts them in a Socket Mode envelope. */
export function slashCommandFields(options: SlashCommandOptions) {
  const fields = {
    token: "verification-token-unused",
    team_id: options.team ?? TEAM.id,
    team_domain: TEAM.domain,
    channel_id: options.channel ?? "C0GENERAL",
    channel_name: options.channelName ?? "general",
    user_id: options.user ?? "U0ALICE",
    user_name: "alice",
    command: options.command,
    text: options.text,
    api_app_id: BOT.appId,
    ...(options.enterprise ? { enterprise_id: options.enterprise } : {}),
    is_enterprise_install: options.enterprise !== undefined,
    response_url: options.responseUrl,
    trigger_id: `${Date.now()}.1234.abcdef`,
  };
  assertSlackFields(fields, [loadShape("app-backend/slash-commands/SlashCommandPayload.json")], "command");
  return fields;
}

export function slashCommand(options: SlashCommandOptions): SlackBody {
  return { body: formBody(slashCommandFields(options)), contentType: "application/x-www-form-urlencoded" };
}

// ---------- Events API ----------

export interface EnvelopeOptions {
  eventId?: string;
  /** the workspace it comes from; TEAM by default */
  team?: string;
  /** for an org-wide install on Enterprise Grid: the organisation, whose installation answers */
  enterprise?: string;
}

/** The event_callback envelope around an event, as Slack posts it to the Events API URL. */
export function eventEnvelope(event: Record<string, unknown>, options: EnvelopeOptions = {}) {
  const envelope = {
    token: "verification-token-unused",
    team_id: options.team ?? TEAM.id,
    ...(options.enterprise ? { enterprise_id: options.enterprise } : {}),
    api_app_id: BOT.appId,
    event,
    type: "event_callback",
    event_id: options.eventId ?? nextEventId(),
    event_time: 1700000000,
    authorizations: [
      {
        enterprise_id: options.enterprise ?? null,
        // An org-wide install is authorised for the organisation, not one workspace.
        team_id: options.enterprise ? null : (options.team ?? TEAM.id),
        user_id: BOT.userId,
        is_bot: true,
        is_enterprise_install: options.enterprise !== undefined,
      },
    ],
    is_ext_shared_channel: false,
    event_context: "4-eyJldCI6Im1lc3NhZ2UifQ",
  };
  const { event: _event, ...rest } = envelope;
  assertSlackFields(rest, [loadShape("events/MessagePayload.json")], "envelope");
  return envelope;
}

export function eventBody(event: Record<string, unknown>, options: EnvelopeOptions = {}): SlackBody {
  return { body: JSON.stringify(eventEnvelope(event, options)), contentType: "application/json" };
}

export interface MessageEventOptions {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
  channelType?: "im" | "channel" | "group" | "mpim";
}

export function messageEvent(options: MessageEventOptions): Record<string, unknown> {
  const ts = options.ts ?? nextTs();
  const event: Record<string, unknown> = {
    type: "message",
    ...(options.subtype ? { subtype: options.subtype } : {}),
    ...(options.user !== undefined ? { user: options.user } : options.botId ? {} : { user: "U0ALICE" }),
    ...(options.botId ? { bot_id: options.botId } : {}),
    text: options.text,
    ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    team: TEAM.id,
    channel: options.channel ?? "D0ALICE",
    event_ts: ts,
    channel_type: options.channelType ?? "im",
  };
  assertSlackFields(
    event,
    [
      (loadShape("events/MessagePayload.json") as { event?: unknown } | undefined)?.event,
      (loadShape("events/MessageBotPayload.json") as { event?: unknown } | undefined)?.event,
    ],
    "message",
  );
  return event;
}

export interface MentionOptions {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
}

export function appMentionEvent(options: MentionOptions): Record<string, unknown> {
  const ts = options.ts ?? nextTs();
  const event = {
    type: "app_mention",
    user: options.user ?? "U0ALICE",
    text: options.text,
    ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    team: TEAM.id,
    channel: options.channel ?? "C0GENERAL",
    event_ts: ts,
  };
  assertSlackFields(
    event,
    [(loadShape("events/AppMentionPayload.json") as { event?: unknown } | undefined)?.event],
    "app_mention",
  );
  return event;
}

/** app_home_opened has no recorded shape here; fields follow https://docs.slack.dev/reference/events/app_home_opened */
export function appHomeOpenedEvent(user: string, tab: "home" | "messages" = "home"): Record<string, unknown> {
  return { type: "app_home_opened", user, channel: `D${user.slice(1)}`, tab, event_ts: nextTs() };
}

// ---------- interactivity ----------

export interface BlockActionOptions {
  actionId: string;
  value: string;
  user?: string;
  responseUrl?: string;
  /** a message container: ephemeral (response_url) or a bot message (chat.update) */
  message?: { channel: string; ts?: string; ephemeral?: boolean; threadTs?: string; blocks?: unknown[] };
  /** the App Home container */
  homeViewId?: string;
  /** the pressed element's type: button by default; feedback_buttons for Slack's native feedback */
  actionType?: "button" | "feedback_buttons";
  blockId?: string;
}

export function blockActionPayload(options: BlockActionOptions): Record<string, unknown> {
  const user = options.user ?? "U0ALICE";
  const messageTs = options.message?.ts ?? nextTs();
  const container = options.homeViewId
    ? { type: "view", view_id: options.homeViewId }
    : {
        type: "message",
        message_ts: messageTs,
        channel_id: options.message?.channel,
        is_ephemeral: options.message?.ephemeral ?? false,
        ...(options.message?.threadTs ? { thread_ts: options.message.threadTs } : {}),
      };
  const payload: Record<string, unknown> = {
    type: "block_actions",
    user: { id: user, username: "alice", name: "alice", team_id: TEAM.id },
    api_app_id: BOT.appId,
    token: "verification-token-unused",
    container,
    trigger_id: `${Date.now()}.1234.abcdef`,
    team: { id: TEAM.id, domain: TEAM.domain },
    is_enterprise_install: false,
    ...(options.homeViewId
      ? {
          view: {
            id: options.homeViewId,
            team_id: TEAM.id,
            type: "home",
            app_id: BOT.appId,
            bot_id: BOT.botId,
          },
        }
      : {
          channel: { id: options.message?.channel, name: "general" },
          ...(options.message?.ephemeral
            ? {}
            : {
                message: {
                  type: "message",
                  user: BOT.userId,
                  bot_id: BOT.botId,
                  ts: messageTs,
                  text: "an earlier answer",
                  blocks: options.message?.blocks ?? [],
                },
              }),
        }),
    ...(options.responseUrl ? { response_url: options.responseUrl } : {}),
    actions: [
      {
        action_id: options.actionId,
        block_id: options.blockId ?? "answer_actions",
        text: { type: "plain_text", text: "a button", emoji: true },
        value: options.value,
        type: options.actionType ?? "button",
        action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
      },
    ],
  };
  assertSlackFields(
    payload,
    [loadShape("app-backend/interactive-components/BlockActionPayload.json")],
    "block_actions",
  );
  return payload;
}

export function blockActionBody(options: BlockActionOptions): SlackBody {
  return {
    body: interactivityBody(blockActionPayload(options)),
    contentType: "application/x-www-form-urlencoded",
  };
}

export interface MessageShortcutOptions {
  callbackId: string;
  text: string | undefined;
  responseUrl: string;
  user?: string;
  channel?: string;
}

/** No recorded shape for message shortcuts here; fields follow Bolt's MessageShortcut type and Slack's docs. */
export function messageShortcutPayload(options: MessageShortcutOptions): Record<string, unknown> {
  const ts = nextTs();
  return {
    type: "message_action",
    token: "verification-token-unused",
    action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
    team: { id: TEAM.id, domain: TEAM.domain },
    user: { id: options.user ?? "U0ALICE", name: "alice", team_id: TEAM.id },
    channel: { id: options.channel ?? "C0GENERAL", name: "general" },
    is_enterprise_install: false,
    callback_id: options.callbackId,
    trigger_id: `${Date.now()}.1234.abcdef`,
    response_url: options.responseUrl,
    message_ts: ts,
    message: {
      type: "message",
      user: "U0BOB",
      ts,
      ...(options.text !== undefined ? { text: options.text } : {}),
    },
  };
}

export function messageShortcutBody(options: MessageShortcutOptions): SlackBody {
  return {
    body: interactivityBody(messageShortcutPayload(options)),
    contentType: "application/x-www-form-urlencoded",
  };
}
