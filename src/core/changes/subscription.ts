// Decides whether a change concerns a subscription: everything, one framework, one skill or one role.
import type { Change } from "./types.ts";

export type SubscriptionFilter =
  | { kind: "all" }
  /** id: a framework id (sfia), a skill id (sfia:ITMG) or a role id (it-service-manager). */
  | { kind: "skill" | "framework" | "role"; id: string };

/** What a channel follows, as stored with its subscription: the filter, and a name to show for it. */
export type FollowedFilter =
  | { kind: "all" }
  | { kind: "skill" | "framework" | "role"; id: string; label: string };

/**
 * - a skill change matches its skill and its framework;
 * - a role change matches its role (and role level), and its framework if it has one;
 * - a RACI change matches every role it names before or after;
 * - a framework version change matches that framework and every skill subscription in it.
 * Ids compare case-insensitively, as the loader refuses ids that differ only in case.
 */
export function matchesSubscription(change: Change, filter: SubscriptionFilter): boolean {
  switch (filter.kind) {
    case "all":
      return true;
    case "framework":
      return sameId(change.framework, filter.id);
    case "skill":
      return (
        (change.kind === "skill" && sameId(change.id, filter.id)) ||
        (change.type === "framework_version_changed" && isInFramework(filter.id, change.id))
      );
    case "role":
      return change.roles?.some((role) => sameId(role, filter.id)) ?? false;
  }
}

function sameId(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

function isInFramework(skillId: string, framework: string): boolean {
  return skillId.toLowerCase().startsWith(`${framework.toLowerCase()}:`);
}
