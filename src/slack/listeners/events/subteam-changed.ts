// A user group changed in Slack: the cached groups (subteam_updated: created, renamed, disabled) or the
// group's members (subteam_members_changed) are dropped, so the next answer looks them up again.
import type { ListenerDeps } from "../deps.ts";

export function subteamUpdated(deps: ListenerDeps) {
  return async (): Promise<void> => {
    deps.people?.directory.groupUpdated();
    deps.logger.info("A Slack user group changed; the next answer looks the groups up again");
  };
}

export function subteamMembersChanged(deps: ListenerDeps) {
  return async ({ event }: { event: { subteam_id?: unknown } }): Promise<void> => {
    if (typeof event.subteam_id !== "string") return;
    deps.people?.directory.membersChanged(event.subteam_id);
    deps.logger.info("A Slack user group's members changed; the next answer looks them up again", {
      subteam: event.subteam_id,
    });
  };
}
