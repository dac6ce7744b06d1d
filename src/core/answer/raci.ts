// RACI answers: who is R/A/C/I for a process, practice or tool, and the reverse, what a role is R/A/C/I for.
import type { KnowledgeBase, RaciLetter, RaciRow, Role } from "../knowledge/model.ts";
import { RACI_LETTERS } from "../knowledge/model.ts";
import { raciSource, roleSource } from "../subjects.ts";
import { capitalise, followUp, listWords, makeAnswer } from "./build.ts";
import { holdersOf } from "./holders.ts";
import { MESSAGES } from "./messages.ts";
import type { Answer, RaciSummary, Section, Subject } from "./types.ts";

const KIND_LABEL = { process: "process", practice: "practice", tool: "tool" } as const;

function roleName(kb: KnowledgeBase, id: string): string {
  return kb.roles.get(id)?.name ?? id;
}

function rowRoles(row: RaciRow, letter: RaciLetter): string[] {
  return letter === "accountable" ? [row.accountable] : row[letter];
}

export function rowSubject(row: RaciRow): Subject {
  return { kind: row.kind, id: row.id, name: row.name };
}

function roleSubject(role: Role): Subject {
  return {
    kind: "role",
    id: role.id,
    name: role.name,
    ...(role.framework ? { framework: role.framework } : {}),
  };
}

export function raciAnswer(
  kb: KnowledgeBase,
  row: RaciRow,
  letter?: RaciLetter,
  askedRoleId?: string,
): Answer {
  const names = (l: RaciLetter) => rowRoles(row, l).map((id) => roleName(kb, id));
  const raci: RaciSummary = {
    responsible: names("responsible"),
    accountable: names("accountable"),
    consulted: names("consulted"),
    informed: names("informed"),
  };
  const summary = raciSummaryLine(kb, row, raci, letter, askedRoleId);
  // The four letters live in answer.raci alone; each renderer shows them once, in its own way.
  const sections: Section[] = [{ title: "Description", text: row.description }];
  const facts = [{ label: "Type", value: capitalise(KIND_LABEL[row.kind]) }];
  if (row.maturity)
    facts.push({ label: "Maturity", value: `${row.maturity.level} of 5: ${row.maturity.name}` });
  const involved = [...new Set(RACI_LETTERS.flatMap((l) => rowRoles(row, l)))];
  const accountableRole = kb.roles.get(row.accountable);
  const holders = holdersOf(kb, involved);
  return makeAnswer("raci", `${row.name}: who is responsible, accountable, consulted and informed`, {
    summary,
    sections,
    facts,
    raci,
    ...(holders.length > 0 ? { holders } : {}),
    subjects: [
      rowSubject(row),
      ...involved.flatMap((id) => {
        const role = kb.roles.get(id);
        return role ? [roleSubject(role)] : [];
      }),
    ],
    sources: [raciSource(kb, row)],
    followUps: accountableRole
      ? [
          followUp(
            "role_raci",
            `What the ${accountableRole.name} is accountable for`,
            `what is the ${accountableRole.name} accountable for`,
          ),
          followUp("related", `${accountableRole.name} profile`, accountableRole.name),
        ]
      : [],
  });
}

function raciSummaryLine(
  kb: KnowledgeBase,
  row: RaciRow,
  raci: RaciSummary,
  letter: RaciLetter | undefined,
  askedRoleId: string | undefined,
): string {
  const kind = KIND_LABEL[row.kind];
  if (askedRoleId) {
    const asked = roleName(kb, askedRoleId);
    const held = RACI_LETTERS.filter((l) => rowRoles(row, l).includes(askedRoleId));
    if (letter) {
      const yes = held.includes(letter);
      const actually = held.length
        ? ` The ${asked} is ${listWords(held.map((l) => capitalise(l)))} for it.`
        : "";
      return yes
        ? `Yes: the ${asked} is ${capitalise(letter)} for the ${row.name} ${kind}.`
        : `No: the ${asked} is not ${capitalise(letter)} for ${row.name}; ${listOrNobody(raci[letter])} ${raci[letter].length === 1 ? "is" : "are"}.${actually}`;
    }
    return held.length
      ? `The ${asked} is ${listWords(held.map((l) => capitalise(l)))} for ${row.name}.`
      : `The ${asked} has no part in ${row.name} in the RACI.`;
  }
  if (letter) {
    const who = raci[letter];
    return who.length
      ? `${capitalise(letter)} for ${row.name}: ${listWords(who)}.`
      : `Nobody is recorded as ${capitalise(letter)} for ${row.name}.`;
  }
  return `${listOrNobody(raci.accountable)} is accountable for ${row.name}; ${listOrNobody(raci.responsible)} ${raci.responsible.length === 1 ? "is" : "are"} responsible.`;
}

function listOrNobody(names: readonly string[]): string {
  return names.length ? listWords(names) : "nobody";
}

/** Roles held by a skill-holding role level or a role itself; role levels have no RACI rows of their own. */
export function raciReverseAnswer(kb: KnowledgeBase, role: Role, letter?: RaciLetter): Answer {
  const byLetter = new Map<RaciLetter, RaciRow[]>(RACI_LETTERS.map((l) => [l, []]));
  for (const row of kb.raci.values()) {
    for (const l of RACI_LETTERS) if (rowRoles(row, l).includes(role.id)) byLetter.get(l)?.push(row);
  }
  const counts = RACI_LETTERS.map((l) => [l, byLetter.get(l)?.length ?? 0] as const);
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const shownLetters = letter ? [letter] : [...RACI_LETTERS];
  const sections: Section[] = [];
  for (const l of shownLetters) {
    const rows = (byLetter.get(l) ?? [])
      .slice()
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    if (rows.length === 0) continue;
    sections.push({
      title: `${capitalise(l)} for`,
      items: rows.map((r) => `${r.name} (${KIND_LABEL[r.kind]})`),
    });
  }
  const countLine = counts
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${l} for ${n}`)
    .join(", ");
  let summary: string;
  if (total === 0) summary = MESSAGES.emptyRaci(role.name);
  else if (letter && (byLetter.get(letter)?.length ?? 0) === 0)
    summary = `${MESSAGES.emptyRaci(role.name, letter)} In the RACI the ${role.name} is ${countLine}.`;
  else summary = `In the RACI the ${role.name} is ${countLine}.`;
  const raci: RaciSummary = {
    responsible: byLetter.get("responsible")?.length ? [role.name] : [],
    accountable: byLetter.get("accountable")?.length ? [role.name] : [],
    consulted: byLetter.get("consulted")?.length ? [role.name] : [],
    informed: byLetter.get("informed")?.length ? [role.name] : [],
  };
  const rowsShown = shownLetters.flatMap((l) => byLetter.get(l) ?? []);
  const holders = holdersOf(kb, [role.id]);
  return makeAnswer(
    "raci",
    letter ? `What the ${role.name} is ${letter} for` : `What the ${role.name} does: RACI`,
    {
      summary: role.summary ? `${summary}\n${role.summary}` : summary,
      sections,
      raci,
      ...(holders.length > 0 ? { holders } : {}),
      subjects: [roleSubject(role), ...[...new Map(rowsShown.map((r) => [r.id, rowSubject(r)])).values()]],
      sources: [roleSource(kb, role), ...(rowsShown[0] ? [raciSource(kb, rowsShown[0])] : [])],
      followUps: [
        followUp("related", `${role.name} profile`, role.name),
        followUp("role_skills", `${role.name} skills`, `${role.name} skills`),
      ],
    },
  );
}
