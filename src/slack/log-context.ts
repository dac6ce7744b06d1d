// Bolt middleware, run first for every request: what Rolecall logs while handling it (errors and their
// refs included, even after the ack) carries the team and, for events, the event id, so one request's lines
// can be found among many instances' and workspaces'.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { withLogContext } from "../log.ts";
import { SLACK_TEAM_ID } from "../slack-ids.ts";

export function createLogContext(): Middleware<AnyMiddlewareArgs> {
  return ({ body, context, next }) => {
    const b = body as { event_id?: unknown; team_id?: unknown; team?: { id?: unknown } };
    const team = context.teamId ?? (typeof b.team_id === "string" ? b.team_id : b.team?.id);
    return withLogContext(
      {
        team: typeof team === "string" && SLACK_TEAM_ID.test(team) ? team : undefined,
        event_id:
          typeof b.event_id === "string" && /^Ev[A-Z0-9]{1,40}$/.test(b.event_id) ? b.event_id : undefined,
      },
      next,
    );
  };
}
