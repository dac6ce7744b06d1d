// "list all processes", "DDaT levels", "SFIA skills": what the knowledge base holds of one kind.
import type { KnowledgeBase, RaciRow } from "../knowledge/model.ts";
import type { ListKind } from "../query/types.ts";
import { capitalise, followUp, listWords, makeAnswer, skillHandle } from "./build.ts";
import { frameworkLevels } from "./level.ts";
import type { Answer, Section, Subject } from "./types.ts";

const PLURAL: Record<ListKind, string> = {
  process: "processes",
  practice: "practices",
  tool: "tools",
  role: "roles",
  skill: "skills",
  level: "levels",
};

/** Narrows a list to one role family, skill category or subcategory, or the skills defined at a level. */
export interface ListFilter {
  group?: { kind: "family" | "category" | "subcategory"; name: string };
  level?: number;
}

export function listAnswer(
  kb: KnowledgeBase,
  kind: ListKind,
  framework?: string,
  filter: ListFilter = {},
): Answer {
  const frameworkName = framework
    ? (kb.frameworks.get(framework)?.name ?? framework.toUpperCase())
    : undefined;
  const { sections, subjects } = listContent(kb, kind, framework, filter);
  const narrowed = filter.group
    ? ` in the ${filter.group.name} ${filter.group.kind === "family" ? "role family" : filter.group.kind}`
    : filter.level !== undefined
      ? ` defined at level ${filter.level}`
      : "";
  const scope = `${frameworkName ? `${frameworkName} ${PLURAL[kind]}` : capitalise(PLURAL[kind])}${narrowed}`;
  const where = kind === "process" || kind === "practice" || kind === "tool" ? " in the RACI" : "";
  if (subjects.length === 0) {
    return makeAnswer("search", `${scope}${where}`, {
      summary: `The knowledge base has no ${frameworkName ? `${frameworkName} ` : ""}${PLURAL[kind]}${narrowed}.`,
    });
  }
  return makeAnswer("search", `${scope}${where} (${subjects.length})`, {
    summary: `The knowledge base has ${subjects.length} ${frameworkName ? `${frameworkName} ` : ""}${subjects.length === 1 ? kind : PLURAL[kind]}${where}${narrowed}.`,
    sections,
    subjects,
    followUps: subjects.slice(0, 3).map((s) => followUp("related", s.name, questionFor(kb, s))),
  });
}

function questionFor(kb: KnowledgeBase, subject: Subject): string {
  if (subject.kind === "skill") {
    const skill = kb.skills.get(subject.id);
    return skill ? skillHandle(skill) : subject.name;
  }
  if (subject.kind === "level") return `what does ${subject.name} mean`;
  if (subject.kind === "role") return subject.name;
  return `raci ${subject.name}`;
}

function listContent(
  kb: KnowledgeBase,
  kind: ListKind,
  framework: string | undefined,
  filter: ListFilter,
): { sections: Section[]; subjects: Subject[] } {
  const group = filter.group;
  switch (kind) {
    case "process":
    case "practice":
    case "tool": {
      const rows = [...kb.raci.values()].filter((r) => r.kind === kind).sort(byName);
      return {
        sections: [
          {
            title: `${capitalise(PLURAL[kind])} and who is accountable`,
            items: rows.map((r) => rowItem(kb, r)),
          },
        ],
        subjects: rows.map((r) => ({ kind: r.kind, id: r.id, name: r.name })),
      };
    }
    case "role": {
      const roles = [...kb.roles.values()]
        .filter((r) => !framework || r.framework === framework)
        .filter((r) => group?.kind !== "family" || r.family === group.name)
        .sort(byName);
      return {
        sections: [
          {
            title: "Roles",
            items: roles.map(
              (r) =>
                `${r.name}${r.roleLevels?.length ? ` (${r.roleLevels.length} role levels)` : ""}: ${firstSentence(r.summary)}`,
            ),
          },
        ],
        subjects: roles.map((r) => ({
          kind: "role",
          id: r.id,
          name: r.name,
          ...(r.framework ? { framework: r.framework } : {}),
        })),
      };
    }
    case "skill": {
      const skills = [...kb.skills.values()]
        .filter((s) => !framework || s.framework === framework)
        .filter((s) => group?.kind !== "category" || s.category === group.name)
        .filter((s) => group?.kind !== "subcategory" || s.subcategory === group.name)
        .filter((s) => filter.level === undefined || s.levels.some((l) => l.level === filter.level))
        .sort(byName);
      const byCategory = new Map<string, typeof skills>();
      for (const skill of skills) {
        const category =
          (group?.kind === "category" ? skill.subcategory : skill.category) ??
          kb.frameworks.get(skill.framework)?.name ??
          skill.framework;
        byCategory.set(category, [...(byCategory.get(category) ?? []), skill]);
      }
      return {
        sections: [...byCategory].map(([category, members]) => ({
          title: category,
          items: members.map((s) => {
            const levels = s.levels.map((l) => l.level).sort((a, b) => a - b);
            return `${s.name}${s.code === skillHandle(s) ? ` (${s.code})` : ""}: level${levels.length === 1 ? "" : "s"} ${listWords(levels)}`;
          }),
        })),
        subjects: skills.map((s) => ({ kind: "skill", id: s.id, name: s.name, framework: s.framework })),
      };
    }
    case "level": {
      const frameworks = framework ? [framework] : [...kb.frameworks.keys()];
      const sections: Section[] = [];
      const subjects: Subject[] = [];
      for (const fw of frameworks) {
        const levels = frameworkLevels(kb, fw).flatMap((n) => kb.levels.get(`${fw}:${n}`) ?? []);
        if (levels.length === 0) continue;
        const info = kb.frameworks.get(fw);
        sections.push({
          title: `${info?.name ?? fw} ${info?.levelTerm ? `${info.levelTerm}s` : "levels"}`,
          items: levels.map((l) => `${l.level} ${l.name}: ${l.description}`),
        });
        subjects.push(
          ...levels.map((l) => ({
            kind: "level" as const,
            id: l.id,
            name: l.name,
            level: l.level,
            framework: fw,
          })),
        );
      }
      return { sections, subjects };
    }
  }
}

function rowItem(kb: KnowledgeBase, row: RaciRow): string {
  const maturity = row.maturity ? ` (maturity ${row.maturity.level}: ${row.maturity.name})` : "";
  return `${row.name}${maturity}: accountable ${kb.roles.get(row.accountable)?.name ?? row.accountable}`;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](\s|$)/.exec(text);
  return (match?.[0] ?? text).trim();
}
