// One import from start to finish: read the input files, plan the knowledge, apply it to the folder, and
// describe what happened. Nothing is written unless the whole import succeeds.

import { capitalise } from "../../text/template.ts";
import { displayPath } from "../load.ts";
import { type ApplyResult, applyImportPlan, type KindCounts } from "./apply.ts";
import { ImportError } from "./errors.ts";
import { scanKnowledgeFolder } from "./folder.ts";
import type { ImportInput, ImportPlan } from "./plan.ts";
import { IMPORTERS, importerNamed } from "./registry.ts";
import { type StartedFrom, startFrom } from "./start-from.ts";
import { plural } from "./text.ts";

export type { ImportInput } from "./plan.ts";
export { IMPORTERS } from "./registry.ts";
/** The name of a registered importer (see registry.ts). */
export type ImporterName = string;

export interface ImportRequest {
  importer: string;
  files: readonly string[];
  /** Knowledge folder to add to or update; created if missing. */
  out: string;
  /** Framework version; by default taken from the data (SFIA) or chosen as the summary says (DDaT). */
  version?: string;
  /**
   * Knowledge to start from when `out` is missing or holds no knowledge yet: its files are copied into
   * `out` first (and removed again if the import fails). Without it, such an import holds only itself.
   */
  startFrom?: string;
  /** raci only: role columns that match no role become new roles. */
  createRoles?: boolean;
  /** raci only: the worksheet to read from a workbook; the first with rows by default. */
  sheet?: string;
}

export interface ImportSummary {
  importer: ImporterName;
  /** The framework imported; absent for a RACI matrix or several career ladders. */
  framework?: { id: string; name: string; version: string };
  /** What was imported, as the summary names it: "SFIA 9", "the RACI matrix", "3 career ladders". */
  title: string;
  out: string;
  /** The knowledge folder copied into `out` first, because `out` held none yet. */
  startedFrom?: { folder: string; files: number };
  /** Each input file: its encoding (or "xlsx" for a workbook) and how many rows (or, for a ladder, level texts) it held. */
  inputs: ImportInput[];
  /** What the input held, per kind, in display order. */
  counts: Record<string, number>;
  added: KindCounts;
  updated: KindCounts;
  upToDate: KindCounts;
  keptExisting: KindCounts;
  written: string[];
  unchanged: string[];
  edited: string[];
  skipped: string[];
  notes: string[];
}

export function isImporterName(name: string): name is ImporterName {
  return importerNamed(name) !== undefined;
}

export async function runImport(request: ImportRequest): Promise<ImportSummary> {
  const importer = importerNamed(request.importer);
  if (!importer) {
    throw new ImportError(
      "IMPORT_UNKNOWN_IMPORTER",
      `there is no importer called "${request.importer}"; choose one of ${IMPORTERS.join(", ")}`,
    );
  }
  if (request.files.length === 0) {
    throw new ImportError(
      "IMPORT_INPUTS",
      `give the ${importer.name} ${importer.usage ? "" : "CSV "}file(s) to import`,
    );
  }
  // Every input is read before the folder is touched: a bad file starts and scans nothing.
  const read = await importer.read(request.files, request.sheet ? { sheet: request.sheet } : {});
  const started = request.startFrom ? await startFrom(request.startFrom, request.out) : undefined;
  try {
    const folder = await scanKnowledgeFolder(request.out);
    const plan: ImportPlan = await read.plan({
      folder,
      ...(request.version !== undefined ? { version: request.version } : {}),
      ...(request.createRoles ? { createRoles: true } : {}),
    });
    const result = await applyImportPlan(plan, folder);
    return summarise(plan, result, read.inputs, request.out, started);
  } catch (error) {
    await started?.undo();
    throw error;
  }
}

