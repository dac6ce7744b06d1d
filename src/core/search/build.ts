// Builds the search index from a knowledge base: names for exact and fuzzy lookups, passages for free search.

import type { GenericLevel, KnowledgeBase, RaciRow, Role, Skill } from "../knowledge/model.ts";
import type { RoleLevelInput } from "../knowledge/schema.ts";
import {
  levelSource,
  raciSource,
  roleSource,
  type SourceRef,
  type Subject,
  skillSource,
  skillSubject,
} from "../subjects.ts";
import { STOPWORDS, stem, words } from "../text/normalize.ts";
import { NameIndex } from "./names.ts";
import { type PassageDoc, PassageIndex } from "./passages.ts";

export interface RoleLevelEntry {
  role: Role;
  roleLevel: RoleLevelInput;
}

/** What understand() needs to know of a skill to choose between skills of the same name. */
export interface SkillShape {
  framework: string;
  levels: ReadonlySet<number>;
}

/** A RACI row's name and alias words (stemmed), for partial and casual names: "incidents", "security". */
export interface RaciWords {
  subject: Subject;
  words: ReadonlySet<string>;
  /** words in the row's own name */
  size: number;
}

/** A named group of roles or skills: a DDaT role family, a SFIA category or subcategory. */
export interface Group {
  kind: "family" | "category" | "subcategory";
  name: string;
  framework?: string;
}

export interface SearchIndex {
  names: NameIndex;
  passages: PassageIndex;
  /** role level id -> its role, so a role level can be answered like a role */
  roleLevels: ReadonlyMap<string, RoleLevelEntry>;
  skills: ReadonlyMap<string, SkillShape>;
  /** framework id -> its generic levels, lowest first */
  frameworkLevels: ReadonlyMap<string, readonly number[]>;
  raciWords: readonly RaciWords[];
  /** role id (or role level id) -> its framework, absent for the organisation's own roles */
  roleFrameworks: ReadonlyMap<string, string | undefined>;
  /** roles named anywhere in the RACI */
  rolesInRaci: ReadonlySet<string>;
  /** "skill:sfia:CHMG", "role:change-manager", "raci:change-management" -> what it is linked with, both ways */
  seeAlso: ReadonlyMap<string, readonly Subject[]>;
  /** canonical group name -> the groups of that name */
  groups: ReadonlyMap<string, readonly Group[]>;
}

/** Built at once: for start-up, the CLI and tests, where nothing is waiting to be answered. */
export function buildSearchIndex(kb: KnowledgeBase): SearchIndex {
  const steps = indexSteps(kb);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface InTurnsOptions {
  /** the longest the build runs before letting the event loop serve what is waiting (0: after every step) */
  turnMs?: number;
}

/** Long enough that pausing costs little, short enough that a waiting question is answered within Slack's ack. */
const TURN_MS = 10;

/**
 * Built a few milliseconds at a time: a running bot that is handed new knowledge (a combined SFIA, DDaT and
 * RACI corpus takes a quarter of a second to index) keeps answering from the old index meanwhile.
 */
export async function buildSearchIndexInTurns(
  kb: KnowledgeBase,
  options: InTurnsOptions = {},
): Promise<SearchIndex> {
  const turnMs = options.turnMs ?? TURN_MS;
  const steps = indexSteps(kb);
  let turnStarted = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - turnStarted >= turnMs) {
      await nextMacrotask();
      turnStarted = performance.now();
    }
  }
}

