// What a channel can follow, from what a person typed after /role subscribe: everything, a framework
// ("SFIA", "DDaT"), a skill ("ITMG", "IT management", "sfia:ITMG") or a role ("IT service manager"), read
// against the knowledge being served now. Exact names only: a guess is offered as a suggestion, never
// subscribed to, since a channel following the wrong thing fails silently.

import type { KnowledgeBase } from "../knowledge/model.ts";
import type { SearchIndex } from "../search/build.ts";
import type { NameEntry, NameVia } from "../search/names.ts";
import type { SubjectKind } from "../subjects.ts";
import { canonical } from "../text/normalize.ts";
import type { FollowedFilter as SubscriptionFilter } from "./subscription.ts";

export type FollowFilter = Exclude<SubscriptionFilter, { kind: "all" }>;

export type TargetResolution =
  | { status: "all" }
  | { status: "found"; filter: FollowFilter }
  /** the words name several things equally well */
  | { status: "ambiguous"; candidates: FollowFilter[] }
  /** the words name something that has no updates of its own (a RACI row, a level) */
  | { status: "not_followable"; name: string; kind: SubjectKind }
  | { status: "unknown"; suggestions: FollowFilter[] };

export interface KnowledgeSource {
  readonly knowledge: KnowledgeBase;
  readonly index: SearchIndex;
}

/** Words that mean "every change". */
const ALL_WORDS = new Set(["", "all", "everything", "all changes", "all updates"]);
/** "skill ITMG", "framework SFIA", "role IT manager" say which kind is meant. */
const KIND_PREFIX = /^(skill|framework|role)\s+(.+)$/i;
const MAX_SUGGESTIONS = 3;

/** Better ways of naming come first: a code beats a name, a name beats an alias. */
const VIA_RANK: Readonly<Record<NameVia, number>> = {
  code: 0,
  name: 1,
  former_name: 2,
  later_name: 2,
  alias: 3,
  acronym: 4,
  level_name: 3,
};

export function resolveSubscriptionTarget(text: string, source: KnowledgeSource): TargetResolution {
  const words = text.trim().replace(/\s+/g, " ");
  if (ALL_WORDS.has(words.toLowerCase())) return { status: "all" };
  const prefixed = KIND_PREFIX.exec(words);
  const kind = prefixed?.[1]?.toLowerCase() as FollowFilter["kind"] | undefined;
  const phrase = prefixed?.[2] ?? words;
  const kb = source.knowledge;

  if (!kind || kind === "framework") {
    const framework = findFramework(kb, phrase);
    if (framework) return { status: "found", filter: framework };
    if (kind === "framework") return { status: "unknown", suggestions: frameworkFilters(kb) };
  }
  if (!kind || kind === "skill") {
    const skill = [...kb.skills.values()].find((s) => s.id.toLowerCase() === phrase.toLowerCase());
    if (skill) return { status: "found", filter: { kind: "skill", id: skill.id, label: skill.name } };
  }

  const entries = source.index.names.lookup(phrase);
  const followable = entries
    .map((entry) => ({ entry, filter: followFilter(entry, source) }))
    .filter((e): e is { entry: NameEntry; filter: FollowFilter } => !!e.filter)
    .filter((e) => !kind || e.filter.kind === kind);
  if (followable.length > 0) {
    const best = Math.min(...followable.map((e) => VIA_RANK[e.entry.via]));
    const candidates = unique(followable.filter((e) => VIA_RANK[e.entry.via] === best).map((e) => e.filter));
    const [only] = candidates;
    if (only && candidates.length === 1) return { status: "found", filter: only };
    return { status: "ambiguous", candidates };
  }
  const [named] = entries;
  if (named && !kind) return { status: "not_followable", name: named.ref.name, kind: named.ref.kind };

  const kinds: SubjectKind[] = kind ? [kind] : ["skill", "role"];
  const suggestions = unique(
    source.index.names
      .fuzzy(phrase, { kinds, limit: MAX_SUGGESTIONS * 2 })
      .flatMap((hit) => followFilter(hit.entry, source) ?? []),
  ).slice(0, MAX_SUGGESTIONS);
  return { status: "unknown", suggestions };
}

/** What to type after /role subscribe to get this filter back: the shortest name that says it exactly. */
export function commandTextFor(filter: SubscriptionFilter, source: KnowledgeSource): string {
  if (filter.kind === "all") return "all";
  if (filter.kind === "framework") return source.knowledge.frameworks.get(filter.id)?.name ?? filter.id;
  if (filter.kind === "skill") {
    const code = source.knowledge.skills.get(filter.id)?.code;
    if (code && sameFilter(resolvedFilter(code, source), filter)) return code;
    return filter.id;
  }
  const name = source.knowledge.roles.get(filter.id)?.name;
  if (name && sameFilter(resolvedFilter(name, source), filter)) return name;
  return `role ${filter.id}`;
}

