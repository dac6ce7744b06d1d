// The people behind an answer's roles, as Slack knows them: a user group's members (usergroups.list, then
// usergroups.users.list) and a person's name (users.info, for a shared copy that pings nobody). Everything
// is cached: subteam events drop what they change, and anything older than refreshMs is fetched again. A
// group that doesn't exist, or a missing scope, is logged once and kept as a note for admins; the answer
// still names everyone else it knows.
import type { webApi } from "@slack/bolt";
import type { RoleHolders } from "../../core/answer/types.ts";
import type { LogFields, Logger } from "../../log.ts";
import { apiFailure } from "../api-errors.ts";

type WebClient = webApi.WebClient;

/** A person behind a role: a Slack user id with the roster's name for them, if any. */
export interface ResolvedUser {
  id: string;
  rosterName?: string;
}

/** One role's holders with its user group looked up. */
export interface ResolvedHolders {
  role: string;
  users: ResolvedUser[];
  /** people the roster names without a Slack account */
  names: string[];
  /** the role's user group; resolved is false when its members could not be looked up */
  group?: { handle: string; resolved: boolean };
}

export type PeopleProblem =
  | { kind: "missing_scope"; scope: string }
  | { kind: "unknown_group"; handle: string }
  | { kind: "lookup_failed"; what: string; error: string };

export interface PeopleDirectory {
  /** the holders with what is cached now; undefined when a group must be fetched from Slack first */
  cached(holders: readonly RoleHolders[]): ResolvedHolders[] | undefined;
  resolve(holders: readonly RoleHolders[]): Promise<ResolvedHolders[]>;
  /** names of these users as Slack shows them; a user whose name could not be looked up is left out */
  namesOf(userIds: readonly string[]): Promise<Map<string, string>>;
  /** subteam_updated: a group was created, renamed, enabled or disabled */
  groupUpdated(): void;
  /** subteam_members_changed: a group's members changed */
  membersChanged(groupId: string): void;
  /** what stops Rolecall from naming people now, for admins */
  problems(): PeopleProblem[];
}

export interface PeopleDirectoryOptions {
  client: WebClient;
  /**
   * The workspace's bot token for each call, where the client has none of its own: with OAuth one app
   * serves many workspaces, and each directory looks up its own workspace's groups and people.
   */
  token?: () => Promise<string>;
  logger: Logger;
  /** how long a looked-up group, member list or name is trusted without an event saying it changed */
  refreshMs: number;
  now?: () => number;
}

interface Timed<T> {
  at: number;
  value: T;
}

const SCOPE_OF_METHOD: Readonly<Record<string, string>> = {
  "usergroups.list": "usergroups:read",
  "usergroups.users.list": "usergroups:read",
  "users.info": "users:read",
};

