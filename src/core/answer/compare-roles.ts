// "What is the difference between the IT manager and the IT service manager": how two roles relate,
// and what each is accountable and responsible for that the other is not.
import type { KnowledgeBase, RaciLetter, Role } from "../knowledge/model.ts";
import { roleSource } from "../subjects.ts";
import { followUp, listWords, makeAnswer } from "./build.ts";
import type { Answer, Section } from "./types.ts";

function rowsHeld(kb: KnowledgeBase, role: Role, letter: RaciLetter): Set<string> {
  const held = new Set<string>();
  for (const row of kb.raci.values()) {
    const ids = letter === "accountable" ? [row.accountable] : row[letter];
    if (ids.includes(role.id)) held.add(row.name);
  }
  return held;
}

function onlyIn(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((name) => !b.has(name)).sort();
}

function skillLevels(kb: KnowledgeBase, role: Role): Map<string, number> {
  return new Map((role.skills ?? []).map((s) => [kb.skills.get(s.skill)?.name ?? s.skill, s.level]));
}

export function compareRolesAnswer(kb: KnowledgeBase, first: Role, second: Role): Answer {
  const sections: Section[] = [];
  const relations = [
    ...(first.relatedRoles ?? [])
      .filter((r) => r.role === second.id)
      .map((r) => `${first.name}: ${r.relation}`),
    ...(second.relatedRoles ?? [])
      .filter((r) => r.role === first.id)
      .map((r) => `${second.name}: ${r.relation}`),
  ];
  if (relations.length) sections.push({ title: "How they relate", items: relations });
  for (const letter of ["accountable", "responsible"] as const) {
    const a = rowsHeld(kb, first, letter);
    const b = rowsHeld(kb, second, letter);
    const onlyFirst = onlyIn(a, b);
    const onlySecond = onlyIn(b, a);
    if (onlyFirst.length)
      sections.push({
        title: `${letter === "accountable" ? "Accountable" : "Responsible"} only as the ${first.name}`,
        items: onlyFirst,
      });
    if (onlySecond.length)
      sections.push({
        title: `${letter === "accountable" ? "Accountable" : "Responsible"} only as the ${second.name}`,
        items: onlySecond,
      });
  }
  const firstSkills = skillLevels(kb, first);
  const secondSkills = skillLevels(kb, second);
  const skillLines = [
    ...[...firstSkills].map(([name, level]) => {
      const other = secondSkills.get(name);
      return other === undefined
        ? `${name}: level ${level} for the ${first.name} only`
        : other === level
          ? undefined
          : `${name}: level ${level} for the ${first.name}, ${other} for the ${second.name}`;
    }),
    ...[...secondSkills]
      .filter(([name]) => !firstSkills.has(name))
      .map(([name, level]) => `${name}: level ${level} for the ${second.name} only`),
  ].filter((line): line is string => line !== undefined);
  if (skillLines.length) sections.push({ title: "Skills that differ", items: skillLines });
  sections.push({ title: first.name, text: first.summary }, { title: second.name, text: second.summary });
  const firstAccountable = rowsHeld(kb, first, "accountable");
  const secondAccountable = rowsHeld(kb, second, "accountable");
  const shared = [...firstAccountable].filter((name) => secondAccountable.has(name));
  const count = (n: number) =>
    `${n} ${n === 1 ? "process, practice or tool" : "processes, practices or tools"}`;
  const differingSkills = skillLines.length
    ? ` Their skills differ in ${skillLines.length} place${skillLines.length === 1 ? "" : "s"}.`
    : "";
  const raciLine =
    firstAccountable.size === 0 && secondAccountable.size === 0
      ? "Neither role is accountable for anything in the RACI."
      : secondAccountable.size === 0 || firstAccountable.size === 0
        ? `In the RACI the ${firstAccountable.size ? first.name : second.name} is accountable for ${count(Math.max(firstAccountable.size, secondAccountable.size))}; the ${firstAccountable.size ? second.name : first.name} for none.`
        : `In the RACI the ${first.name} is accountable for ${count(firstAccountable.size)} and the ${second.name} for ${secondAccountable.size}` +
          (shared.length ? `; both for ${listWords(shared)}.` : ", with none in common.");
  const summary = `${raciLine}${differingSkills}`;
  return makeAnswer("compare", `${first.name} and ${second.name}: how they differ`, {
    summary,
    sections,
    subjects: [first, second].map((r) => ({
      kind: "role",
      id: r.id,
      name: r.name,
      ...(r.framework ? { framework: r.framework } : {}),
    })),
    sources: [roleSource(kb, first), roleSource(kb, second)],
    followUps: [first, second].flatMap((r) => [
      followUp("related", `${r.name} profile`, r.name),
      followUp("role_raci", `${r.name} RACI`, `what is the ${r.name} accountable for`),
    ]),
  });
}