/**
 * "SFIA skill ITMG (IT management)", "the DDaT framework", "the IT service manager role", "everything".
 * Plain text: escape it for mrkdwn. Names come from the knowledge when it still has the subject,
 * else from the label stored with the subscription.
 */
export function describeFilter(filter: SubscriptionFilter, knowledge?: KnowledgeBase): string {
  switch (filter.kind) {
    case "all":
      return "everything";
    case "framework": {
      const name = knowledge?.frameworks.get(filter.id)?.name ?? (filter.label || filter.id);
      return `the ${name} framework`;
    }
    case "skill": {
      const skill = knowledge?.skills.get(filter.id);
      const colon = filter.id.indexOf(":");
      const frameworkId = skill?.framework ?? filter.id.slice(0, Math.max(0, colon));
      const framework = knowledge?.frameworks.get(frameworkId)?.name ?? frameworkId.toUpperCase();
      const code = skill?.code ?? filter.id.slice(colon + 1);
      const name = skill?.name ?? filter.label;
      const subject = `${framework ? `${framework} ` : ""}skill ${code}`;
      return name && name !== code ? `${subject} (${name})` : subject;
    }
    case "role": {
      const name = knowledge?.roles.get(filter.id)?.name ?? (filter.label || filter.id);
      return `the ${name} role`;
    }
  }
}

/** Same identity: kind and id (ids compare case-insensitively, as the loader keeps them unique that way). */
export function sameFilter(a: SubscriptionFilter | undefined, b: SubscriptionFilter | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === "all" || b.kind === "all") return true;
  return a.id.toLowerCase() === b.id.toLowerCase();
}

/**
 * The channel's subscription the words name: read against the knowledge first, then against what is
 * stored (id, code, label), so a subscription to something since removed from the knowledge can still go.
 */
export function findFollowed<T extends { filter: SubscriptionFilter }>(
  text: string,
  existing: readonly T[],
  source: KnowledgeSource,
): T | undefined {
  const resolution = resolveSubscriptionTarget(text, source);
  const resolved =
    resolution.status === "all"
      ? { kind: "all" as const }
      : resolution.status === "found"
        ? resolution.filter
        : undefined;
  const byKnowledge = resolved && existing.find((s) => sameFilter(s.filter, resolved));
  if (byKnowledge) return byKnowledge;
  const words = text.trim().toLowerCase();
  return existing.find(({ filter }) => {
    if (filter.kind === "all") return false;
    const code = filter.id.slice(filter.id.indexOf(":") + 1);
    return [filter.id, code, filter.label].some((name) => name.toLowerCase() === words);
  });
}

function resolvedFilter(text: string, source: KnowledgeSource): SubscriptionFilter | undefined {
  const resolution = resolveSubscriptionTarget(text, source);
  if (resolution.status === "all") return { kind: "all" };
  return resolution.status === "found" ? resolution.filter : undefined;
}

function findFramework(kb: KnowledgeBase, phrase: string): FollowFilter | undefined {
  const key = canonical(phrase);
  if (!key) return undefined;
  for (const framework of kb.frameworks.values()) {
    const names = [framework.id, framework.name, framework.fullName].filter((n): n is string => !!n);
    if (names.some((name) => canonical(name) === key)) {
      return { kind: "framework", id: framework.id, label: framework.name };
    }
  }
  return undefined;
}

function frameworkFilters(kb: KnowledgeBase): FollowFilter[] {
  return [...kb.frameworks.values()].map((f) => ({ kind: "framework", id: f.id, label: f.name }));
}

/** The filter a name stands for: a skill, a role (a role level follows its role), or none. */
function followFilter(entry: NameEntry, source: KnowledgeSource): FollowFilter | undefined {
  const { kind, id } = entry.ref;
  if (kind === "skill") {
    const skill = source.knowledge.skills.get(id);
    return skill ? { kind: "skill", id: skill.id, label: skill.name } : undefined;
  }
  if (kind === "role") {
    const role = source.knowledge.roles.get(id) ?? source.index.roleLevels.get(id)?.role;
    return role ? { kind: "role", id: role.id, label: role.name } : undefined;
  }
  return undefined;
}

function unique(filters: readonly FollowFilter[]): FollowFilter[] {
  const seen = new Set<string>();
  return filters.filter((f) => {
    const key = `${f.kind}:${f.id.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
