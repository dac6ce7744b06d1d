// The real frameworks: the SFIA 9 export and the DDaT CSVs in shared/realdata beside the repo (never
// copied into it), imported with Rolecall's own importers into a temporary folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runImport } from "../../src/core/knowledge/import/index.ts";
import { REPO_ROOT } from "../lib/repo-root.ts";

export const REALDATA = path.resolve(REPO_ROOT, "../shared/realdata");

export const SFIA9_FILES = [
  path.join(REALDATA, "sfia9/sfia-9_skills_en_US_250129.cp1252.csv"),
  path.join(REALDATA, "sfia9/sfia-9_levels_en_US_250129.csv"),
  path.join(REALDATA, "sfia9/sfia-9_attributes_en_US_250129.cp1252.csv"),
] as const;

export const DDAT_FILES = [
  path.join(REALDATA, "ddat-gdad-pcf/role-content.csv"),
  path.join(REALDATA, "ddat-gdad-pcf/skill-descriptions.csv"),
] as const;

export interface ImportedCorpus {
  /** knowledge folder holding SFIA 9 and DDaT as YAML */
  dir: string;
  importMs: number;
  remove(): Promise<void>;
}

export async function importRealCorpus(): Promise<ImportedCorpus> {
  const dir = await mkdtemp(path.join(tmpdir(), "rolecall-bench-"));
  const started = performance.now();
  await runImport({ importer: "sfia", files: SFIA9_FILES, out: dir });
  await runImport({ importer: "ddat", files: DDAT_FILES, out: dir });
  return {
    dir,
    importMs: performance.now() - started,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
