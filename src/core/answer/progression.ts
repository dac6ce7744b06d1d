// Career steps: what changes from one role level to the next, the path to a role level, and which role
// levels need a skill. Built from the skills each DDaT role level lists, with their levels.
import type { KnowledgeBase, Role } from "../knowledge/model.ts";
import { frameworkOfSkill, levelId } from "../knowledge/model.ts";
import type { RoleLevelInput } from "../knowledge/schema.ts";
import { roleSource } from "../subjects.ts";
import { followUp, listWords, makeAnswer, skillLabel } from "./build.ts";
import type { Answer, Progression, Section, SkillChange, Subject, Table } from "./types.ts";

/** A role level and the role whose ladder it is on. */
export interface LadderStep {
  role: Role;
  roleLevel: RoleLevelInput;
}

type RoleSkill = NonNullable<RoleLevelInput["skills"]>[number];

/** The role's ladder, most junior first. */
export function ladderOf(role: Role): RoleLevelInput[] {
  return [...(role.roleLevels ?? [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
}

/** The rung next to this one, up or down; undefined at the end of the ladder. */
export function stepFrom(step: LadderStep, direction: "next" | "previous"): LadderStep | undefined {
  const ladder = ladderOf(step.role);
  const at = ladder.findIndex((l) => l.id === step.roleLevel.id);
  const other = ladder[direction === "next" ? at + 1 : at - 1];
  return at >= 0 && other ? { role: step.role, roleLevel: other } : undefined;
}

/** The name of the level a role asks of a skill: its own where it gives one, else the framework's. */
export function levelName(kb: KnowledgeBase, ref: RoleSkill): string | undefined {
  return ref.levelName ?? kb.levels.get(levelId(frameworkOfSkill(ref.skill), ref.level))?.name;
}

function levelLabel(kb: KnowledgeBase, ref: RoleSkill): string {
  const name = levelName(kb, ref);
  return `${ref.level}${name ? ` (${name})` : ""}`;
}

/** Skill by skill, how the higher role level differs from the lower. */
export function skillChanges(kb: KnowledgeBase, low: LadderStep, high: LadderStep): SkillChange[] {
  const lowSkills = new Map((low.roleLevel.skills ?? []).map((s) => [s.skill, s]));
  const highSkills = new Map((high.roleLevel.skills ?? []).map((s) => [s.skill, s]));
  const name = (id: string) => {
    const skill = kb.skills.get(id);
    return skill ? skillLabel(skill) : id;
  };
  const changes: SkillChange[] = [];
  for (const [id, ref] of highSkills) {
    const before = lowSkills.get(id);
    const toText =
      ref.description ?? kb.skills.get(id)?.levels.find((l) => l.level === ref.level)?.description;
    const base = { skill: name(id), skillId: id, toLevel: ref.level, ...(toText ? { toText } : {}) };
    if (!before) changes.push({ ...base, change: "new" });
    else
      changes.push({
        ...base,
        fromLevel: before.level,
        change: before.level < ref.level ? "rises" : before.level > ref.level ? "lower" : "same",
      });
  }
  for (const [id, ref] of lowSkills) {
    if (!highSkills.has(id))
      changes.push({ skill: name(id), skillId: id, fromLevel: ref.level, change: "drops" });
  }
  const order: SkillChange["change"][] = ["rises", "new", "lower", "drops", "same"];
  return changes.sort(
    (a, b) => order.indexOf(a.change) - order.indexOf(b.change) || a.skill.localeCompare(b.skill),
  );
}

/** "At this role level, you will: - plan … - lead …": the duties as a list. */
function duties(roleLevel: RoleLevelInput): string[] {
  return roleLevel.description
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("- "))
    .map((line) => line.slice(2).trim());
}

const CHANGE_WORDS: Record<SkillChange["change"], string> = {
  rises: "rises",
  new: "new",
  lower: "lower",
  drops: "drops away",
  same: "same",
};

/** The comparison as a table: one row per skill, lower level first. */
function changeTable(kb: KnowledgeBase, low: LadderStep, high: LadderStep, changes: SkillChange[]): Table {
  const lowRefs = new Map((low.roleLevel.skills ?? []).map((s) => [s.skill, s]));
  const highRefs = new Map((high.roleLevel.skills ?? []).map((s) => [s.skill, s]));
  const cell = (ref: RoleSkill | undefined) => (ref ? levelLabel(kb, ref) : "—");
  return {
    columns: ["Skill", low.roleLevel.name, high.roleLevel.name, "Change"],
    rows: changes.map((c) => [
      c.skill,
      cell(lowRefs.get(c.skillId)),
      cell(highRefs.get(c.skillId)),
      CHANGE_WORDS[c.change],
    ]),
  };
}

function stepSubject(step: LadderStep): Subject {
  return {
    kind: "role",
    id: step.roleLevel.id,
    name: step.roleLevel.name,
    ...(step.role.framework ? { framework: step.role.framework } : {}),
  };
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** "From the Senior developer to the Lead developer: 2 skills rise, 1 is new." */
function changeSummary(low: LadderStep, high: LadderStep, changes: readonly SkillChange[]): string {
  const n = (kind: SkillChange["change"]) => changes.filter((c) => c.change === kind).length;
  const parts = [
    n("rises") ? `${count(n("rises"), "skill")} rise${n("rises") === 1 ? "s" : ""}` : "",
    n("new") ? `${count(n("new"), "skill")} ${n("new") === 1 ? "is" : "are"} new` : "",
    n("lower") ? `${count(n("lower"), "skill")} ${n("lower") === 1 ? "is" : "are"} lower` : "",
    n("drops") ? `${count(n("drops"), "skill")} drop${n("drops") === 1 ? "s" : ""} away` : "",
  ].filter(Boolean);
  return parts.length === 0
    ? `The ${low.roleLevel.name} and the ${high.roleLevel.name} list the same skills at the same levels.`
    : `From the ${low.roleLevel.name} to the ${high.roleLevel.name}: ${listWords(parts)}.`;
}

function changeSections(
  kb: KnowledgeBase,
  low: LadderStep,
  high: LadderStep,
  changes: SkillChange[],
): Section[] {
  const lowRefs = new Map((low.roleLevel.skills ?? []).map((s) => [s.skill, s]));
  const highRefs = new Map((high.roleLevel.skills ?? []).map((s) => [s.skill, s]));
  const of = (kind: SkillChange["change"]) => changes.filter((c) => c.change === kind);
  const sections: Section[] = [];
  const push = (title: string, items: string[]) => {
    if (items.length > 0) sections.push({ title, items });
  };
  const arrow = (c: SkillChange) => {
    const before = lowRefs.get(c.skillId);
    const after = highRefs.get(c.skillId);
    return `${before ? levelLabel(kb, before) : "—"} → ${after ? levelLabel(kb, after) : "—"}`;
  };
  push(
    `Skills that rise for the ${high.roleLevel.name}`,
    of("rises").map((c) => `${c.skill}: ${arrow(c)}${c.toText ? `. ${c.toText}` : ""}`),
  );
  push(
    `New for the ${high.roleLevel.name}`,
    of("new").map((c) => {
      const after = highRefs.get(c.skillId);
      return `${c.skill}: level ${after ? levelLabel(kb, after) : c.toLevel}${c.toText ? `. ${c.toText}` : ""}`;
    }),
  );
  push(
    `Lower for the ${high.roleLevel.name}`,
    of("lower").map((c) => `${c.skill}: ${arrow(c)}`),
  );
  push(
    `Listed for the ${low.roleLevel.name} only`,
    of("drops").map((c) => c.skill),
  );
  push(
    "At the same level for both",
    of("same").map((c) => c.skill),
  );
  return sections;
}

function progressionData(kb: KnowledgeBase, low: LadderStep, high: LadderStep): Progression {
  const before = new Set(duties(low.roleLevel));
  return {
    from: { id: low.roleLevel.id, name: low.roleLevel.name },
    to: { id: high.roleLevel.id, name: high.roleLevel.name },
    changes: skillChanges(kb, low, high),
    newResponsibilities: duties(high.roleLevel).filter((d) => !before.has(d)),
  };
}

/**
 * "Compare Senior developer and Lead developer": the skills each role level lists, lower rank first:
 * which rise and by how much, which are new and which drop away.
 */
export function compareRoleLevelsAnswer(kb: KnowledgeBase, a: LadderStep, b: LadderStep): Answer {
  const [low, high] =
    a.role.id === b.role.id && (a.roleLevel.rank ?? 0) > (b.roleLevel.rank ?? 0) ? [b, a] : [a, b];
  const progression = progressionData(kb, low, high);
  const sections = changeSections(kb, low, high, progression.changes);
  sections.push(
    { title: low.roleLevel.name, text: low.roleLevel.description },
    { title: high.roleLevel.name, text: high.roleLevel.description },
  );
  return makeAnswer("compare", `${low.roleLevel.name} and ${high.roleLevel.name}: how they differ`, {
    summary: changeSummary(low, high, progression.changes),
    sections,
    progression,
    table: changeTable(kb, low, high, progression.changes),
    subjects: [stepSubject(low), stepSubject(high)],
    sources: [roleSource(kb, low.role), roleSource(kb, high.role)],
    followUps: [low, high].map((s) => followUp("related", s.roleLevel.name, s.roleLevel.name)),
  });
}

/**
 * "How do I get from IT service manager to senior IT service manager", "what's above senior IT service
 * manager", "what do I need for head of IT service management": the step to the higher role level.
 */
export function progressionAnswer(kb: KnowledgeBase, low: LadderStep | undefined, high: LadderStep): Answer {
  const ladder = ladderOf(high.role);
  const ladderFact = { label: "Ladder", value: ladder.map((l) => l.name).join(" → ") };
  if (!low) {
    return makeAnswer("progression", `${high.roleLevel.name}: the first level on the ladder`, {
      summary: `The ${high.roleLevel.name} is the first level of the ${high.role.name} ladder, so there is no level below to step up from. It asks for: ${listWords(
        (high.roleLevel.skills ?? []).map(
          (s) => `${kb.skills.get(s.skill)?.name ?? s.skill} at level ${levelLabel(kb, s)}`,
        ),
      )}.`,
      facts: [ladderFact],
      progression: {
        to: { id: high.roleLevel.id, name: high.roleLevel.name },
        changes: [],
        newResponsibilities: duties(high.roleLevel),
      },
      subjects: [stepSubject(high)],
      sources: [roleSource(kb, high.role)],
      followUps: nextUps(high),
    });
  }
  const progression = progressionData(kb, low, high);
  const sections = changeSections(kb, low, high, progression.changes);
  if (progression.newResponsibilities.length > 0) {
    sections.push({
      title: `New responsibilities as the ${high.roleLevel.name}`,
      items: progression.newResponsibilities,
    });
  }
  return makeAnswer("progression", `From ${low.roleLevel.name} to ${high.roleLevel.name}`, {
    summary: changeSummary(low, high, progression.changes),
    sections,
    facts: [ladderFact],
    progression,
    table: changeTable(kb, low, high, progression.changes),
    subjects: [stepSubject(high), stepSubject(low)],
    sources: [roleSource(kb, high.role)],
    followUps: [...nextUps(high), followUp("related", `${high.roleLevel.name} profile`, high.roleLevel.name)],
  });
}

function nextUps(step: LadderStep) {
  const next = stepFrom(step, "next");
  return next
    ? [
        followUp(
          "next_level",
          `What's above: ${next.roleLevel.name}`,
          `how do I get from ${step.roleLevel.name} to ${next.roleLevel.name}`,
        ),
      ]
    : [];
}

/** "What's above Head of IT service management": the top of the ladder says so. */
export function topOfLadderAnswer(kb: KnowledgeBase, step: LadderStep): Answer {
  const ladder = ladderOf(step.role);
  return makeAnswer("progression", `${step.roleLevel.name} is the top of the ladder`, {
    summary: `The ${step.roleLevel.name} is the highest level of the ${step.role.name} ladder: ${ladder.map((l) => l.name).join(" → ")}.`,
    progression: {
      from: { id: step.roleLevel.id, name: step.roleLevel.name },
      to: { id: step.roleLevel.id, name: step.roleLevel.name },
      changes: [],
      newResponsibilities: [],
    },
    subjects: [stepSubject(step)],
    sources: [roleSource(kb, step.role)],
  });
}

/** "Which roles need ITMG at level 6", "who uses Service focus at Expert". */
export function skillRolesAnswer(kb: KnowledgeBase, skillId: string, level?: number): Answer {
  const skill = kb.skills.get(skillId);
  const name = skill ? skillLabel(skill) : skillId;
  const uses: Array<{ subject: Subject; level: number; label: string }> = [];
  for (const role of kb.roles.values()) {
    for (const ref of role.skills ?? []) {
      if (ref.skill === skillId)
        uses.push({
          subject: { kind: "role", id: role.id, name: role.name },
          level: ref.level,
          label: role.name,
        });
    }
    for (const roleLevel of ladderOf(role)) {
      for (const ref of roleLevel.skills ?? []) {
        if (ref.skill === skillId)
          uses.push({
            subject: {
              kind: "role",
              id: roleLevel.id,
              name: roleLevel.name,
              ...(role.framework ? { framework: role.framework } : {}),
            },
            level: ref.level,
            label: roleLevel.name,
          });
      }
    }
  }
  const atLevel = level === undefined ? uses : uses.filter((u) => u.level === level);
  const levelText = (n: number) => {
    const generic = skill ? kb.levels.get(levelId(skill.framework, n))?.name : undefined;
    return `level ${n}${generic ? ` (${generic})` : ""}`;
  };
  const where = level === undefined ? "" : ` at ${levelText(level)}`;
  if (atLevel.length === 0) {
    const others = [...new Set(uses.map((u) => u.level))].sort((a, b) => a - b);
    return makeAnswer("search", `No role level needs ${name}${where}`, {
      summary: uses.length
        ? `No role level in the knowledge needs ${name}${where}; ${count(uses.length, "role level")} need${uses.length === 1 ? "s" : ""} it at ${listWords(others.map(levelText))}.`
        : `No role in the knowledge lists ${name} among its skills.`,
      subjects: skill ? [{ kind: "skill", id: skill.id, name: skill.name, framework: skill.framework }] : [],
      followUps: others.map((n) =>
        followUp(
          "related",
          `At level ${n}`,
          `which roles need ${skill ? skill.name : skillId} at level ${n}`,
        ),
      ),
    });
  }
  const byLevel = new Map<number, string[]>();
  for (const use of atLevel) byLevel.set(use.level, [...(byLevel.get(use.level) ?? []), use.label]);
  const sections: Section[] = [...byLevel]
    .sort((a, b) => b[0] - a[0])
    .map(([n, labels]) => ({ title: `At ${levelText(n)}`, items: [...new Set(labels)].sort() }));
  return makeAnswer("search", `Role levels that need ${name}${where} (${atLevel.length})`, {
    summary: `${count(atLevel.length, "role level")} in the knowledge need${atLevel.length === 1 ? "s" : ""} ${name}${where}.`,
    sections,
    subjects: atLevel.map((u) => u.subject),
    followUps: atLevel.slice(0, 3).map((u) => followUp("related", u.label, u.label)),
  });
}
