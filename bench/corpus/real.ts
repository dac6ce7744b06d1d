// The real frameworks as people run them: the shipped knowledge with the SFIA 9 export and the DDaT CSVs
// from shared/realdata beside the repo (never copied into it) imported by Rolecall's own importers into
// a temporary copy, the combined corpus of eval/corpora.ts; and the shipped knowledge alone.
import { buildCombinedCorpus, DDAT_FILES, SFIA9_FILES, SHIPPED_KNOWLEDGE } from "../../eval/corpora.ts";

export { DDAT_FILES, SFIA9_FILES, SHIPPED_KNOWLEDGE };

export interface ImportedCorpus {
  /** knowledge folder: the shipped knowledge with SFIA 9 and DDaT imported into it */
  dir: string;
  importMs: number;
  remove(): Promise<void>;
}

export function importRealCorpus(): Promise<ImportedCorpus> {
  return buildCombinedCorpus();
}
