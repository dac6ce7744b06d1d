// A user group changed in Slack: the cached groups (subteam_updated: created, renamed, disabled) or the
// group's members (subteam_members_changed) are dropped, so the next answer looks them up again.
import type { ListenerDeps } from "../deps.ts";

interface SubteamEventArgs {
  body: { team_id?: unknown };
  context: { teamId?: string | undefined };
}

/** The workspace whose group changed: each workspace's directory caches its own groups. */
function teamOf(body: SubteamEventArgs["body"], context: SubteamEventArgs["context"]): string | undefined {
  return context.teamId ?? (typeof body.team_id === "string" ? body.team_id : undefined);
}

export function subteamUpdated(deps: ListenerDeps) {
  return async ({ body, context }: SubteamEventArgs): Promise<void> => {
    deps.people?.(teamOf(body, context)).directory.groupUpdated();
    deps.logger.info("A Slack user group changed; the next answer looks the groups up again");
  };
}

export function subteamMembersChanged(deps: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: SubteamEventArgs & { event: { subteam_id?: unknown } }): Promise<void> => {
    if (typeof event.subteam_id !== "string") return;
    deps.people?.(teamOf(body, context)).directory.membersChanged(event.subteam_id);
    deps.logger.info("A Slack user group's members changed; the next answer looks them up again", {
      subteam: event.subteam_id,
    });
  };
}
