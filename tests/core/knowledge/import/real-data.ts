// The real SFIA 9 export and DDaT CSVs (in shared/realdata beside the repo, never copied into it), and a
// helper that imports them into a fresh temp folder, for any test that needs the full frameworks:
//
//   const { out, summary } = await importRealData("sfia");   // or "ddat", { version: "2024" }
//   const kb = await loadKnowledge(out);
//
// importRealDataOnce caches the folder per test file, for read-only use; afterAll(removeTempDirs) from
// ./synthetic.ts deletes the folders.
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { type ImportSummary, runImport } from "../../../../src/core/knowledge/import/index.ts";
import { REALDATA } from "../../../support/real-data.ts";
import { tempDir } from "./synthetic.ts";

export { REALDATA } from "../../../support/real-data.ts";

export const SFIA9 = {
  skills: path.join(REALDATA, "sfia9/sfia-9_skills_en_US_250129.cp1252.csv"),
  levels: path.join(REALDATA, "sfia9/sfia-9_levels_en_US_250129.csv"),
  attributes: path.join(REALDATA, "sfia9/sfia-9_attributes_en_US_250129.cp1252.csv"),
} as const;

export const DDAT = {
  roles: path.join(REALDATA, "ddat-gdad-pcf/role-content.csv"),
  skills: path.join(REALDATA, "ddat-gdad-pcf/skill-descriptions.csv"),
} as const;

export const REAL_FILES = {
  sfia: [SFIA9.skills, SFIA9.levels, SFIA9.attributes],
  ddat: [DDAT.roles, DDAT.skills],
} as const;

export async function importRealData(
  importer: "sfia" | "ddat",
  options: { out?: string; version?: string } = {},
): Promise<{ out: string; summary: ImportSummary }> {
  const out = options.out ?? (await tempDir(`rolecall-${importer}-`));
  const summary = await runImport({ importer, files: REAL_FILES[importer], out, version: options.version });
  return { out, summary };
}

const cache = new Map<string, Promise<{ out: string; summary: ImportSummary }>>();

export function importRealDataOnce(
  importer: "sfia" | "ddat",
  version?: string,
): Promise<{ out: string; summary: ImportSummary }> {
  const key = `${importer}@${version ?? ""}`;
  let result = cache.get(key);
  if (!result) {
    result = importRealData(importer, { version });
    cache.set(key, result);
  }
  return result;
}

/** Reads a source CSV independently of the importer, as records of named cells (header row first). */
export function readSourceCsv(file: string, encoding: "utf-8" | "windows-1252"): string[][] {
  const bytes = readFileSync(file);
  const text = encoding === "utf-8" ? bytes.toString("utf8") : iconv.decode(bytes, "win1252");
  return parse(text, { relax_column_count: true, skip_empty_lines: true });
}

export function rowsAsObjects(records: string[][]): Array<Record<string, string>> {
  const [header = [], ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name.trim(), (row[i] ?? "").trim()])));
}

/** Whitespace-insensitive, for comparing imported text with the source cell it came from. */
export function squash(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** Every file under dir with its text, to show an import changed nothing (or exactly what it should). */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = await readFile(file, "utf8");
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}
