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
  store: Pick<Store, "deleteInstallation" | "switchOffTeam" | "linkedTeams">;
  logger: Logger;
}

export function createDepartures({ store, logger }: DeparturesOptions): Departures {
  return {
    async leave(owner, event) {
      const reason = DEPARTURE_REASONS[event];
      const key = installationKey(owner);
      // An org-wide install leaves every workspace it was seen serving (their subscriptions are kept by
      // team id); the links go with the installation, so they are read first.
      const teams = new Set(owner.isEnterpriseInstall && key ? await store.linkedTeams(key) : []);
      if (owner.teamId) teams.add(owner.teamId);
      const switchedOff = { subscriptions: 0, deliveries: 0 };
      for (const team of teams) {
        const result = await store.switchOffTeam(team, reason);
        switchedOff.subscriptions += result.subscriptions;
        switchedOff.deliveries += result.deliveries;
      }
      const deleted = key ? await store.deleteInstallation(key) : false;
      logger.info(`Forgot a workspace: ${reason}`, {
        team: owner.teamId,
        enterprise: owner.enterpriseId,
        workspaces: teams.size,
        installation_deleted: deleted,
        subscriptions_disabled: switchedOff.subscriptions,
        deliveries_dropped: switchedOff.deliveries,
      });
    },
  };
}
