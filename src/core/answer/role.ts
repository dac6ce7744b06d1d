// A role's profile (or one aspect of it), and a role level within a ladder.
import type { KnowledgeBase, Role } from "../knowledge/model.ts";
import type { RoleLevelInput } from "../knowledge/schema.ts";
import { ROLE_ASPECTS, type RoleAspect } from "../query/types.ts";
import { roleSource } from "../subjects.ts";
import { capitalise, followUp, listWords, makeAnswer, skillLabel } from "./build.ts";
import { holdersOf } from "./holders.ts";
import { ladderOf, levelName as roleSkillLevelName } from "./progression.ts";
import type { Answer, Fact, Section } from "./types.ts";

type RoleSkillRef = NonNullable<Role["skills"]>[number];

function skillItems(kb: KnowledgeBase, refs: readonly RoleSkillRef[]): string[] {
  return refs.map((ref) => {
    const skill = kb.skills.get(ref.skill);
    const levelName = roleSkillLevelName(kb, ref);
    const name = skill ? skillLabel(skill) : ref.skill;
    const detail = ref.description ?? skill?.levels.find((l) => l.level === ref.level)?.description;
    return `${name}: level ${ref.level}${levelName ? ` – ${levelName}` : ""}${detail ? `. ${detail}` : ""}`;
  });
}

function titled(items: ReadonlyArray<{ title: string; text: string }> | undefined): string[] {
  return (items ?? []).map((i) => `${i.title}: ${i.text}`);
}

function aspectSections(kb: KnowledgeBase, role: Role): Record<RoleAspect, Section[]> {
  const section = (title: string, items: string[] | undefined): Section[] =>
    items?.length ? [{ title, items }] : [];
  return {
    responsibilities: [
      ...section("At this role level you will", role.responsibilities),
      ...section("Areas of responsibility", titled(role.areas)),
    ],
    skills: [
      ...section("Skills", skillItems(kb, role.skills ?? [])),
      ...section("Professional skills", role.professionalSkills),
    ],
    knowledge: section(
      "Knowledge and skills",
      role.knowledge?.map((k) => `${k.name}${k.depth ? ` (${k.depth})` : ""} [${k.type}]: ${k.description}`),
    ),
    qualifications: section(
      "Qualifications",
      role.qualifications?.map((q) => `${q.title} (awarded by ${q.awardingBody})`),
    ),
    training: section("Training", titled(role.training)),
    development: section("Professional development activities", titled(role.developmentActivities)),
    background: section("Background", titled(role.background)),
    activities: section("Work activities", titled(role.workActivities)),
    qualities: section("Personal qualities", role.personalQualities),
  };
}

function roleFacts(kb: KnowledgeBase, role: Role): Fact[] {
  const facts: Fact[] = [];
  const framework = role.framework ? kb.frameworks.get(role.framework) : undefined;
  if (framework) facts.push({ label: "Framework", value: `${framework.name} ${framework.version}` });
  if (role.family) facts.push({ label: "Family", value: role.family });
  if (role.aliases?.length) facts.push({ label: "Also called", value: role.aliases.join(", ") });
  return facts;
}

/** A whole profile longer than this is answered in brief, with a button for each of its parts. */
const PROFILE_BRIEF_CHARS = 6000;
/** The parts a brief profile still shows in full. */
const BRIEF_ASPECTS: readonly RoleAspect[] = ["responsibilities"];

function sectionChars(sections: readonly Section[]): number {
  return sections.reduce(
    (sum, s) => sum + (s.text?.length ?? 0) + (s.items ?? []).reduce((n, item) => n + item.length, 0),
    0,
  );
}