function summarise(
  plan: ImportPlan,
  result: ApplyResult,
  inputs: ImportInput[],
  out: string,
  started: StartedFrom | undefined,
): ImportSummary {
  return {
    importer: plan.importer as ImporterName,
    ...(plan.framework
      ? {
          framework: {
            id: plan.framework.id,
            name: plan.framework.name,
            version: plan.framework.version,
          },
        }
      : {}),
    title: plan.title,
    out: displayPath(out),
    ...(started ? { startedFrom: { folder: started.from, files: started.files.length } } : {}),
    inputs,
    counts: Object.fromEntries(plan.counts),
    added: result.added,
    updated: result.updated,
    upToDate: result.upToDate,
    keptExisting: result.keptExisting,
    written: result.written,
    unchanged: result.unchanged,
    edited: result.edited,
    skipped: plan.skipped,
    notes: [
      ...plan.notes,
      ...result.matchedByName,
      ...(result.pinnedVersions > 0
        ? [
            `${plural(result.pinnedVersions, "skill")} of the earlier version that this import does not bring now say which version they belong to`,
          ]
        : []),
    ],
  };
}

const KIND_NAMES: Record<string, [string, string]> = {
  sources: ["source", "sources"],
  frameworks: ["framework", "frameworks"],
  levels: ["level", "levels"],
  skills: ["skill", "skills"],
  roles: ["role", "roles"],
  raci: ["RACI row", "RACI rows"],
};

/** One paragraph for people: what was read, what it held, what changed in the folder, what was skipped. */
export function formatImportSummary(summary: ImportSummary): string {
  const inputs = summary.inputs.map(
    (i) => `${i.file} (${i.encoding}, ${i.unit ? `${i.rows} ${i.unit}` : plural(i.rows, "row")})`,
  );
  const held = Object.entries(summary.counts).map(([kind, n]) => countOf(n, kind));
  const sentences = [
    `Imported ${summary.title} into ${summary.out} from ${inputs.join(", ")}: ${held.join(", ")}.`,
  ];
  if (summary.startedFrom) {
    sentences.push(
      `${summary.out} held no knowledge yet, so it starts as a copy of the knowledge in ${summary.startedFrom.folder} (${plural(summary.startedFrom.files, "file")}; pass --bare for ${summary.framework?.name ?? summary.title} alone).`,
    );
  }
  const changes = [
    describeCounts("added", summary.added),
    describeCounts("updated", summary.updated),
    describeCounts("left unchanged", summary.upToDate),
  ].filter((s) => s !== "");
  if (changes.length > 0) sentences.push(`${capitalise(changes.join("; "))}.`);
  const kept = describeCounts("kept", summary.keptExisting);
  if (kept)
    sentences.push(`${capitalise(kept)} already in the folder rather than adding the importer's defaults.`);
  if (summary.written.length > 0) {
    sentences.push(`Wrote ${plural(summary.written.length, "file")}: ${summary.written.join(", ")}.`);
  }
  if (summary.unchanged.length > 0) {
    sentences.push(`${plural(summary.unchanged.length, "file")} already up to date.`);
  }
  if (summary.edited.length > 0) {
    sentences.push(`Moved the records it updates out of ${summary.edited.join(", ")}.`);
  }
  if (summary.skipped.length > 0) sentences.push(`Skipped: ${summary.skipped.join("; ")}.`);
  if (summary.notes.length > 0) sentences.push(`Notes: ${summary.notes.join("; ")}.`);
  return sentences.join(" ");
}

function describeCounts(verb: string, counts: KindCounts): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([kind, n]) => {
      const [one, many] = KIND_NAMES[kind] ?? [kind, kind];
      return plural(n ?? 0, one, many);
    });
  return parts.length > 0 ? `${verb} ${parts.join(", ")}` : "";
}

/** Counts are labelled in the plural ("skill levels"); one of them reads in the singular. */
function countOf(n: number, pluralLabel: string): string {
  if (n !== 1) return `${n.toLocaleString("en-GB")} ${pluralLabel}`;
  return `1 ${pluralLabel.replace(/ies$/, "y").replace(/s$/, "")}`;
}
