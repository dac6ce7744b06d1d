// Small made-up CSVs in the exports' shapes (no framework text), for tests of bad input and of the command.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const SFIA_SKILLS_HEADER =
  "#,Levels,,,,,,,Code,URL,Skill,Category,Subcategory,Overall description,Guidance notes," +
  [1, 2, 3, 4, 5, 6, 7].map((n) => `Level ${n} description`).join(",");

export interface SyntheticSkill {
  code: string;
  name: string;
  levels: Record<number, string>;
}

export function sfiaSkillsCsv(skills: readonly SyntheticSkill[], version = "9"): string {
  const rows = skills.map((skill, i) => {
    const marks = [1, 2, 3, 4, 5, 6, 7].map((n) => (skill.levels[n] ? String(n) : ""));
    const texts = [1, 2, 3, 4, 5, 6, 7].map((n) => quote(skill.levels[n] ?? ""));
    return [
      String(i + 1),
      ...marks,
      skill.code,
      `https://example.org/skillcode/${version}/${skill.code}`,
      quote(skill.name),
      "Made-up category",
      "Made-up subcategory",
      quote(`What ${skill.name} is about.`),
      quote("Notes line one.\nNotes line two."),
      ...texts,
    ].join(",");
  });
  return `${[SFIA_SKILLS_HEADER, ...rows].join("\r\n")}\r\n`;
}

export const SKILL_A: SyntheticSkill = {
  code: "AAAA",
  name: "First made-up skill",
  levels: { 2: "Does first things.", 3: "Does more first things." },
};
export const SKILL_B: SyntheticSkill = {
  code: "BBBB",
  name: "Second made-up skill",
  levels: { 4: "Does second things, with a comma." },
};
export const TWO_SKILLS: readonly SyntheticSkill[] = [SKILL_A, SKILL_B];

export const DDAT_ROLES_HEADER =
  "Role Family,Role,Role Description,Role Level,Role Level Description,Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type";

export function ddatRolesCsv(rows: ReadonlyArray<readonly string[]>): string {
  return `${[DDAT_ROLES_HEADER, ...rows.map((r) => r.map(quote).join(","))].join("\n")}\n`;
}

export const ONE_DDAT_ROW = [
  "Made-up family",
  "Made-up role",
  "Does made-up work.",
  "Senior made-up role",
  "Leads made-up work.",
  "Made-up skill",
  "Skill of making things up.",
  "Working",
  "You can make things up.",
  "",
] as const;

const made: string[] = [];

/** A fresh temp folder; removeTempDirs() deletes every one a test file made. */
export async function tempDir(prefix = "rolecall-import-"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export async function writeTemp(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
