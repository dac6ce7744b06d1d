// A workspace that uninstalls Rolecall, or revokes its bot token, is forgotten: its installation is deleted,
// its channels' subscriptions are switched off and its undelivered updates dropped, each with the reason.
// Slack sends app_uninstalled and tokens_revoked both, in either order; the second changes nothing. A later
// reinstall starts clean: nothing is switched back on until someone subscribes a channel again.
import type { Logger } from "../log.ts";
import type { Store } from "../store/types.ts";
import { type InstallationOwner, installationKey } from "./installations.ts";

/** What each event records as the reason (subscriptions' disabledReason, the outbox rows' lastError). */
export const DEPARTURE_REASONS = Object.freeze({
  app_uninstalled: "app uninstalled",
  tokens_revoked: "bot token revoked",
});
export type DepartureEvent = keyof typeof DEPARTURE_REASONS;

export interface Departures {
  leave(owner: InstallationOwner, event: DepartureEvent): Promise<void>;
}

export interface DeparturesOptions {
  store: Pick<Store, "deleteInstallation" | "switchOffTeam">;
  logger: Logger;
}

export function createDepartures({ store, logger }: DeparturesOptions): Departures {
  return {
    async leave(owner, event) {
      const reason = DEPARTURE_REASONS[event];
      const key = installationKey(owner);
      const deleted = key ? await store.deleteInstallation(key) : false;
      // An org-wide uninstall names no workspace; its workspaces' subscriptions are kept by team id.
      const switchedOff = owner.teamId
        ? await store.switchOffTeam(owner.teamId, reason)
        : { subscriptions: 0, deliveries: 0 };
      logger.info(`Forgot a workspace: ${reason}`, {
        team: owner.teamId,
        enterprise: owner.enterpriseId,
        installation_deleted: deleted,
        subscriptions_disabled: switchedOff.subscriptions,
        deliveries_dropped: switchedOff.deliveries,
      });
    },
  };
}
