// What answers are about: the subjects (skills, levels, roles, RACI rows), the sources they cite, and
// passages of their text. Answer, search and query all import these from here, so none imports another
// for them.
import type { GenericLevel, KnowledgeBase, RaciRow, Role, Skill } from "./knowledge/model.ts";

export type SubjectKind = "skill" | "level" | "role" | "process" | "practice" | "tool";

export interface Subject {
  kind: SubjectKind;
  id: string;
  name: string;
  level?: number;
  framework?: string;
}

export interface SourceRef {
  /** id of a knowledge source, when the answer comes from one */
  id?: string;
  title: string;
  framework?: string;
  version?: string;
  code?: string;
  level?: number;
  url?: string;
}

/** A passage of knowledge text with the words that matched the question marked as [start, end) ranges. */
export interface Passage {
  text: string;
  marks: Array<[number, number]>;
  subject?: Subject;
  source?: SourceRef;
  /** where in the subject the passage sits, e.g. "Level 5" or "Responsibilities" */
  location?: string;
}

export function skillSubject(skill: Skill, level?: number): Subject {
  return {
    kind: "skill",
    id: skill.id,
    name: skill.name,
    framework: skill.framework,
    ...(level === undefined ? {} : { level }),
  };
}

export function skillSource(kb: KnowledgeBase, skill: Skill, level?: number): SourceRef {
  const framework = kb.frameworks.get(skill.framework);
  const firstSource = skill.sources?.[0] ? kb.sources.get(skill.sources[0]) : undefined;
  return {
    title: firstSource?.title ?? framework?.fullName ?? framework?.name ?? skill.framework,
    framework: framework?.name ?? skill.framework,
    version: skill.version ?? framework?.version,
    code: skill.code,
    ...(level === undefined ? {} : { level }),
    ...(skill.url ? { url: skill.url } : firstSource?.url ? { url: firstSource.url } : {}),
  };
}

export function roleSource(kb: KnowledgeBase, role: Role): SourceRef {
  const framework = role.framework ? kb.frameworks.get(role.framework) : undefined;
  const firstSource = role.sources?.[0] ? kb.sources.get(role.sources[0]) : undefined;
  return {
    title: firstSource?.title ?? framework?.fullName ?? role.name,
    ...(framework ? { framework: framework.name, version: framework.version } : {}),
    ...(firstSource?.url ? { url: firstSource.url } : {}),
  };
}

export function raciSource(kb: KnowledgeBase, row: RaciRow): SourceRef {
  const firstSource = row.sources?.[0] ? kb.sources.get(row.sources[0]) : undefined;
  return { title: firstSource?.title ?? "RACI", ...(firstSource?.url ? { url: firstSource.url } : {}) };
}

export function levelSource(kb: KnowledgeBase, level: GenericLevel): SourceRef {
  const framework = kb.frameworks.get(level.framework);
  return {
    title: framework?.fullName ?? framework?.name ?? level.framework,
    framework: framework?.name ?? level.framework,
    ...(framework ? { version: framework.version } : {}),
    level: level.level,
  };
}
