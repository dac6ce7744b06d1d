// The documents the baseline engines index: the units of text Rolecall answers from, one per skill
// (its description and guidance), skill level, generic level, role (its whole profile), role level and
// RACI row. Each names the entity it is about, so a hit can be scored against the expected entity.
import type { KnowledgeBase } from "../src/core/knowledge/model.ts";

export interface BenchDocument {
  /** position in the document list, unique */
  id: number;
  /** the entity a hit on this document points at: a skill, generic level, role, role level or RACI row id */
  entity: string;
  code: string;
  name: string;
  level?: number;
  text: string;
}

export function toDocuments(kb: KnowledgeBase): BenchDocument[] {
  const docs: BenchDocument[] = [];
  const add = (doc: Omit<BenchDocument, "id">) => docs.push({ id: docs.length, ...doc });
  for (const skill of kb.skills.values()) {
    const about = { entity: skill.id, code: skill.code, name: skill.name };
    add({ ...about, text: joined([skill.description, skill.guidanceNotes]) });
    for (const level of skill.levels) add({ ...about, level: level.level, text: level.description });
  }
  for (const level of kb.levels.values()) {
    add({
      entity: level.id,
      code: level.framework,
      name: level.name,
      level: level.level,
      text: joined([level.description, ...(level.attributes ?? []).map((a) => `${a.name}: ${a.text}`)]),
    });
  }
  for (const role of kb.roles.values()) {
    const titled = (items: ReadonlyArray<{ title: string; text: string }> | undefined) =>
      (items ?? []).map((i) => `${i.title}: ${i.text}`);
    add({
      entity: role.id,
      code: "",
      name: role.name,
      text: joined([
        role.summary,
        ...(role.overview ?? []),
        ...(role.responsibilities ?? []),
        ...titled(role.areas),
        ...titled(role.background),
        ...titled(role.workActivities),
        ...(role.knowledge ?? []).map((k) => `${k.name}: ${k.description}`),
        ...(role.professionalSkills ?? []),
        ...(role.personalQualities ?? []),
        ...titled(role.training),
        ...titled(role.developmentActivities),
        ...(role.qualifications ?? []).map((q) => `${q.title} (${q.awardingBody})`),
        ...titled(role.notes),
      ]),
    });
    for (const roleLevel of role.roleLevels ?? []) {
      add({ entity: roleLevel.id, code: "", name: roleLevel.name, text: roleLevel.description });
    }
  }
  for (const row of kb.raci.values())
    add({ entity: row.id, code: "", name: row.name, text: row.description });
  return docs;
}

function joined(parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((p): p is string => Boolean(p?.trim())).join("\n");
}
