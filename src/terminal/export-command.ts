// `rolecall export raci [--csv FILE | --xlsx FILE] [--knowledge DIR]`: writes the RACI matrix as a spreadsheet
// that `rolecall import raci` reads back unchanged; with no file, the CSV goes to stdout. Expected failures
// are one line on stderr and a non-zero exit, never a stack.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { CommandConfig } from "../config.ts";
import { ExportError } from "../core/knowledge/export/errors.ts";
import { raciCsv, raciWorkbook } from "../core/knowledge/export/raci.ts";
import { displayPath } from "../core/knowledge/load.ts";
import { fill } from "../core/text/template.ts";
import { type CommandIo, knowledgeDir, loadKnowledgeFor } from "./command.ts";

export const EXPORT_USAGE = "usage: rolecall export raci [--csv FILE | --xlsx FILE] [--knowledge DIR]";

export const EXPORT_EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

export const EXPORT_TEXT = Object.freeze({
  unknown: 'there is nothing called "{what}" to export; rolecall export raci writes the RACI matrix',
  missing: "say what to export: rolecall export raci",
  bothFiles: "give --csv FILE or --xlsx FILE, not both",
  extra: 'unexpected "{word}"; give the file with --csv FILE or --xlsx FILE',
  wrote: "Wrote the RACI matrix to {file}",
  cannotWrite: "cannot write {file} ({reason}), so nothing was exported",
});

export async function runExportCommand(
  argv: readonly string[],
  io: CommandIo,
  config: CommandConfig,
): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    return fail(io, EXPORT_EXIT.usage, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(`${EXPORT_USAGE}\n`);
    return EXPORT_EXIT.ok;
  }
  const [what, extra] = positionals;
  if (!what) return fail(io, EXPORT_EXIT.usage, EXPORT_TEXT.missing);
  if (what !== "raci") return fail(io, EXPORT_EXIT.usage, fill(EXPORT_TEXT.unknown, { what }));
  if (extra !== undefined) return fail(io, EXPORT_EXIT.usage, fill(EXPORT_TEXT.extra, { word: extra }));
  if (values.csv !== undefined && values.xlsx !== undefined) {
    return fail(io, EXPORT_EXIT.usage, EXPORT_TEXT.bothFiles);
  }
  const dir = knowledgeDir(values.knowledge, config);
  try {
    const kb = await loadKnowledgeFor(values.knowledge, config);
    const file = values.xlsx ?? values.csv;
    const content = values.xlsx !== undefined ? await raciWorkbook(kb) : raciCsv(kb);
    if (file === undefined) {
      io.stdout.write(content);
      return EXPORT_EXIT.ok;
    }
    await writeExport(file, content);
    io.stdout.write(`${fill(EXPORT_TEXT.wrote, { file })}\n`);
    return EXPORT_EXIT.ok;
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    const where = error.code === "EXPORT_NO_RACI" ? ` (knowledge folder ${displayPath(dir)})` : "";
    return fail(io, EXPORT_EXIT.failed, `${error.message}${where}`);
  }
}

async function writeExport(file: string, content: string | Buffer): Promise<void> {
  try {
    await writeFile(file, content);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ExportError("EXPORT_WRITE_FAILED", fill(EXPORT_TEXT.cannotWrite, { file, reason }));
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      csv: { type: "string" },
      xlsx: { type: "string" },
      knowledge: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

function fail(io: CommandIo, code: number, message: string): number {
  io.stderr.write(`rolecall export: ${message}\n`);
  return code;
}
