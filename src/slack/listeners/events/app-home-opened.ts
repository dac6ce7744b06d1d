// Opening the Home tab publishes what Rolecall can do, example questions and the frameworks it knows.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { homeTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

type HomeOpenedArgs = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, body, client }: HomeOpenedArgs): Promise<void> => {
    if (event.tab !== undefined && event.tab !== "home") return;
    const person = { userId: event.user, ...(body.team_id ? { teamId: body.team_id } : {}) };
    const target = homeTarget(
      client,
      event.user,
      () => deps.homeContent(person, client),
      deps.people?.(person.teamId).labeller,
    );
    // Nobody to tell if publishing fails; the guard logs it.
    await guarded(deps, "app home", undefined, () => target.showMessage({ text: "", blocks: [] }));
  };
}
