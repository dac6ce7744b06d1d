// A RACI matrix from a spreadsheet: one row per process, practice or tool, one column per role, cells of
// R, A, C and I (or several: "A/R", "R,A"). Role columns are matched to the folder's roles by id, name or
// alias; every problem is collected with its cell before anything is planned, so one run lists them all.

import { editDistance } from "../../text/spelling.ts";
import type { RaciKind, RaciRowInput, RoleInput } from "../schema.ts";
import { ImportError } from "./errors.ts";
import type { KnowledgeFolder } from "./folder.ts";
import type { Importer, ImportPlan } from "./plan.ts";
import { cellName, readSheet, type Sheet, type SheetRow } from "./sheet.ts";
import { cleanText, plural, slugify } from "./text.ts";

export const RACI_ATTRIBUTION = "RACI matrix maintained by your organisation in the spreadsheet named above.";

/** Header names (lower case) that say what a column is; every other named column is a role. */
export const RACI_COLUMNS = Object.freeze({
  name: [
    "name",
    "process",
    "processes",
    "practice",
    "tool",
    "activity",
    "activities",
    "task",
    "item",
    "process / practice / tool",
    "process/practice/tool",
    "process, practice or tool",
  ],
  id: ["id", "key", "slug"],
  kind: ["kind", "type"],
  details: ["details", "detail", "description", "notes", "summary"],
  aliases: ["aliases", "alias", "also called", "also known as"],
  maturity: ["maturity"],
} as const);

type ColumnRole = keyof typeof RACI_COLUMNS;

const LETTERS = { R: "responsible", A: "accountable", C: "consulted", I: "informed" } as const;
type Letter = keyof typeof LETTERS;
const ID = /^[a-z0-9][a-z0-9-]*$/;
const COUNT_WORDS: Readonly<Record<number, string>> = { 2: "two", 3: "three", 4: "four", 5: "five" };

export interface RaciImportOptions {
  /** Role columns that match no role become new roles instead of problems. */
  createRoles?: boolean;
}

interface RoleColumn {
  column: number;
  header: string;
  roleId: string;
  roleName: string;
}

export function planRaciImport(
  sheet: Sheet,
  folder: KnowledgeFolder,
  options: RaciImportOptions = {},
): ImportPlan {
  const problems: string[] = [];
  const at = (column: number, row: number) => cellName(sheet, column, row);
  const columns = new Map<ColumnRole, number>();
  const headerRow = sheet.header.row;
  sheet.header.cells.forEach((cell, i) => {
    const key = cell.trim().toLowerCase().replace(/\s+/g, " ");
    for (const [role, names] of Object.entries(RACI_COLUMNS) as Array<[ColumnRole, readonly string[]]>) {
      if (names.includes(key) && !columns.has(role)) columns.set(role, i);
    }
  });
  // A matrix whose first column has its own heading ("Service management processes") names its rows there.
  if (!columns.has("name")) {
    const used = new Set(columns.values());
    const first = sheet.header.cells.findIndex((c, i) => c.trim() !== "" && !used.has(i));
    if (first >= 0) columns.set("name", first);
  }
  const nameColumn = columns.get("name") ?? 0;
  const special = new Set(columns.values());

  const roles = indexRoles(folder);
  const createdRoles: RoleInput[] = [];
  const roleColumns: RoleColumn[] = [];
  const seenRole = new Map<string, string>();
  sheet.header.cells.forEach((header, column) => {
    if (special.has(column) || header.trim() === "") return;
    const here = at(column, headerRow);
    let role = roles.find(header);
    if (!role && options.createRoles) {
      const id = slugify(header);
      if (!ID.test(id)) {
        problems.push(`${here}: "${header}" cannot be made into a role id; give the column a name in words`);
        return;
      }
      const created: RoleInput = {
        id,
        name: cleanText(header),
        summary: `${cleanText(header)}, a role named in the RACI matrix ${sheet.name}.`,
      };
      createdRoles.push(created);
      roles.add(created);
      role = { id, name: created.name };
    }
    if (!role) {
      const near = roles.near(header);
      problems.push(
        `${here}: no role called "${header.trim()}"${near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : ""} (pass --create-roles to add it as a new role)`,
      );
      return;
    }
    const previous = seenRole.get(role.id);
    if (previous) {
      problems.push(`${here}: "${header.trim()}" is the same role as ${previous} (${role.name})`);
      return;
    }
    seenRole.set(role.id, at(column, headerRow));
    roleColumns.push({ column, header: header.trim(), roleId: role.id, roleName: role.name });
  });

  const rows: RaciRowInput[] = [];
  const seenIds = new Map<string, string>();
  for (const row of sheet.rows) {
    const planned = planRow(sheet, row, { columns, nameColumn, roleColumns, folder, problems });
    if (!planned) continue;
    const previous = seenIds.get(planned.id);
    const idCell = at(columns.get("id") ?? nameColumn, row.row);
    if (previous) {
      problems.push(`${idCell}: the id "${planned.id}" is already used by row ${previous}`);
      continue;
    }
    seenIds.set(planned.id, String(row.row));
    rows.push(planned);
  }

  if (problems.length > 0) {
    throw new ImportError(
      "IMPORT_BAD_CELLS",
      `${plural(problems.length, "problem")} in the RACI matrix, so nothing was imported:\n${problems.map((p) => `  ${p}`).join("\n")}`,
      {},
      problems,
    );
  }

  const base = slugify(sheet.name.replace(/\.[^.]+$/, "")) || "raci";
  const kinds = (kind: RaciKind) => rows.filter((r) => r.kind === kind).length;
  return {
    importer: "raci",
    title: "the RACI matrix",
    inputs: [sheet.sheet ? `${sheet.name} (sheet ${sheet.sheet})` : sheet.name],
    attribution: RACI_ATTRIBUTION,
    files: [
      {
        path: `raci/${base}.yaml`,
        entities: { ...(createdRoles.length > 0 ? { roles: createdRoles } : {}), raci: rows },
      },
    ],
    defaults: [],
    counts: (
      [
        ["processes", kinds("process")],
        ["practices", kinds("practice")],
        ["tools", kinds("tool")],
        ["role columns", roleColumns.length],
        ["new roles", createdRoles.length],
      ] as Array<[string, number]>
    ).filter(([, n]) => n > 0),
    skipped: sheet.blankRows > 0 ? [plural(sheet.blankRows, "blank row")] : [],
    notes:
      createdRoles.length > 0
        ? [`created ${plural(createdRoles.length, "role")}: ${createdRoles.map((r) => r.name).join(", ")}`]
        : [],
  };
}

