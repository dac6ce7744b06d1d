// Where Bolt's OAuth support keeps each workspace's installation: Rolecall's own store (SQLite or PostgreSQL),
// behind Bolt's InstallationStore interface. An org-wide install on Enterprise Grid is one installation for
// every workspace of the organisation, so it is kept under the enterprise id; any other under its team id.
// Which token a workspace's messages go out with is looked up here too (workspaceTokens).
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Store } from "../store/types.ts";

export type InstallationRecords = Pick<
  Store,
  "saveInstallation" | "fetchInstallation" | "deleteInstallation"
>;

/** Which workspaces an org-wide installation has been seen serving (see linkWorkspaces in app.ts). */
export type WorkspaceLinks = Pick<Store, "linkTeam" | "linkedInstallation">;

export class InstallationNotFoundError extends Error {
  readonly code = "SLACK_NOT_INSTALLED";

  constructor(key: string | undefined) {
    super(
      key
        ? `Rolecall is not installed in ${key}`
        : "Rolecall is not installed there (no team or enterprise id)",
    );
    this.name = "InstallationNotFoundError";
  }
}

/** Who an installation (or a query for one) is for. */
export interface InstallationOwner {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/** The store key: the enterprise id for an org-wide install, the team id otherwise. */
export function installationKey(owner: InstallationOwner): string | undefined {
  if (owner.isEnterpriseInstall) return owner.enterpriseId || undefined;
  return owner.teamId || undefined;
}

export function createInstallationStore(records: InstallationRecords): InstallationStore {
  return {
    async storeInstallation(installation: Installation): Promise<void> {
      const key = installationKey({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall,
      });
      if (!key) throw new InstallationNotFoundError(undefined);
      await records.saveInstallation(key, installation);
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
      const key = installationKey(query);
      const found = key ? await records.fetchInstallation(key) : undefined;
      if (!found) throw new InstallationNotFoundError(key);
      // Written by storeInstallation above from what Bolt handed it.
      return found as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      const key = installationKey(query);
      if (key) await records.deleteInstallation(key);
    },
  };
}

/** The bot token to post in a workspace with, for work that happens outside any request from it. */
export interface WorkspaceTokens {
  /** Throws InstallationNotFoundError when Rolecall is not installed there. */
  botToken(teamId: string): Promise<string>;
}

/** One workspace, one token (SLACK_BOT_TOKEN): every team gets it. */
export function singleWorkspaceTokens(botToken: string): WorkspaceTokens {
  return { botToken: async () => botToken };
}

/** What Bolt's InstallProvider offers: authorize() reads the installation and refreshes a rotating token. */
export interface InstallationAuthorizer {
  authorize(source: InstallationQuery<boolean>): Promise<{ botToken?: string }>;
}

/**
 * Each workspace's own installation or, failing that, the org-wide one it was seen under, through the same
 * authorize() Bolt answers requests with, so an expiring token (token rotation) is refreshed and saved
 * before it is used here too.
 */
export function installedWorkspaceTokens(
  installer: InstallationAuthorizer,
  links: Pick<WorkspaceLinks, "linkedInstallation">,
): WorkspaceTokens {
  const tokenFor = async (query: InstallationQuery<boolean>): Promise<string> => {
    let token: string | undefined;
    try {
      ({ botToken: token } = await installer.authorize(query));
    } catch (error) {
      const original = (error as { original?: unknown }).original;
      if (original instanceof InstallationNotFoundError) throw original;
      throw error;
    }
    if (!token) throw new InstallationNotFoundError(installationKey(query));
    return token;
  };
  return {
    async botToken(teamId) {
      try {
        return await tokenFor({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
      } catch (error) {
        if (!(error instanceof InstallationNotFoundError)) throw error;
        const enterpriseId = await links.linkedInstallation(teamId);
        if (!enterpriseId) throw error;
        return tokenFor({ teamId, enterpriseId, isEnterpriseInstall: true });
      }
    },
  };
}
