// How an answer names the people behind its roles in Slack. Where nobody can be pinged (an ephemeral
// reply, App Home) people are mentions, which Slack shows as their names. Where a message is seen by the
// channel, people are their names as plain text, so nobody is notified, unless the person sharing asked
// to notify them.
import type { Answer, RoleHolders } from "../../core/answer/types.ts";
import { fill } from "../../core/text/template.ts";
import { MORE_PEOPLE, NAME_UNAVAILABLE } from "../messages.ts";
import { escapeMrkdwn, mentionUser } from "../render/escape.ts";
import type { PeopleDirectory, ResolvedHolders } from "./directory.ts";

/** mention: <@U…> mentions; names: plain-text names that ping nobody */
export type PeopleMode = "mention" | "names";

/** role name (as the answer's RACI lists write it) -> escaped mrkdwn naming its holders */
export type PeopleLabels = ReadonlyMap<string, readonly string[]>;

/** People named per role; the rest are counted ("and 12 more"), which keeps a RACI field within Slack's limit. */
export const HOLDERS_SHOWN = 8;

export interface PeopleLabeller {
  /** labels from what is cached now, or "fetch" when a user group must be looked up first */
  cachedMentions(answer: Answer): PeopleLabels | "fetch";
  labels(answer: Answer, mode: PeopleMode): Promise<PeopleLabels>;
}

export function createPeopleLabeller(directory: PeopleDirectory): PeopleLabeller {
  return {
    cachedMentions(answer) {
      if (!answer.holders?.length) return new Map();
      const resolved = directory.cached(answer.holders);
      return resolved ? labelsOf(resolved, "mention", new Map()) : "fetch";
    },
    async labels(answer, mode) {
      if (!answer.holders?.length) return new Map();
      const resolved = await directory.resolve(answer.holders);
      const names =
        mode === "names"
          ? await directory.namesOf(resolved.flatMap((r) => r.users.slice(0, HOLDERS_SHOWN).map((u) => u.id)))
          : new Map<string, string>();
      return labelsOf(resolved, mode, names);
    },
  };
}

export function labelsOf(
  resolved: readonly ResolvedHolders[],
  mode: PeopleMode,
  slackNames: ReadonlyMap<string, string>,
): PeopleLabels {
  const labels = new Map<string, string[]>();
  for (const holders of resolved) {
    const people = [
      ...holders.users.map((user) =>
        mode === "mention"
          ? mentionUser(user.id)
          : escapeMrkdwn(slackNames.get(user.id) ?? user.rosterName ?? NAME_UNAVAILABLE),
      ),
      ...holders.names.map(escapeMrkdwn),
    ];
    const shown = people.slice(0, HOLDERS_SHOWN);
    if (people.length > shown.length) shown.push(fill(MORE_PEOPLE, { count: people.length - shown.length }));
    if (holders.group && !holders.group.resolved) shown.push(escapeMrkdwn(`@${holders.group.handle}`));
    if (shown.length > 0) labels.set(holders.role, shown);
  }
  return labels;
}

/** Labels from the answer alone, for a renderer given none: known names and group handles, never a mention. */
export function offlineLabels(holders: readonly RoleHolders[]): PeopleLabels {
  return labelsOf(
    holders.map((h) => ({
      role: h.role,
      users: [],
      names: h.people.flatMap((p) => (p.name ? [p.name] : [])),
      ...(h.userGroup ? { group: { handle: h.userGroup, resolved: false } } : {}),
    })),
    "names",
    new Map(),
  );
}
