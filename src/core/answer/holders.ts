// Who holds the roles an answer names: the role's own Slack users and user group, and the roster's people.
// Plain data; the Slack adapter resolves a user group to its members, the terminal shows its handle.
import type { KnowledgeBase } from "../knowledge/model.ts";
import type { Holder, RoleHolders } from "./types.ts";

/** The holders of each of these roles that has any, in the order given, each role once. */
export function holdersOf(kb: KnowledgeBase, roleIds: Iterable<string>): RoleHolders[] {
  const out: RoleHolders[] = [];
  for (const roleId of new Set(roleIds)) {
    const role = kb.roles.get(roleId);
    if (!role) continue;
    const people: Holder[] = (role.holders?.users ?? []).map((user) => ({ user }));
    for (const person of kb.roster.get(roleId) ?? []) {
      const known = person.user ? people.find((p) => p.user === person.user) : undefined;
      if (known) {
        if (person.name && !known.name) known.name = person.name;
      } else if (!people.some((p) => !p.user && !person.user && p.name === person.name)) {
        people.push({ ...person });
      }
    }
    const userGroup = role.holders?.userGroup;
    if (people.length === 0 && !userGroup) continue;
    out.push({ roleId, role: role.name, ...(userGroup ? { userGroup } : {}), people });
  }
  return out;
}

/** How a terminal names holders: each person by name (or user id), then the group as @handle. */
export function holderLabels(holders: RoleHolders): string[] {
  return [
    ...holders.people.map((p) => p.name ?? p.user ?? ""),
    ...(holders.userGroup ? [`@${holders.userGroup}`] : []),
  ];
}
