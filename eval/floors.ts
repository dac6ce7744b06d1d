// The accuracy each category must keep on each corpus (eval/floors.json), the one place the floor test
// and `npm run eval` read it from. Raise a floor when the engine gets better; never lower one to pass.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CORPORA, type CorpusName, REPO_ROOT } from "./corpora.ts";
import type { CorpusReport } from "./evaluate.ts";
import { CATEGORIES, type Category } from "./schema.ts";

export const QUESTIONS_FILE = path.join(REPO_ROOT, "eval/questions.yaml");
export const FLOORS_FILE = path.join(REPO_ROOT, "eval/floors.json");

const share = z.number().min(0).max(1);
const floorsSchema = z
  .object(Object.fromEntries(CORPORA.map((c) => [c, z.partialRecord(z.enum(CATEGORIES), share)])))
  .strict();
export type Floors = Record<CorpusName, Partial<Record<Category, number>>>;

export async function loadFloors(file = FLOORS_FILE): Promise<Floors> {
  const parsed = floorsSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data as Floors;
}

export interface BelowFloor {
  corpus: CorpusName;
  category: Category;
  accuracy: number;
  floor: number;
}

export function belowFloors(reports: readonly CorpusReport[], floors: Floors): BelowFloor[] {
  return reports.flatMap((report) =>
    CATEGORIES.flatMap((category) => {
      const floor = floors[report.corpus][category];
      const accuracy = report.byCategory[category]?.accuracy;
      return floor !== undefined && accuracy !== undefined && accuracy < floor
        ? [{ corpus: report.corpus, category, accuracy, floor }]
        : [];
    }),
  );
}

/**
 * Each floor raised to the accuracy measured, rounded down to a tenth of a percent so that the same run
 * passes again; a floor is never lowered, and categories are kept in the evaluation set's order.
 */
export function raiseFloors(reports: readonly CorpusReport[], floors: Floors): Floors {
  const raised = Object.fromEntries(CORPORA.map((c) => [c, { ...floors[c] }])) as Floors;
  for (const report of reports) {
    const current = raised[report.corpus];
    const next: Partial<Record<Category, number>> = {};
    for (const category of CATEGORIES) {
      const measured = report.byCategory[category]?.accuracy;
      const floor = current[category];
      const value = measured === undefined ? floor : Math.max(floor ?? 0, Math.floor(measured * 1000) / 1000);
      if (value !== undefined) next[category] = value;
    }
    raised[report.corpus] = next;
  }
  return raised;
}
