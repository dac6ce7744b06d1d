// The RACI as a matrix: one row per process, practice or tool, one column per role, each cell the letters
// that role holds for the row. The export and the matrix answer both lay the RACI out this way, so a
// spreadsheet written by one reads the same as the table shown by the other.
import { stem, words } from "../text/normalize.ts";
import {
  type KnowledgeBase,
  RACI_LETTERS,
  type RaciKind,
  type RaciLetter,
  type RaciRow,
  type Role,
} from "./model.ts";

/** Which part of the matrix to show; every part given must hold. No filter is the whole matrix. */
export interface RaciMatrixFilter {
  kind?: RaciKind;
  /** rows this role holds a letter for; its column comes first */
  roleId?: string;
  /** rows whose name or an alias has every one of these words, e.g. "service management" */
  words?: string;
}

/** The letter a RACI field is written as in a matrix cell. */
export const RACI_CELL_LETTERS: Readonly<Record<RaciLetter, string>> = Object.freeze({
  responsible: "R",
  accountable: "A",
  consulted: "C",
  informed: "I",
});

/** Between the letters of a cell holding several: "R/A". The importer reads it back (see parseLetters). */
export const RACI_CELL_SEPARATOR = "/";

/** The roles holding a letter for a row. */
export function rolesWith(row: RaciRow, letter: RaciLetter): readonly string[] {
  return letter === "accountable" ? [row.accountable] : row[letter];
}

/** The cell of a matrix: the letters the role holds for the row in R, A, C, I order, or "" for none. */
export function raciCell(row: RaciRow, roleId: string): string {
  return RACI_LETTERS.filter((letter) => rolesWith(row, letter).includes(roleId))
    .map((letter) => RACI_CELL_LETTERS[letter])
    .join(RACI_CELL_SEPARATOR);
}

/** Every role any of the rows names, in the order the knowledge defines the roles. */
export function matrixRoles(kb: KnowledgeBase, rows: Iterable<RaciRow>): Role[] {
  const named = new Set<string>();
  for (const row of rows)
    for (const letter of RACI_LETTERS) for (const id of rolesWith(row, letter)) named.add(id);
  return [...kb.roles.values()].filter((role) => named.has(role.id));
}

/** The rows a filter keeps, in the knowledge's order. */
export function filterRaciRows(kb: KnowledgeBase, filter: RaciMatrixFilter): RaciRow[] {
  const wanted = filter.words ? words(filter.words).map(stem) : [];
  return [...kb.raci.values()].filter((row) => {
    if (filter.kind && row.kind !== filter.kind) return false;
    if (filter.roleId && raciCell(row, filter.roleId) === "") return false;
    if (wanted.length === 0) return true;
    const named = new Set([row.name, ...(row.aliases ?? [])].flatMap((name) => words(name).map(stem)));
    return wanted.every((word) => named.has(word));
  });
}
