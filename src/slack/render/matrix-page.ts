// A RACI matrix cut into pages that each fit one table block: at most 99 rows under the header row, and at
// most 19 role columns beside the column of row names. Pages walk across the role columns first, then
// down to the next rows, so each row's letters for every role are read before moving on.
import type { Table } from "../../core/answer/types.ts";
import type { TableBlock } from "./block-kit.ts";
import { tableBlock } from "./blocks.ts";
import { SLACK_LIMITS } from "./limits.ts";

export const MATRIX_PAGE_SIZE = Object.freeze({
  rows: SLACK_LIMITS.tableRows - 1,
  roles: SLACK_LIMITS.tableCells - 1,
});

export interface MatrixPage {
  page: number;
  pages: number;
  /** the rows shown, from (0-based) up to but not including to */
  rowFrom: number;
  rowTo: number;
  /** the role columns shown, counted after the column of row names */
  roleFrom: number;
  roleTo: number;
}

/** The page asked for (out-of-range pages show the nearest) of a matrix of so many rows and roles. */
export function matrixPage(rows: number, roles: number, page = 1): MatrixPage {
  const rolePages = Math.max(1, Math.ceil(roles / MATRIX_PAGE_SIZE.roles));
  const pages = Math.max(1, Math.ceil(rows / MATRIX_PAGE_SIZE.rows)) * rolePages;
  const at = Math.min(Math.max(1, Math.trunc(page)), pages);
  const rowFrom = Math.floor((at - 1) / rolePages) * MATRIX_PAGE_SIZE.rows;
  const roleFrom = ((at - 1) % rolePages) * MATRIX_PAGE_SIZE.roles;
  return {
    page: at,
    pages,
    rowFrom,
    rowTo: Math.min(rows, rowFrom + MATRIX_PAGE_SIZE.rows),
    roleFrom,
    roleTo: Math.min(roles, roleFrom + MATRIX_PAGE_SIZE.roles),
  };
}

/** The page's part of the table: the row names' column, then the page's role columns. */
export function matrixTableBlock(table: Table, at: MatrixPage): TableBlock {
  const keep = (row: readonly string[]) => [row[0] ?? "", ...row.slice(1 + at.roleFrom, 1 + at.roleTo)];
  return tableBlock(keep(table.columns), table.rows.slice(at.rowFrom, at.rowTo).map(keep));
}
