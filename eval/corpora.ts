// The two corpora the evaluation set and the benchmarks run on, built from the repository and the
// licensed data beside it (../shared/realdata, never copied into the repository):
//   shipped   the knowledge/ folder as it ships
//   combined  a temporary copy of it with SFIA 9 and DDaT imported by Rolecall's own importers, as the
//             README's "Importing whole frameworks" recipe builds it
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ImportSummary, runImport } from "../src/core/knowledge/import/index.ts";
import { REPO_ROOT } from "../tools/repo-root.ts";

export const CORPORA = ["shipped", "combined"] as const;
export type CorpusName = (typeof CORPORA)[number];

/** The nearest folder up holding package.json, whether this runs from eval/ or compiled from dist/eval/. */
export { REPO_ROOT };
export const SHIPPED_KNOWLEDGE = path.join(REPO_ROOT, "knowledge");
/** ROLECALL_REALDATA points at another copy, as it does for the tests. */
export const REALDATA = process.env.ROLECALL_REALDATA
  ? path.resolve(process.env.ROLECALL_REALDATA)
  : path.resolve(REPO_ROOT, "../shared/realdata");

export const SFIA9_FILES = [
  path.join(REALDATA, "sfia9/sfia-9_skills_en_US_250129.cp1252.csv"),
  path.join(REALDATA, "sfia9/sfia-9_levels_en_US_250129.csv"),
  path.join(REALDATA, "sfia9/sfia-9_attributes_en_US_250129.cp1252.csv"),
] as const;

export const DDAT_FILES = [
  path.join(REALDATA, "ddat-gdad-pcf/role-content.csv"),
  path.join(REALDATA, "ddat-gdad-pcf/skill-descriptions.csv"),
] as const;

export interface BuiltCorpus {
  /** knowledge folder: the shipped knowledge with SFIA 9 and DDaT imported into it */
  dir: string;
  importMs: number;
  summaries: ImportSummary[];
  remove(): Promise<void>;
}

/**
 * Imports SFIA 9 and DDaT into a new temporary folder that starts as a copy of the shipped knowledge
 * (the importers' startFrom, as `rolecall import` does for a new --out folder).
 */
export async function buildCombinedCorpus(): Promise<BuiltCorpus> {
  const parent = await mkdtemp(path.join(tmpdir(), "rolecall-combined-"));
  const dir = path.join(parent, "knowledge");
  const remove = () => rm(parent, { recursive: true, force: true });
  try {
    const started = performance.now();
    const sfia = await runImport({
      importer: "sfia",
      files: SFIA9_FILES,
      out: dir,
      startFrom: SHIPPED_KNOWLEDGE,
    });
    const ddat = await runImport({ importer: "ddat", files: DDAT_FILES, out: dir });
    return { dir, importMs: performance.now() - started, summaries: [sfia, ddat], remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
