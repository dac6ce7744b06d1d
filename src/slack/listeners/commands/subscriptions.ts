// /role subscribe [what], /role unsubscribe [what] and /role subscriptions: which framework updates a
// channel gets. Changing them takes permission (see permissions.ts); listing them does not. A subscription
// is stored, then announced in the channel; if Rolecall cannot post there the write is taken back, so a
// channel it cannot post in never looks subscribed, and an announcement never outlives a failed write.

import {
  commandTextFor,
  describeFilter,
  findFollowed,
  type KnowledgeSource,
  resolveSubscriptionTarget,
  sameFilter,
} from "../../../core/changes/subscription-target.ts";
import { fill } from "../../../core/text/template.ts";
import { errorFields, newErrorRef } from "../../../log.ts";
import { StoreError } from "../../../store/errors.ts";
import { planSubscribe } from "../../../store/subscription-rules.ts";
import type { AddSubscriptionResult, Subscription, SubscriptionFilter } from "../../../store/types.ts";
import { classifyError } from "../../errors.ts";
import {
  ALREADY_SUBSCRIBED,
  CHANNEL_SUBSCRIPTIONS_TITLE,
  NO_CHANNEL_SUBSCRIPTIONS,
  NOT_SUBSCRIBED_TO,
  STORE_FAILURE_REASONS,
  SUBSCRIBE_IN_DM,
  SUBSCRIBE_INVITE,
  SUBSCRIBE_REFUSED,
  SUBSCRIBE_STORE_FAILED,
  SUBSCRIBED,
  SUBSCRIBED_ANNOUNCEMENT,
  SUBSCRIPTION_LINE,
  SUBSCRIPTION_OFF,
  TARGET_AMBIGUOUS,
  TARGET_NOT_FOLLOWABLE,
  TARGET_SUGGESTIONS,
  TARGET_UNKNOWN,
  TOO_MANY_SUBSCRIPTIONS,
  UNSUBSCRIBED,
  UNSUBSCRIBED_ALL,
} from "../../messages.ts";
import { sectionBlock } from "../../render/blocks.ts";
import { clampMrkdwn, echoTyped, escapeMrkdwn, mentionUser, splitMrkdwn } from "../../render/escape.ts";
import { SLACK_LIMITS } from "../../render/limits.ts";
import type { Subcommand, SubcommandContext } from "./command-listener.ts";
import { notificationsOf, permitted, replier } from "./notification-command.ts";