export function createPeopleDirectory(options: PeopleDirectoryOptions): PeopleDirectory {
  const { client, logger, refreshMs } = options;
  const auth = async (): Promise<{ token?: string }> =>
    options.token ? { token: await options.token() } : {};
  const now = options.now ?? Date.now;
  let groups: Timed<Map<string, string>> | undefined;
  let listing: Promise<Map<string, string> | undefined> | undefined;
  /** when usergroups.list last failed: not asked again on every answer, only after refreshMs or an event */
  let listFailedAt: number | undefined;
  /** bumped by every event, so a fetch that started before it never fills the cache after it */
  let generation = 0;
  const members = new Map<string, Timed<string[]>>();
  const fetching = new Map<string, Promise<string[] | undefined>>();
  const names = new Map<string, Timed<string>>();
  const problems = new Map<string, PeopleProblem>();

  const fresh = (entry: Timed<unknown> | undefined): boolean =>
    entry !== undefined && now() - entry.at < refreshMs;

  const report = (key: string, problem: PeopleProblem, line: string, fields: LogFields) => {
    if (problems.has(key)) return;
    problems.set(key, problem);
    logger.warn(line, fields);
  };

  /** Turns a failed call into its one problem. */
  const failed = (method: string, what: string, error: unknown): void => {
    const { slackError, code } = apiFailure(error);
    if (slackError === "missing_scope") {
      const scope = SCOPE_OF_METHOD[method] ?? "a scope";
      report(
        `scope:${scope}`,
        { kind: "missing_scope", scope },
        `Cannot look up ${what} in Slack: the app lacks the ${scope} scope; reinstall it from manifest.yml. Answers name the people the roster knows until then.`,
        { method, scope },
      );
      return;
    }
    const reason = slackError ?? code ?? "unknown error";
    report(
      `failed:${method}`,
      { kind: "lookup_failed", what, error: reason },
      `Cannot look up ${what} in Slack (${reason}); answers name the people the roster knows until it works again.`,
      { method, error: reason },
    );
  };

  const cleared = (...keys: string[]) => {
    for (const key of keys) problems.delete(key);
  };

  const listGroups = (): Promise<Map<string, string> | undefined> => {
    if (fresh(groups)) return Promise.resolve(groups?.value);
    if (listFailedAt !== undefined && now() - listFailedAt < refreshMs) return Promise.resolve(undefined);
    if (listing) return listing;
    const started = generation;
    listing = (async () => {
      try {
        const answer = await client.usergroups.list({ ...(await auth()) });
        const byHandle = new Map<string, string>();
        for (const group of answer.usergroups ?? []) {
          if (group.handle && group.id) byHandle.set(group.handle, group.id);
        }
        cleared("scope:usergroups:read", "failed:usergroups.list");
        if (started === generation) groups = { at: now(), value: byHandle };
        listFailedAt = undefined;
        return byHandle;
      } catch (error) {
        failed("usergroups.list", "user groups", error);
        if (started === generation) listFailedAt = now();
        return undefined;
      } finally {
        listing = undefined;
      }
    })();
    return listing;
  };

  const membersOf = (groupId: string, handle: string): Promise<string[] | undefined> => {
    const cachedMembers = members.get(groupId);
    if (fresh(cachedMembers)) return Promise.resolve(cachedMembers?.value);
    const running = fetching.get(groupId);
    if (running) return running;
    const started = generation;
    const fetch = (async () => {
      try {
        const answer = await client.usergroups.users.list({ ...(await auth()), usergroup: groupId });
        const users = answer.users ?? [];
        cleared("scope:usergroups:read", "failed:usergroups.users.list");
        if (started === generation) members.set(groupId, { at: now(), value: users });
        return users;
      } catch (error) {
        failed("usergroups.users.list", `the members of @${handle}`, error);
        return undefined;
      } finally {
        fetching.delete(groupId);
      }
    })();
    fetching.set(groupId, fetch);
    return fetch;
  };

  const groupMembers = async (handle: string): Promise<string[] | undefined> => {
    const byHandle = await listGroups();
    if (!byHandle) return undefined;
    const id = byHandle.get(handle);
    if (!id) {
      report(
        `group:${handle}`,
        { kind: "unknown_group", handle },
        `The knowledge names the Slack user group @${handle}, which this workspace does not have (or has disabled); answers leave its members out.`,
        { handle },
      );
      return undefined;
    }
    cleared(`group:${handle}`);
    return membersOf(id, handle);
  };

  /** A group's members from the cache: a list, "unresolvable" (a known problem), or undefined (fetch). */
  const cachedMembers = (handle: string): string[] | "unresolvable" | undefined => {
    if (listFailedAt !== undefined && now() - listFailedAt < refreshMs) return "unresolvable";
    if (!fresh(groups)) return undefined;
    const id = groups?.value.get(handle);
    if (!id) return "unresolvable";
    const entry = members.get(id);
    return fresh(entry) ? entry?.value : undefined;
  };

  const combine = (holders: RoleHolders, groupUsers: string[] | undefined): ResolvedHolders => {
    const users: ResolvedUser[] = [];
    const seen = new Set<string>();
    const names: string[] = [];
    for (const person of holders.people) {
      if (person.user) {
        if (seen.has(person.user)) continue;
        seen.add(person.user);
        users.push({ id: person.user, ...(person.name ? { rosterName: person.name } : {}) });
      } else if (person.name) {
        names.push(person.name);
      }
    }
    for (const id of groupUsers ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      users.push({ id });
    }
    return {
      role: holders.role,
      users,
      names,
      ...(holders.userGroup
        ? { group: { handle: holders.userGroup, resolved: groupUsers !== undefined } }
        : {}),
    };
  };

  return {
    cached(holders) {
      const out: ResolvedHolders[] = [];
      for (const h of holders) {
        if (!h.userGroup) {
          out.push(combine(h, undefined));
          continue;
        }
        const found = cachedMembers(h.userGroup);
        if (found === undefined) return undefined;
        out.push(combine(h, found === "unresolvable" ? undefined : found));
      }
      return out;
    },
    async resolve(holders) {
      return Promise.all(
        holders.map(async (h) => combine(h, h.userGroup ? await groupMembers(h.userGroup) : undefined)),
      );
    },
    async namesOf(userIds) {
      const out = new Map<string, string>();
      await Promise.all(
        [...new Set(userIds)].map(async (id) => {
          const known = names.get(id);
          if (fresh(known) && known) {
            out.set(id, known.value);
            return;
          }
          try {
            const { user } = await client.users.info({ ...(await auth()), user: id });
            const name = user?.profile?.display_name || user?.real_name || user?.name;
            cleared("scope:users:read", "failed:users.info");
            if (name) {
              names.set(id, { at: now(), value: name });
              out.set(id, name);
            }
          } catch (error) {
            failed("users.info", "people's names", error);
          }
        }),
      );
      return out;
    },
    groupUpdated() {
      generation++;
      groups = undefined;
      listFailedAt = undefined;
      members.clear();
    },
    membersChanged(groupId) {
      generation++;
      members.delete(groupId);
    },
    problems: () => [...problems.values()],
  };
}
