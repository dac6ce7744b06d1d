// /role reload: publishes the knowledge folder now, as a file edit or SIGHUP would, and says what came of
// it. Admins only: a publish notifies every subscribed channel.

import { fill } from "../../../core/text/template.ts";
import type { PublishOutcome } from "../../../notify/publisher.ts";
import {
  RELOAD_BASELINE,
  RELOAD_CONFLICT,
  RELOAD_FAILED,
  RELOAD_INVALID,
  RELOAD_OLDER,
  RELOAD_PUBLISHED,
  RELOAD_REFUSED,
  RELOAD_REJECTED,
  RELOAD_UNCHANGED,
} from "../../messages.ts";
import { escapeMrkdwn } from "../../render/escape.ts";
import { problemList } from "../../updates/admin-alert.ts";
import type { Subcommand } from "./command-listener.ts";
import { notificationsOf, permitted, replier } from "./notification-command.ts";

export const reloadCommand: Subcommand = async ({ deps, args }) => {
  const say = replier(args);
  const notifications = await notificationsOf(deps, say);
  if (!notifications) return;
  const userId = args.command.user_id;
  const verdict = await notifications.permissions.mayReload(args.client, userId);
  if (!(await permitted(verdict, RELOAD_REFUSED, say, deps.logger, userId))) return;
  deps.logger.info("Publishing the knowledge: /role reload", { user: userId });
  await say(reloadReply(await notifications.reload()));
};

export function reloadReply(outcome: PublishOutcome): string {
  switch (outcome.status) {
    case "published":
      if (outcome.baseline) return RELOAD_BASELINE;
      return fill(RELOAD_PUBLISHED, {
        changes: counted(outcome.changes.length, "change", "changes"),
        channels: counted(outcome.deliveries, "channel", "channels"),
      });
    case "unchanged":
      return RELOAD_UNCHANGED;
    case "invalid":
      return fill(RELOAD_INVALID, { problems: problemList(outcome.problems) });
    case "failed":
      return RELOAD_FAILED;
    case "conflict":
      return RELOAD_CONFLICT;
    case "older":
      return RELOAD_OLDER;
    case "rejected":
      return fill(RELOAD_REJECTED, { error: escapeMrkdwn(outcome.error.message) });
  }
}

function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
