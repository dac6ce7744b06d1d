// What the subscription and reload subcommands share: a short ephemeral reply, the notifications wiring
// (absent when the app runs without a store), and turning a permission verdict into a reply.

import { fill } from "../../../core/text/template.ts";
import type { Logger } from "../../../log.ts";
import { NOTIFICATIONS_OFF, PERMISSION_CHECK_FAILED } from "../../messages.ts";
import type { PermissionVerdict } from "../../permissions.ts";
import { escapeMrkdwn } from "../../render/escape.ts";
import type { ListenerDeps, NotificationDeps } from "../deps.ts";
import type { CommandArgs } from "./command-listener.ts";

export type Say = (text: string) => Promise<void>;

/** A text reply only the person sees, through the command's response_url. */
export function replier(args: CommandArgs): Say {
  return async (text) => {
    await args.respond({ response_type: "ephemeral", replace_original: false, text });
  };
}

export async function notificationsOf(deps: ListenerDeps, say: Say): Promise<NotificationDeps | undefined> {
  if (deps.notifications) return deps.notifications;
  await say(NOTIFICATIONS_OFF);
  return undefined;
}

/** True when allowed; otherwise tells the person why not and returns false. */
export async function permitted(
  verdict: PermissionVerdict,
  refusal: string,
  say: Say,
  logger: Logger,
  userId: string,
): Promise<boolean> {
  if (verdict.allowed) return true;
  if (verdict.why === "check_failed") {
    logger.warn("Could not check whether a user is a workspace admin", {
      user: userId,
      slack_error: verdict.error,
    });
    await say(fill(PERMISSION_CHECK_FAILED, { error: escapeMrkdwn(verdict.error) }));
    return false;
  }
  logger.info("Refused a command that needs an admin", { user: userId });
  await say(refusal);
  return false;
}
