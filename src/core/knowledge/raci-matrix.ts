// The RACI as a matrix: one row per process, practice or tool, one column per role, each cell the letters
// that role holds for the row. The export and the matrix answer both lay the RACI out this way, so a
// spreadsheet written by one reads the same as the table shown by the other.
import { type KnowledgeBase, RACI_LETTERS, type RaciLetter, type RaciRow, type Role } from "./model.ts";

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