interface RowContext {
  columns: ReadonlyMap<ColumnRole, number>;
  nameColumn: number;
  roleColumns: readonly RoleColumn[];
  folder: KnowledgeFolder;
  problems: string[];
}

function planRow(sheet: Sheet, row: SheetRow, context: RowContext): RaciRowInput | undefined {
  const { columns, nameColumn, roleColumns, folder, problems } = context;
  const at = (column: number) => cellName(sheet, column, row.row);
  const cell = (role: ColumnRole) => {
    const i = columns.get(role);
    return i === undefined ? "" : cleanText(row.cells[i] ?? "");
  };
  const name = cleanText(row.cells[nameColumn] ?? "");
  const assigned: Record<Letter, RoleColumn[]> = { R: [], A: [], C: [], I: [] };
  let badCells = false;
  for (const roleColumn of roleColumns) {
    const text = (row.cells[roleColumn.column] ?? "").trim();
    if (text === "") continue;
    const letters = parseLetters(text);
    if (!letters) {
      problems.push(
        `${at(roleColumn.column)}: "${text}" is not R, A, C or I (write one letter or several, e.g. A/R)`,
      );
      badCells = true;
      continue;
    }
    for (const letter of letters) assigned[letter].push(roleColumn);
  }
  if (!name) {
    const has = assigned.R.length + assigned.A.length + assigned.C.length + assigned.I.length > 0;
    problems.push(`${at(nameColumn)}: the row has ${has ? "RACI letters" : "cells"} but no name`);
    return undefined;
  }
  const label = name;
  const idText = cell("id");
  const id = idText || slugify(name);
  if (!ID.test(id)) {
    problems.push(
      `${at(columns.get("id") ?? nameColumn)}: "${idText || name}" does not make an id (lower-case letters, digits and hyphens)`,
    );
    return undefined;
  }
  const letterCount = assigned.R.length + assigned.A.length + assigned.C.length + assigned.I.length;
  if (letterCount === 0 && !badCells) {
    problems.push(`${at(nameColumn)}: ${label} is an empty row: no role is R, A, C or I`);
    return undefined;
  }
  const [accountable, ...moreAccountable] = assigned.A;
  if (!accountable && !badCells) {
    problems.push(`${at(nameColumn)}: no Accountable role for ${label}; exactly one role must be A`);
  }
  if (moreAccountable.length > 0) {
    const names = assigned.A.map((c) => c.roleName).join(", ");
    const second = moreAccountable[0] as RoleColumn;
    const count = COUNT_WORDS[assigned.A.length] ?? String(assigned.A.length);
    problems.push(`${at(second.column)}: ${count} Accountable roles (${names})`);
  }
  const existing = folder.byKey.get(`raci|${id.toLowerCase()}`)?.value as RaciRowInput | undefined;
  const kindText = cell("kind").toLowerCase();
  const kind = kindText ? parseKind(kindText) : (existing?.kind ?? "process");
  if (!kind) {
    problems.push(
      `${at(columns.get("kind") ?? nameColumn)}: "${cell("kind")}" is not process, practice or tool`,
    );
  }
  const description = cell("details") || existing?.description;
  if (!description) {
    problems.push(
      `${at(columns.get("details") ?? nameColumn)}: ${label} needs details (a details or description column), as the knowledge has no description for it yet`,
    );
  }
  const maturityText = cell("maturity");
  const maturity = maturityText ? parseMaturity(maturityText) : undefined;
  if (maturityText && !maturity) {
    problems.push(
      `${at(columns.get("maturity") ?? nameColumn)}: "${maturityText}" is not a maturity; write a level 1-5 and its name, e.g. "3 Defined"`,
    );
  }
  if (kind === "practice" && !maturity && !existing?.maturity && !maturityText) {
    problems.push(
      `${at(columns.get("kind") ?? nameColumn)}: ${label} is a practice, which needs a maturity (a maturity column such as "3 Defined")`,
    );
  }
  const aliases = cell("aliases")
    .split(/[,;\n]/)
    .map((a) => a.trim())
    .filter((a) => a !== "");
  if (!accountable || !kind || !description || moreAccountable.length > 0 || badCells) return undefined;
  const ids = (letter: Letter) => {
    const list = assigned[letter].map((c) => c.roleId);
    return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
  };
  return {
    id,
    kind,
    name,
    ...(aliases.length > 0 ? { aliases } : {}),
    description,
    ...(maturity ? { maturity } : {}),
    responsible: ids("R"),
    accountable: accountable.roleId,
    consulted: ids("C"),
    informed: ids("I"),
  };
}

