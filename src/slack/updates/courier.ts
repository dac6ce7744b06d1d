// Delivers framework updates to Slack for the delivery worker (src/notify/delivery.ts): renders an outbox
// row's notice as Block Kit and posts it, sorts Slack's errors into what the outbox does next, and DMs the
// subscribers of a channel Slack refuses for good. Each post goes out with the token of the row's workspace.
import type { webApi } from "@slack/bolt";
import type { ChangeNotice } from "../../core/changes/index.ts";
import { fill } from "../../core/text/template.ts";
import { errorFields, type Logger } from "../../log.ts";
import type { Courier, PermanentProblem } from "../../notify/delivery.ts";
import { SLACK_CHANNEL_ID, SLACK_USER_ID } from "../../slack-ids.ts";
import type { OutboxRow, Subscription } from "../../store/types.ts";
import { apiFailure } from "../api-errors.ts";
import type { WorkspaceTokens } from "../installations.ts";
import { escapeMrkdwn } from "../render/escape.ts";
import { classifyDeliveryError } from "./delivery-errors.ts";
import { renderChangeNotice } from "./message.ts";
import {
  REVIEW_GROUP_UNRESOLVED,
  SUBSCRIPTION_DISABLED_DM,
  SUBSCRIPTION_DISABLED_OTHER_REASON,
  SUBSCRIPTION_DISABLED_REASONS,
} from "./messages.ts";
import { renderReviewReminder } from "./review.ts";

export interface SlackCourierOptions {
  /** a WebClient with retries off and rate-limited calls rejected: see createDeliveryClient */
  client: Pick<webApi.WebClient, "chat" | "usergroups">;
  /** each workspace's bot token; when left out, the client's own token posts everywhere */
  tokens?: WorkspaceTokens;
  /**
   * The workspace whose token sends review reminders (ROLECALL_ADMIN_TEAM with OAuth): knowledge owners are
   * people of the organisation that runs Rolecall, not of every workspace it serves.
   */
  reviewTeam?: string;
  logger: Logger;
}

export function createSlackCourier(options: SlackCourierOptions): Courier {
  const { client, logger, tokens } = options;
  const tokenOf = async (teamId: string) => (tokens ? { token: await tokens.botToken(teamId) } : {});
  return {
    async post(row: OutboxRow, notice: ChangeNotice) {
      const message = renderChangeNotice(row.snapshotId, notice);
      const result = await client.chat.postMessage({
        ...(await tokenOf(row.teamId)),
        channel: row.channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return typeof result.ts === "string" && result.ts ? { messageTs: result.ts } : {};
    },
    async postReviewReminder(row, reminder) {
      const message = renderReviewReminder(reminder);
      let first: string | undefined;
      const token = await tokenOf(options.reviewTeam ?? row.teamId);
      for (const user of await reviewersOf(client, token, reminder.owner, logger)) {
        // Posting to a user id lands in their DM with Rolecall, with chat:write alone (no im:write).
        const result = await client.chat.postMessage({
          ...token,
          channel: user,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!first && typeof result.ts === "string") first = result.ts;
      }
      logger.info("Sent a review reminder", {
        row: row.id,
        owner: reminder.owner,
        due: reminder.items.length,
      });
      return first ? { messageTs: first } : {};
    },
    classify: (error) =>
      error instanceof ReviewOwnerError
        ? { kind: "payload", code: error.code }
        : classifyDeliveryError(error),
    async tellSubscribers(channelId, subscriptions, problem) {
      const users = [...new Set(subscriptions.map((s) => s.createdBy))].filter((u) => SLACK_USER_ID.test(u));
      const text = subscriptionDisabledText(channelId, subscriptions, problem);
      for (const user of users) {
        try {
          // A channel's subscriptions all belong to its workspace.
          const token = await tokenOf(subscriptions[0]?.teamId ?? "");
          await client.chat.postMessage({
            ...token,
            channel: user,
            text,
            unfurl_links: false,
            unfurl_media: false,
          });
        } catch (error) {
          logger.warn("could not tell a subscriber their channel's subscriptions were switched off", {
            user,
            channel: channelId,
            ...errorFields(error),
          });
        }
      }
    },
  };
}

/** The DM a subscriber gets when Slack refuses their channel for good. */
export function subscriptionDisabledText(
  channelId: string,
  subscriptions: readonly Subscription[],
  problem: Pick<PermanentProblem, "code" | "reason">,
): string {
  const channel = SLACK_CHANNEL_ID.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
  const reason =
    SUBSCRIPTION_DISABLED_REASONS[problem.reason] ??
    fill(SUBSCRIPTION_DISABLED_OTHER_REASON, { code: escapeMrkdwn(problem.code) });
  const following = subscriptions
    .map(({ filter }) =>
      filter.kind === "all" ? "all updates" : `${filter.kind} ${filter.label || filter.id}`,
    )
    .map(escapeMrkdwn)
    .join(", ");
  return fill(SUBSCRIPTION_DISABLED_DM, { channel, reason, following });
}

/** A user group owner whose members cannot be found (no such group, or no usergroups:read scope). */
export class ReviewOwnerError extends Error {
  readonly code = REVIEW_GROUP_UNRESOLVED;
  constructor(owner: string, reason: string) {
    super(
      `cannot find the members of the user group ${owner} (${reason}), so its review reminder was not sent`,
    );
    this.name = "ReviewOwnerError";
  }
}

/**
 * The people a reminder goes to: the owner itself, or each member of a user group (found by its id, or
 * its @handle among the workspace's groups; both need the usergroups:read scope).
 */
async function reviewersOf(
  client: Pick<webApi.WebClient, "usergroups">,
  token: { token?: string },
  owner: string,
  logger: Logger,
): Promise<string[]> {
  if (SLACK_USER_ID.test(owner)) return [owner];
  try {
    let group = owner;
    if (owner.startsWith("@")) {
      const groups = await client.usergroups.list({ ...token });
      const found = groups.usergroups?.find((g) => `@${g.handle}` === owner);
      if (!found?.id) throw new ReviewOwnerError(owner, "no user group has that handle");
      group = found.id;
    }
    const members = (await client.usergroups.users.list({ ...token, usergroup: group })).users ?? [];
    if (members.length === 0) throw new ReviewOwnerError(owner, "it has no members");
    return members;
  } catch (error) {
    const reviewError =
      error instanceof ReviewOwnerError
        ? error
        : new ReviewOwnerError(owner, apiFailure(error).slackError ?? "error");
    logger.warn(reviewError.message, { owner, ...errorFields(error) });
    throw reviewError;
  }
}