/** A macrotask, not a microtask: waiting I/O (a Slack request) is read before the build goes on. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The index's build, one entity per step: the caller decides when to let other work run. */
function* indexSteps(kb: KnowledgeBase): Generator<void, SearchIndex, void> {
  const names = new NameIndex();
  const passages = new PassageIndex();
  const roleLevels = new Map<string, RoleLevelEntry>();
  const skills = new Map<string, SkillShape>();
  const frameworkLevels = new Map<string, number[]>();
  const raciWords: RaciWords[] = [];
  const roleFrameworks = new Map<string, string | undefined>();
  const rolesInRaci = new Set<string>();
  const groups = new Map<string, Group[]>();
  const addGroup = (group: Group) => {
    const key = groupKey(group.name);
    const list = groups.get(key) ?? [];
    if (!list.some((g) => g.kind === group.kind && g.framework === group.framework)) list.push(group);
    groups.set(key, list);
  };
  const add: AddPassage = (text, subject, location, source) => {
    if (text?.trim())
      passages.add({ text, subject, location, ...(source ? { source } : {}) } satisfies PassageDoc);
  };

  for (const skill of kb.skills.values()) {
    indexSkill(kb, skill, names, add);
    skills.set(skill.id, { framework: skill.framework, levels: new Set(skill.levels.map((l) => l.level)) });
    if (skill.category) addGroup({ kind: "category", name: skill.category, framework: skill.framework });
    if (skill.subcategory)
      addGroup({ kind: "subcategory", name: skill.subcategory, framework: skill.framework });
    yield;
  }
  for (const level of kb.levels.values()) {
    indexLevel(kb, level, names, add);
    frameworkLevels.set(level.framework, [...(frameworkLevels.get(level.framework) ?? []), level.level]);
    yield;
  }
  for (const list of frameworkLevels.values()) list.sort((a, b) => a - b);
  for (const role of kb.roles.values()) {
    indexRole(kb, role, names, add);
    roleFrameworks.set(role.id, role.framework);
    for (const roleLevel of role.roleLevels ?? []) roleFrameworks.set(roleLevel.id, role.framework);
    if (role.family)
      addGroup({
        kind: "family",
        name: role.family,
        ...(role.framework ? { framework: role.framework } : {}),
      });
    for (const roleLevel of role.roleLevels ?? []) {
      roleLevels.set(roleLevel.id, { role, roleLevel });
      const subject: Subject = { kind: "role", id: roleLevel.id, name: roleLevel.name };
      names.add(roleLevel.name, subject, "name");
      add(roleLevel.description, subject, "Role level", roleSource(kb, role));
    }
    yield;
  }
  for (const row of kb.raci.values()) {
    indexRaciRow(kb, row, names, add);
    for (const id of [row.accountable, ...row.responsible, ...row.consulted, ...row.informed])
      rolesInRaci.add(id);
    const own = words(row.name).map(stem);
    const all = [row.name, ...(row.aliases ?? [])].flatMap((name) => words(name).map(stem));
    raciWords.push({
      subject: { kind: row.kind, id: row.id, name: row.name },
      words: new Set(all),
      size: own.length,
    });
    yield;
  }
  for (const source of kb.sources.values()) {
    const ref: SourceRef = { id: source.id, title: source.title, ...(source.url ? { url: source.url } : {}) };
    const addSourceText = (text: string | undefined, location: string, lastResort = false) => {
      if (text?.trim()) passages.add({ text, location, source: ref, ...(lastResort ? { lastResort } : {}) });
    };
    addSourceText(source.description, "About this source");
    addSourceText(
      source.keywords?.length ? `Keywords: ${source.keywords.join(", ")}` : undefined,
      "Keywords",
    );
    for (const note of source.notes ?? []) addSourceText(note, "Note", true);
    for (const link of source.links ?? []) addSourceText(`${link.title}: ${link.url}`, "Link");
    yield;
  }
  const seeAlso = linkSubjects(kb, roleLevels);
  yield;
  return {
    seeAlso,
    names,
    passages,
    roleLevels,
    skills,
    frameworkLevels,
    raciWords,
    groups,
    roleFrameworks,
    rolesInRaci,
  };
}

/** The key a subject's links are filed under: RACI rows of every kind share "raci". */
export function linkKey(subject: { kind: Subject["kind"]; id: string }): string {
  const kind =
    subject.kind === "process" || subject.kind === "practice" || subject.kind === "tool"
      ? "raci"
      : subject.kind;
  return `${kind}:${subject.id}`;
}

/** Every "see also" link, filed under both of its ends. */
function linkSubjects(
  kb: KnowledgeBase,
  roleLevels: ReadonlyMap<string, RoleLevelEntry>,
): Map<string, Subject[]> {
  const subjectOf = (link: { skill: string } | { role: string } | { raci: string }): Subject | undefined => {
    if ("skill" in link) {
      const skill = kb.skills.get(link.skill);
      return skill ? skillSubject(skill) : undefined;
    }
    if ("role" in link) {
      const role = kb.roles.get(link.role);
      const level = roleLevels.get(link.role);
      const framework = role?.framework ?? level?.role.framework;
      const name = role?.name ?? level?.roleLevel.name;
      return name ? { kind: "role", id: link.role, name, ...(framework ? { framework } : {}) } : undefined;
    }
    const row = kb.raci.get(link.raci);
    return row ? { kind: row.kind, id: row.id, name: row.name } : undefined;
  };
  const links = new Map<string, Subject[]>();
  const join = (a: Subject, b: Subject) => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = links.get(linkKey(from)) ?? [];
      if (!list.some((s) => s.kind === to.kind && s.id === to.id)) list.push(to);
      links.set(linkKey(from), list);
    }
  };
  for (const role of kb.roles.values()) {
    const self: Subject = {
      kind: "role",
      id: role.id,
      name: role.name,
      ...(role.framework ? { framework: role.framework } : {}),
    };
    for (const link of role.seeAlso ?? []) {
      const other = subjectOf(link);
      if (other) join(self, other);
    }
  }
  for (const row of kb.raci.values()) {
    for (const link of row.seeAlso ?? []) {
      const other = subjectOf(link);
      if (other) join({ kind: row.kind, id: row.id, name: row.name }, other);
    }
  }
  return links;
}

/** A group's name as looked up: content words only, so "delivery operation" finds "Delivery and operation". */
export function groupKey(name: string): string {
  return words(name)
    .filter((w) => !STOPWORDS.has(w))
    .join(" ");
}

type AddPassage = (text: string | undefined, subject: Subject, location: string, source?: SourceRef) => void;

