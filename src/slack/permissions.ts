// Who may change a channel's subscriptions, publish the knowledge and read the gaps report: the user ids in ROLECALL_ADMINS, and
// workspace admins and owners as Slack's users.info reports them. ROLECALL_SUBSCRIBERS=everyone opens
// subscriptions to anyone; publishing stays with admins.
import type { webApi } from "@slack/bolt";
import type { SubscriberPolicy } from "../config.ts";

type WebClient = webApi.WebClient;

export type PermissionVerdict =
  | { allowed: true; why: "everyone" | "rolecall_admin" | "workspace_admin" }
  | { allowed: false; why: "not_admin" }
  /** users.info failed (e.g. missing_scope): nothing is allowed on a guess */
  | { allowed: false; why: "check_failed"; error: string };

export interface PermissionOptions {
  /** ROLECALL_ADMINS */
  admins: readonly string[];
  subscribers: SubscriberPolicy;
}

export interface Permissions {
  mayManageSubscriptions(client: WebClient, userId: string): Promise<PermissionVerdict>;
  mayReload(client: WebClient, userId: string): Promise<PermissionVerdict>;
  /** the knowledge-gaps report and the admins' part of App Home */
  mayReadReports(client: WebClient, userId: string): Promise<PermissionVerdict>;
}

export function createPermissions(options: PermissionOptions): Permissions {
  const admins = new Set(options.admins);

  const isAdmin = async (client: WebClient, userId: string): Promise<PermissionVerdict> => {
    if (admins.has(userId)) return { allowed: true, why: "rolecall_admin" };
    let user: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
    try {
      user = (await client.users.info({ user: userId })).user;
    } catch (error) {
      return { allowed: false, why: "check_failed", error: slackError(error) };
    }
    if (user?.is_admin || user?.is_owner || user?.is_primary_owner)
      return { allowed: true, why: "workspace_admin" };
    return { allowed: false, why: "not_admin" };
  };

  return {
    mayManageSubscriptions: async (client, userId) =>
      options.subscribers === "everyone" ? { allowed: true, why: "everyone" } : isAdmin(client, userId),
    mayReload: isAdmin,
    mayReadReports: isAdmin,
  };
}

function slackError(error: unknown): string {
  const e = error as { data?: { error?: unknown }; code?: unknown; message?: unknown };
  if (typeof e?.data?.error === "string") return e.data.error;
  if (typeof e?.code === "string") return e.code;
  return "unknown error";
}