/** "A/R", "R,A", "R/A", "a r", "AR" -> the letters; undefined if anything else is in the cell. */
export function parseLetters(text: string): Letter[] | undefined {
  const parts = text
    .toUpperCase()
    .split(/[\s,/;&+|]+/)
    .filter((p) => p !== "");
  const letters: Letter[] = [];
  for (const part of parts) {
    for (const ch of part) {
      if (!(ch in LETTERS)) return undefined;
      if (!letters.includes(ch as Letter)) letters.push(ch as Letter);
    }
  }
  return letters.length > 0 ? letters : undefined;
}

const KIND_WORDS: Readonly<Record<string, RaciKind>> = {
  process: "process",
  processes: "process",
  practice: "practice",
  practices: "practice",
  tool: "tool",
  tools: "tool",
};

function parseKind(text: string): RaciKind | undefined {
  return KIND_WORDS[text.trim()];
}

function parseMaturity(text: string): { level: number; name: string } | undefined {
  const match = /^\s*([1-5])\s*[-–:.)]?\s*(.*?)\s*$/.exec(text) ?? /^\s*(.+?)\s*\(([1-5])\)\s*$/.exec(text);
  if (!match) return undefined;
  const [level, name] = /^[1-5]$/.test(match[1] ?? "") ? [match[1], match[2]] : [match[2], match[1]];
  const fallback = ["Initial", "Repeatable", "Defined", "Managed", "Optimising"][Number(level) - 1];
  return { level: Number(level), name: name || (fallback ?? "") };
}

interface KnownRole {
  id: string;
  name: string;
}

/** The folder's roles by every name a column may use: id, name, alias; case and spacing ignored. */
function indexRoles(folder: KnowledgeFolder) {
  const byKey = new Map<string, KnownRole>();
  const all: Array<{ key: string; shown: string; role: KnownRole }> = [];
  const key = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, " ");
  const add = (role: RoleInput) => {
    const known = { id: role.id, name: role.name };
    for (const name of [role.id, role.name, ...(role.aliases ?? [])]) {
      if (!byKey.has(key(name))) byKey.set(key(name), known);
      all.push({ key: key(name), shown: role.name, role: known });
    }
    // "change-manager" written as "change manager"
    if (!byKey.has(key(role.id.replace(/-/g, " ")))) byKey.set(key(role.id.replace(/-/g, " ")), known);
  };
  for (const located of folder.byKey.values()) if (located.kind === "roles") add(located.value as RoleInput);
  return {
    add,
    find: (header: string) => byKey.get(key(header)),
    near: (header: string): string[] => {
      const wanted = key(header);
      const limit = Math.max(1, Math.min(3, Math.floor(wanted.length / 4)));
      const scored = all
        .map((entry) => ({ ...entry, distance: editDistance(wanted, entry.key, limit) }))
        .filter((e) => e.distance <= limit)
        .sort((a, b) => a.distance - b.distance);
      return [...new Set(scored.map((e) => e.shown))].slice(0, 3);
    },
  };
}

export const raciImporter: Importer = {
  name: "raci",
  usage: "FILE --out DIR",
  summary: "import a RACI matrix from a spreadsheet (.csv, or .xlsx with --sheet NAME; --create-roles)",
  read: async (files, options = {}) => {
    if (files.length > 1) {
      throw new ImportError("IMPORT_INPUTS", "give one RACI spreadsheet (CSV or .xlsx) at a time");
    }
    const sheet = await readSheet(files[0] ?? "", options.sheet);
    return {
      inputs: [{ file: sheet.file, encoding: sheet.format, rows: sheet.rows.length }],
      plan: async ({ folder, createRoles }) =>
        planRaciImport(sheet, folder, createRoles ? { createRoles } : {}),
    };
  },
};