export const subscribeCommand: Subcommand = async (context) => {
  const { deps, args, rest } = context;
  const say = replier(args);
  const notifications = await notificationsOf(deps, say);
  if (!notifications) return;
  const { team_id: teamId, channel_id: channelId, user_id: userId } = args.command;
  if (channelId.startsWith("D")) return say(SUBSCRIBE_IN_DM);
  const verdict = await notifications.permissions.mayManageSubscriptions(args.client, userId);
  if (!(await permitted(verdict, SUBSCRIBE_REFUSED, say, deps.logger, userId))) return;
  const source = deps.rolecall;
  const filter = await filterFromText(rest, source, say);
  if (!filter) return;

  const existing = await notifications.store.listSubscriptions({ teamId, channelId, includeDisabled: true });
  const plan = planSubscribe(existing, filter, sameFilter);
  const what = escapeMrkdwn(describeFilter(filter, source.knowledge));
  if (plan.action === "keep") return say(fill(ALREADY_SUBSCRIBED, { what }));
  if (plan.action === "refuse") return say(fill(TOO_MANY_SUBSCRIPTIONS, { max: plan.max }));
  // Stored first, then announced: an announcement in the channel must never outlive a failed write.
  let added: AddSubscriptionResult;
  try {
    added = await notifications.store.addSubscription({ teamId, channelId, filter, createdBy: userId });
  } catch (error) {
    const ref = newErrorRef();
    deps.logger.error("Could not store a subscription", { ref, channel: channelId, ...errorFields(error) });
    return say(fill(SUBSCRIBE_STORE_FAILED, { reason: storeFailure(error), ref }));
  }
  try {
    await args.client.chat.postMessage({
      channel: channelId,
      text: fill(SUBSCRIBED_ANNOUNCEMENT, { user: mentionUser(userId), what }),
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    // A channel Rolecall cannot post in must not look subscribed: take the write back.
    await notifications.store
      .removeSubscriptions(teamId, channelId, added.subscription.filter)
      .catch((undo) =>
        deps.logger.error("Could not undo a subscription whose announcement failed", {
          channel: channelId,
          ...errorFields(undo),
        }),
      );
    const { kind } = classifyError(error);
    if (kind === "not_in_channel" || kind === "channel_not_found") return say(SUBSCRIBE_INVITE);
    throw error;
  }
  deps.logger.info("channel subscribed", { channel: channelId, user: userId, filter: filterKey(filter) });
  await say(fill(SUBSCRIBED, { what, command: escapeMrkdwn(commandTextFor(filter, source)) }));
};

/** Why a store write failed, in words for the person; the details are in the log under the ref. */
function storeFailure(error: unknown): string {
  const code = error instanceof StoreError ? error.code : undefined;
  if (code === "STORE_UNAVAILABLE" || code === "STORE_CLOSED") return STORE_FAILURE_REASONS.unavailable;
  if (code === "STORE_TOO_LARGE" || code === "STORE_LIMIT_EXCEEDED") return STORE_FAILURE_REASONS.limit;
  return STORE_FAILURE_REASONS.refused;
}

export const unsubscribeCommand: Subcommand = async (context) => {
  const { deps, args, rest } = context;
  const say = replier(args);
  const notifications = await notificationsOf(deps, say);
  if (!notifications) return;
  const { team_id: teamId, channel_id: channelId, user_id: userId } = args.command;
  const verdict = await notifications.permissions.mayManageSubscriptions(args.client, userId);
  if (!(await permitted(verdict, SUBSCRIBE_REFUSED, say, deps.logger, userId))) return;

  const existing = await notifications.store.listSubscriptions({ teamId, channelId, includeDisabled: true });
  if (existing.length === 0) return say(NO_CHANNEL_SUBSCRIPTIONS);
  if (rest.trim() === "") {
    const removed = await notifications.store.removeSubscriptions(teamId, channelId);
    deps.logger.info("channel unsubscribed from everything", { channel: channelId, user: userId, removed });
    return say(fill(UNSUBSCRIBED_ALL, { count: removed }));
  }
  const match = findFollowed(rest, existing, deps.rolecall);
  if (!match) {
    const resolution = resolveSubscriptionTarget(rest, deps.rolecall);
    const what =
      resolution.status === "found" || resolution.status === "all"
        ? describeFilter(
            resolution.status === "all" ? { kind: "all" } : resolution.filter,
            deps.rolecall.knowledge,
          )
        : undefined;
    return say(fill(NOT_SUBSCRIBED_TO, { what: what ? escapeMrkdwn(what) : `“${echoTyped(rest)}”` }));
  }
  await notifications.store.removeSubscriptions(teamId, channelId, match.filter);
  deps.logger.info("channel unsubscribed", {
    channel: channelId,
    user: userId,
    filter: filterKey(match.filter),
  });
  await say(
    fill(UNSUBSCRIBED, { what: escapeMrkdwn(describeFilter(match.filter, deps.rolecall.knowledge)) }),
  );
};

export const listSubscriptionsCommand: Subcommand = async (context: SubcommandContext) => {
  const { deps, args, target } = context;
  const say = replier(args);
  const notifications = await notificationsOf(deps, say);
  if (!notifications) return;
  const { team_id: teamId, channel_id: channelId } = args.command;
  const existing = await notifications.store.listSubscriptions({ teamId, channelId, includeDisabled: true });
  if (existing.length === 0) return say(NO_CHANNEL_SUBSCRIPTIONS);
  const lines = existing.map((s) => subscriptionLine(s, deps.rolecall));
  const text = `*${CHANNEL_SUBSCRIPTIONS_TITLE}*\n${lines.join("\n")}`;
  const blocks = splitMrkdwn(text, SLACK_LIMITS.sectionText)
    .slice(0, SLACK_LIMITS.blocksPerMessage)
    .map(sectionBlock);
  await target.showMessage({ text: clampMrkdwn(text, SLACK_LIMITS.fallbackText), blocks });
};

/** The filter the words name, or undefined after telling the person why there is none. */
async function filterFromText(
  text: string,
  source: KnowledgeSource,
  say: (text: string) => Promise<void>,
): Promise<SubscriptionFilter | undefined> {
  const resolution = resolveSubscriptionTarget(text, source);
  const typed = echoTyped(text);
  switch (resolution.status) {
    case "all":
      return { kind: "all" };
    case "found":
      return resolution.filter;
    case "ambiguous": {
      const candidates = resolution.candidates.map((f) => commandOption(f, source)).join(", ");
      await say(fill(TARGET_AMBIGUOUS, { text: typed, candidates }));
      return undefined;
    }
    case "not_followable":
      await say(fill(TARGET_NOT_FOLLOWABLE, { name: escapeMrkdwn(resolution.name), kind: resolution.kind }));
      return undefined;
    case "unknown": {
      const unknown = fill(TARGET_UNKNOWN, { text: typed });
      const suggestions = resolution.suggestions.map((f) => commandOption(f, source)).join(", ");
      await say(suggestions ? `${unknown} ${fill(TARGET_SUGGESTIONS, { suggestions })}` : unknown);
      return undefined;
    }
  }
}

/** "`/role subscribe ITMG` (SFIA skill ITMG (IT management))" */
function commandOption(filter: SubscriptionFilter, source: KnowledgeSource): string {
  const command = `\`/role subscribe ${escapeMrkdwn(commandTextFor(filter, source))}\``;
  return `${command} (${escapeMrkdwn(describeFilter(filter, source.knowledge))})`;
}

function subscriptionLine(subscription: Subscription, source: KnowledgeSource): string {
  const line = fill(SUBSCRIPTION_LINE, {
    what: escapeMrkdwn(describeFilter(subscription.filter, source.knowledge)),
    user: mentionUser(subscription.createdBy),
    date: slackDate(subscription.createdAt),
  });
  if (!subscription.disabledAt) return line;
  return (
    line + fill(SUBSCRIPTION_OFF, { reason: escapeMrkdwn(subscription.disabledReason ?? "switched off") })
  );
}

/** Slack shows it in the reader's time zone; built from a number, never from text. */
function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^on {date_short}|on ${date.toISOString().slice(0, 10)}>`;
}

function filterKey(filter: SubscriptionFilter): string {
  return filter.kind === "all" ? "all" : `${filter.kind}:${filter.id}`;
}
