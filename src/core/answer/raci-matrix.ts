// The RACI matrix, or part of it: one row per process, practice or tool, one column per role, each cell the
// letters that role holds ("R/A"). Plain rows and columns; each adapter draws and pages them its own way.
import type { KnowledgeBase, RaciKind } from "../knowledge/model.ts";
import { filterRaciRows, matrixRoles, type RaciMatrixFilter, raciCell } from "../knowledge/raci-matrix.ts";
import { raciSource } from "../subjects.ts";
import { fill } from "../text/template.ts";
import { followUp, listWords, makeAnswer } from "./build.ts";
import { rowSubject } from "./raci.ts";
import type { Answer, FollowUp, Subject } from "./types.ts";

const KIND_PLURAL: Readonly<Record<RaciKind, string>> = {
  process: "processes",
  practice: "practices",
  tool: "tools",
};
const KIND_SINGULAR: Readonly<Record<RaciKind, string>> = {
  process: "process",
  practice: "practice",
  tool: "tool",
};

export const MATRIX_TEXT = Object.freeze({
  title: "RACI matrix",
  /** the first column's heading: what each row is */
  firstColumn: "Process, practice or tool",
  firstColumnOfKind: { process: "Process", practice: "Practice", tool: "Tool" } as Readonly<
    Record<RaciKind, string>
  >,
  summary: "{rows} ({kinds}) and {roles}. R is Responsible, A Accountable, C Consulted, I Informed.",
  summaryOneKind: "{kinds} and {roles}. R is Responsible, A Accountable, C Consulted, I Informed.",
  empty: "No {what} in the RACI {matches}.",
  noRows: "The RACI has no {what} yet.",
  whole: "Whole RACI matrix",
  onlyKind: "{Kinds} only",
});

/** The question that asks for exactly this matrix: "RACI matrix for service management tools of the IT manager". */
export function raciMatrixQuestion(kb: KnowledgeBase, filter: RaciMatrixFilter): string {
  const what = [filter.words, filter.kind ? KIND_PLURAL[filter.kind] : undefined].filter(Boolean).join(" ");
  const role = filter.roleId ? `the ${kb.roles.get(filter.roleId)?.name ?? filter.roleId}` : undefined;
  if (what && role) return `${MATRIX_TEXT.title} for ${what} of ${role}`;
  return what || role ? `${MATRIX_TEXT.title} for ${what || role}` : MATRIX_TEXT.title;
}

export function raciMatrixAnswer(kb: KnowledgeBase, filter: RaciMatrixFilter): Answer {
  const rows = filterRaciRows(kb, filter);
  const involved = matrixRoles(kb, rows);
  // The role asked about comes first, so its letters are beside the row names on every page.
  const roles = filter.roleId
    ? [...involved.filter((r) => r.id === filter.roleId), ...involved.filter((r) => r.id !== filter.roleId)]
    : involved;
  const question = raciMatrixQuestion(kb, filter);
  const asked = filter.roleId ? kb.roles.get(filter.roleId) : undefined;
  const subjects: Subject[] = [
    ...(asked ? [{ kind: "role" as const, id: asked.id, name: asked.name }] : []),
    ...rows.map(rowSubject),
  ];
  const parts = {
    matrix: { filter, question, rowIds: rows.map((r) => r.id), roleIds: roles.map((r) => r.id) },
    subjects,
    sources: rows.map((row) => raciSource(kb, row)),
    followUps: matrixFollowUps(kb, filter),
  };
  if (rows.length === 0) {
    return makeAnswer("raci_matrix", question, { ...parts, summary: emptySummary(kb, filter) });
  }
  const counts = (["process", "practice", "tool"] as const).flatMap((kind) => {
    const n = rows.filter((r) => r.kind === kind).length;
    return n > 0 ? [`${n} ${n === 1 ? KIND_SINGULAR[kind] : KIND_PLURAL[kind]}`] : [];
  });
  const summary = fill(counts.length === 1 ? MATRIX_TEXT.summaryOneKind : MATRIX_TEXT.summary, {
    rows: rows.length === 1 ? "1 row" : `${rows.length} rows`,
    kinds: listWords(counts),
    roles: roles.length === 1 ? "1 role" : `${roles.length} roles`,
  });
  const firstColumn = filter.kind ? MATRIX_TEXT.firstColumnOfKind[filter.kind] : MATRIX_TEXT.firstColumn;
  return makeAnswer("raci_matrix", question, {
    ...parts,
    summary,
    table: {
      columns: [firstColumn, ...roles.map((r) => r.name)],
      rows: rows.map((row) => [row.name, ...roles.map((role) => raciCell(row, role.id))]),
    },
  });
}

function emptySummary(kb: KnowledgeBase, filter: RaciMatrixFilter): string {
  const what = filter.kind ? KIND_SINGULAR[filter.kind] : "process, practice or tool";
  const conditions = [
    ...(filter.words ? [`is called anything with “${filter.words}”`] : []),
    ...(filter.roleId ? [`names the ${kb.roles.get(filter.roleId)?.name ?? filter.roleId}`] : []),
  ];
  return conditions.length === 0
    ? fill(MATRIX_TEXT.noRows, { what })
    : fill(MATRIX_TEXT.empty, { what, matches: conditions.join(" and ") });
}

/** From part of the matrix, the whole; from the whole, each kind of row on its own. */
function matrixFollowUps(kb: KnowledgeBase, filter: RaciMatrixFilter): FollowUp[] {
  const filtered = filter.kind !== undefined || filter.roleId !== undefined || filter.words !== undefined;
  if (filtered) return [followUp("related", MATRIX_TEXT.whole, raciMatrixQuestion(kb, {}))];
  const kinds = new Set([...kb.raci.values()].map((r) => r.kind));
  return (["process", "practice", "tool"] as const)
    .filter((kind) => kinds.has(kind))
    .map((kind) => {
      const plural = KIND_PLURAL[kind];
      const label = fill(MATRIX_TEXT.onlyKind, { Kinds: plural.charAt(0).toUpperCase() + plural.slice(1) });
      return followUp("related", label, raciMatrixQuestion(kb, { kind }));
    });
}
