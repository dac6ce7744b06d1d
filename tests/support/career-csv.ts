// Expectations for career answers read straight from the licensed CSVs in ../shared/realdata: the skills
// and levels the DDaT role-content CSV lists for a role level, and a SFIA skill's level texts.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { DDAT, SFIA9 } from "../core/knowledge/import/real-data.ts";
import { HAS_REAL_DATA } from "./real-data.ts";

const DDAT_LEVELS: Record<string, number> = { Awareness: 1, Working: 2, Practitioner: 3, Expert: 4 };

export interface DdatRow {
  Role: string;
  "Role Level": string;
  "Skill Name": string;
  "Skill Level": string;
}

// Read only where ../shared/realdata is; without it the tests that use these are skipped.
export const ddatRows: DdatRow[] = HAS_REAL_DATA
  ? (parse(readFileSync(DDAT.roles, "utf8"), { columns: true, bom: true }) as DdatRow[])
  : [];

/** skill name -> level, as the CSV lists them for one role level */
export function csvSkills(roleLevel: string): Map<string, number> {
  const skills = new Map<string, number>();
  for (const row of ddatRows) {
    const level = DDAT_LEVELS[row["Skill Level"].trim()];
    if (row["Role Level"].trim() === roleLevel && level !== undefined)
      skills.set(row["Skill Name"].trim(), level);
  }
  return skills;
}

/** What must rise, be new or drop away from one set of skill levels to a role level's. */
export function expectedChanges(before: ReadonlyMap<string, number>, high: string) {
  const after = csvSkills(high);
  return {
    rises: [...after]
      .filter(([name, level]) => (before.get(name) ?? level) < level)
      .map(([n]) => n)
      .sort(),
    added: [...after.keys()].filter((name) => !before.has(name)).sort(),
    dropped: [...before.keys()].filter((name) => !after.has(name)).sort(),
  };
}

/** A SFIA 9 skill as its CSV row has it: name, and level -> description for the levels it defines. */
export function sfiaSkill(code: string): { name: string; levels: Map<number, string> } {
  const rows = parse(iconv.decode(readFileSync(SFIA9.skills), "cp1252"), { bom: true }) as string[][];
  const [header = [], ...body] = rows;
  const row = body.find((r) => r[header.indexOf("Code")] === code);
  if (!row) throw new Error(`SFIA 9 has no skill ${code}`);
  const levels = new Map<number, string>();
  for (let level = 1; level <= 7; level++) {
    const text = row[header.indexOf(`Level ${level} description`)]?.trim();
    if (text) levels.set(level, text);
  }
  return { name: row[header.indexOf("Skill")] ?? code, levels };
}