export function roleAnswer(kb: KnowledgeBase, role: Role, aspect?: RoleAspect): Answer {
  const all = aspectSections(kb, role);
  const whole = ROLE_ASPECTS.flatMap((a) => all[a]);
  // A 20,000-character profile buries what was asked: the brief leads with the summary and duties, lists
  // the skills by name and level, and offers the rest part by part.
  const brief = !aspect && sectionChars(whole) > PROFILE_BRIEF_CHARS;
  const sections: Section[] = aspect
    ? all[aspect]
    : brief
      ? [...BRIEF_ASPECTS.flatMap((a) => all[a]), ...skillSummary(kb, role)]
      : whole;
  const partButtons = brief
    ? ROLE_ASPECTS.filter((a) => !BRIEF_ASPECTS.includes(a) && all[a].length > 0).map((a) =>
        followUp("related", `${capitalise(a)}`, `${role.name} ${a}`),
      )
    : [];
  if (!aspect) {
    if (role.overview?.length) sections.unshift({ title: "Overview", items: role.overview });
    if (role.roleLevels?.length) {
      sections.push({
        title: "Role levels",
        items: ladderOf(role).map((l) => `${l.name}: ${l.description}`),
      });
    }
    if (role.relatedRoles?.length) {
      sections.push({
        title: "Related roles",
        items: role.relatedRoles.map((r) => `${kb.roles.get(r.role)?.name ?? r.role}: ${r.relation}`),
      });
    }
    for (const note of role.notes ?? []) sections.push({ title: note.title, text: note.text });
  }
  const missing = aspect && sections.length === 0;
  const holders = holdersOf(kb, [role.id]);
  return makeAnswer("role", aspect ? `${role.name}: ${aspect}` : role.name, {
    ...(holders.length > 0 ? { holders } : {}),
    summary: missing
      ? `The knowledge base records no ${aspect} for the ${role.name}. ${role.summary}`
      : role.summary,
    sections,
    facts: roleFacts(kb, role),
    subjects: [
      {
        kind: "role",
        id: role.id,
        name: role.name,
        ...(role.framework ? { framework: role.framework } : {}),
      },
    ],
    sources: [roleSource(kb, role), ...extraSources(kb, role)],
    followUps: [
      followUp("role_raci", `${role.name} RACI`, `what is the ${role.name} accountable for`),
      followUp("role_skills", `${role.name} skills`, `${role.name} skills`),
      ...partButtons.filter((b) => b.question !== `${role.name} skills`),
      ...(role.relatedRoles ?? []).slice(0, 2).map((r) => {
        const name = kb.roles.get(r.role)?.name ?? r.role;
        return followUp("related", name, name);
      }),
    ],
  });
}

/** Skills by name and level only; the level texts are one button away. */
function skillSummary(kb: KnowledgeBase, role: Role): Section[] {
  const refs = role.skills ?? [];
  if (refs.length === 0) return [];
  const items = refs.map((ref) => {
    const skill = kb.skills.get(ref.skill);
    const levelName = roleSkillLevelName(kb, ref);
    return `${skill ? skillLabel(skill) : ref.skill}: level ${ref.level}${levelName ? ` – ${levelName}` : ""}`;
  });
  return [{ title: "Skills", items }];
}

function extraSources(kb: KnowledgeBase, role: Role) {
  return (role.sources ?? []).slice(1).flatMap((id) => {
    const source = kb.sources.get(id);
    return source ? [{ id, title: source.title, ...(source.url ? { url: source.url } : {}) }] : [];
  });
}

export function roleLevelAnswer(kb: KnowledgeBase, role: Role, roleLevel: RoleLevelInput): Answer {
  const ladder = ladderOf(role);
  const position = ladder.findIndex((l) => l.id === roleLevel.id);
  const sections: Section[] = [];
  if (roleLevel.skills?.length)
    sections.push({ title: "Skills at this role level", items: skillItems(kb, roleLevel.skills) });
  sections.push({ title: `About the ${role.name} role`, text: role.summary });
  const facts: Fact[] = [{ label: "Role", value: role.name }, ...roleFacts(kb, role)];
  if (roleLevel.roleType) facts.push({ label: "Role type", value: roleLevel.roleType });
  if (ladder.length > 1) facts.push({ label: "Ladder", value: listWords(ladder.map((l) => l.name)) });
  const previous = position > 0 ? ladder[position - 1] : undefined;
  const next = position >= 0 ? ladder[position + 1] : undefined;
  return makeAnswer("role", roleLevel.name, {
    summary: roleLevel.description,
    sections,
    facts,
    subjects: [
      {
        kind: "role",
        id: roleLevel.id,
        name: roleLevel.name,
        ...(role.framework ? { framework: role.framework } : {}),
      },
      {
        kind: "role",
        id: role.id,
        name: role.name,
        ...(role.framework ? { framework: role.framework } : {}),
      },
    ],
    sources: [roleSource(kb, role)],
    followUps: [
      ...(previous ? [followUp("previous_level", previous.name, previous.name)] : []),
      ...(next ? [followUp("next_level", next.name, next.name)] : []),
      followUp("related", role.name, role.name),
    ],
  });
}