function indexSkill(kb: KnowledgeBase, skill: Skill, names: NameIndex, add: AddPassage): void {
  const subject = skillSubject(skill);
  // The name first: where a code is a slug of the name (DDaT), the shared key must count as a name.
  names.add(skill.name, subject, "name");
  names.add(skill.code, subject, "code");
  // "Programming/software development" is asked about as "programming" or as "software development".
  for (const part of slashParts(skill.name)) names.add(part, subject, "alias");
  for (const name of skill.formerNames ?? []) names.add(name, subject, "former_name");
  for (const name of skill.aliases ?? []) names.add(name, subject, "alias");
  for (const change of skill.changes ?? [])
    if (change.renamedTo) names.add(change.renamedTo, subject, "later_name");
  for (const revision of skill.revisions ?? [])
    if (revision.name) names.add(revision.name, subject, "former_name");

  const source = skillSource(kb, skill);
  add(skill.description, subject, "Description", source);
  add(skill.guidanceNotes, subject, "Guidance notes", source);
  add(skill.undefinedLevelsNote, subject, "Levels", source);
  for (const level of skill.levels) {
    add(
      level.description,
      skillSubject(skill, level.level),
      `Level ${level.level}`,
      skillSource(kb, skill, level.level),
    );
  }
  for (const change of skill.changes ?? []) {
    for (const note of change.notes) add(note, subject, change.title ?? `Version ${change.version}`, source);
  }
  for (const revision of skill.revisions ?? []) {
    for (const level of revision.levels) {
      add(level.description, skillSubject(skill, level.level), `Level ${level.level} (${revision.label})`, {
        ...skillSource(kb, skill, level.level),
        ...(revision.version ? { version: revision.version } : {}),
      });
    }
  }
}

const ACRONYM_SKIPS = new Set(["and", "of", "the", "for", "in"]);

/** "Service desk manager" is asked about as SDM, "Chief information security officer" as CISO. */
export function acronym(name: string): string | undefined {
  const initials = words(name)
    .filter((w) => !ACRONYM_SKIPS.has(w))
    .map((w) => (w === "it" ? "IT" : (w[0] ?? "").toUpperCase()))
    .join("");
  return initials.length >= 3 && initials.length <= 6 ? initials : undefined;
}

function slashParts(name: string): string[] {
  const parts = name.split("/").map((p) => p.trim());
  return parts.length > 1 && parts.every((p) => p.length >= 4) ? parts : [];
}

function indexLevel(kb: KnowledgeBase, level: GenericLevel, names: NameIndex, add: AddPassage): void {
  const subject: Subject = {
    kind: "level",
    id: level.id,
    name: level.name,
    level: level.level,
    framework: level.framework,
  };
  names.add(level.name, subject, "level_name");
  for (const alias of level.aliases ?? []) names.add(alias, subject, "level_name");
  const source = levelSource(kb, level);
  add(level.description, subject, `Level ${level.level}`, source);
  for (const attribute of level.attributes ?? []) add(attribute.text, subject, attribute.name, source);
}

function indexRole(kb: KnowledgeBase, role: Role, names: NameIndex, add: AddPassage): void {
  const subject: Subject = {
    kind: "role",
    id: role.id,
    name: role.name,
    ...(role.framework ? { framework: role.framework } : {}),
  };
  names.add(role.name, subject, "name");
  for (const alias of role.aliases ?? []) names.add(alias, subject, "alias");
  const initials = acronym(role.name);
  if (initials) names.add(initials, subject, "acronym");
  const source = roleSource(kb, role);
  const each = (texts: readonly string[] | undefined, location: string) => {
    for (const text of texts ?? []) add(text, subject, location, source);
  };
  const titled = (items: ReadonlyArray<{ title: string; text: string }> | undefined, location: string) => {
    for (const item of items ?? []) add(`${item.title}: ${item.text}`, subject, location, source);
  };
  add(role.summary, subject, "Summary", source);
  each(role.overview, "Overview");
  each(role.responsibilities, "Responsibilities");
  titled(role.areas, "Areas of responsibility");
  titled(role.background, "Background");
  titled(role.workActivities, "Work activities");
  for (const item of role.knowledge ?? []) {
    const depth = item.depth ? ` (${item.depth})` : "";
    add(`${item.name}${depth}: ${item.description}`, subject, "Knowledge and skills", source);
  }
  each(role.professionalSkills, "Professional skills");
  each(role.personalQualities, "Personal qualities");
  titled(role.training, "Training");
  titled(role.developmentActivities, "Professional development");
  for (const q of role.qualifications ?? [])
    add(`${q.title} (${q.awardingBody})`, subject, "Qualifications", source);
  for (const related of role.relatedRoles ?? []) add(related.relation, subject, "Related roles", source);
  titled(role.notes, "Notes");
}

function indexRaciRow(kb: KnowledgeBase, row: RaciRow, names: NameIndex, add: AddPassage): void {
  const subject: Subject = { kind: row.kind, id: row.id, name: row.name };
  names.add(row.name, subject, "name");
  for (const alias of row.aliases ?? []) names.add(alias, subject, "alias");
  add(row.description, subject, "Description", raciSource(kb, row));
}
