// `rolecall import NAME FILE... --out DIR [--version V] [--create-roles] [--bare] [--json]`: parses the arguments, runs
// the import and prints a one-paragraph summary (or JSON). Expected failures print a message, never a stack.
// A --out folder with no knowledge yet starts as a copy of the configured knowledge (--knowledge, else
// KNOWLEDGE_DIR, else ./knowledge, the shipped one), unless --bare asks for the framework alone.
import { parseArgs } from "node:util";
import { type CommandConfig, loadCommandConfig } from "../config.ts";
import {
  formatImportSummary,
  IMPORTER_REGISTRY,
  IMPORTERS,
  ImportError,
  type ImportSummary,
  isImporterName,
  runImport,
} from "../core/knowledge/import/index.ts";
import { knowledgeDir } from "./command.ts";

export const IMPORT_USAGE = `usage: rolecall import ${IMPORTERS.join("|")} FILE... --out DIR [--version V] [--create-roles] [--sheet NAME] [--knowledge DIR | --bare] [--json]`;

export interface ImportCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const IMPORT_EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/** A new --out folder starts from --knowledge DIR, else KNOWLEDGE_DIR as config.ts read it. */
export async function runImportCommand(
  argv: readonly string[],
  io: ImportCommandIo,
  config: CommandConfig = loadCommandConfig(),
): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    return usageError(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(`${IMPORT_USAGE}\n`);
    return IMPORT_EXIT.ok;
  }
  const [importer, ...files] = positionals;
  if (!importer) return usageError(io, "say which importer to run");
  if (!isImporterName(importer)) {
    return usageError(io, `there is no importer called "${importer}"; choose one of ${IMPORTERS.join(", ")}`);
  }
  if (files.length === 0) {
    const csv = IMPORTER_REGISTRY.find((i) => i.name === importer)?.usage === undefined;
    return usageError(io, `give the ${importer} ${csv ? "CSV " : ""}file(s) to import`);
  }
  if (values["create-roles"] && importer !== "raci") {
    return usageError(io, "--create-roles is for import raci, whose role columns may name new roles");
  }
  if (values.sheet !== undefined && importer !== "raci") {
    return usageError(io, "--sheet is for import raci, to choose a workbook's sheet");
  }
  if (!values.out) return usageError(io, "say which knowledge folder to write with --out DIR");
  if (values.bare && values.knowledge !== undefined) {
    return usageError(io, "--bare imports with no other knowledge, so it cannot start from --knowledge");
  }
  const startFrom = values.bare ? undefined : knowledgeDir(values.knowledge, config);

  let summary: ImportSummary;
  try {
    summary = await runImport({
      importer,
      files,
      out: values.out,
      version: values.version,
      startFrom,
      createRoles: values["create-roles"] ?? false,
      ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    });
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    if (values.json) {
      const { code, message, file, row, line, details } = error;
      // Every bad cell or ladder field, one string each, for scripts that show them.
      const problems = details.length > 0 ? { problems: details } : {};
      io.stdout.write(
        `${JSON.stringify({ ok: false, error: { code, message, file, row, line, ...problems } }, null, 2)}\n`,
      );
    } else {
      io.stderr.write(`rolecall import: ${error.message}\n`);
    }
    return IMPORT_EXIT.failed;
  }
  io.stdout.write(
    values.json
      ? `${JSON.stringify({ ok: true, ...summary }, null, 2)}\n`
      : `${formatImportSummary(summary)}\n`,
  );
  return IMPORT_EXIT.ok;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      out: { type: "string", short: "o" },
      version: { type: "string" },
      knowledge: { type: "string" },
      bare: { type: "boolean" },
      "create-roles": { type: "boolean" },
      sheet: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

function usageError(io: ImportCommandIo, message: string): number {
  io.stderr.write(`rolecall import: ${message}\n${IMPORT_USAGE}\n`);
  return IMPORT_EXIT.usage;
}
