// The importers' public surface: run an import, describe it, and the error it fails with.
export { DDAT_ATTRIBUTION } from "./ddat.ts";
export { ImportError, type ImportErrorCode } from "./errors.ts";
export { IMPORT_LIMITS } from "./read-csv.ts";
export { IMPORTER_REGISTRY } from "./registry.ts";
export { GENERATED_MARKER } from "./render.ts";
export {
  formatImportSummary,
  IMPORTERS,
  type ImporterName,
  type ImportRequest,
  type ImportSummary,
  isImporterName,
  runImport,
} from "./run.ts";
export { SFIA_ATTRIBUTION } from "./sfia.ts";
