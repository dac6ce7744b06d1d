// The rolecall command line: ask, me, schema, import, export, diff and publish, and the knowledge-gaps report.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type CommandConfig, loadCommandConfig } from "./config.ts";
import { IMPORTER_REGISTRY } from "./core/knowledge/import/index.ts";
import { KnowledgeError } from "./core/knowledge/problems.ts";
import { runAskCommand, runMeCommand } from "./terminal/ask-command.ts";
import { type CommandIo, UsageError } from "./terminal/command.ts";
import { runExportCommand } from "./terminal/export-command.ts";
import { runImportCommand } from "./terminal/import-command.ts";
import { runPublishCommand } from "./terminal/publish-command.ts";
import { runReportCommand } from "./terminal/report-command.ts";
import { runSchemaCommand } from "./terminal/schema-command.ts";

const USAGE = `Usage: rolecall <command> [options]

Commands:
  ask "QUESTION" [--json]          answer one question (--json prints one JSON object); questions about
                                   you ("what do I need for the next level") use your profile
  me [ROLE LEVEL | SKILLS | clear] show, set or forget your profile, e.g. rolecall me senior IT service
                                   manager, rolecall me ITMG 5, PROG 3 (kept in $ROLECALL_PROFILE_FILE,
                                   default DATA_DIR/profile.json)
  schema [--out FILE]              print or write the JSON Schema for knowledge files
  diff [--json]                    show what publishing the knowledge would announce (publishes nothing)
  publish [--json]                 store a knowledge snapshot and queue notifications for subscribed
                                   channels (the running bot posts them; uses DATA_DIR or DATABASE_URL)
  report gaps [--json] [--since 30d]
                                   questions the knowledge did not answer well, by nearest subject,
                                   and where an answer belongs (reads DATA_DIR or DATABASE_URL)
${IMPORTER_REGISTRY.map((i) => `  ${`import ${i.name} ${i.usage ?? "FILE... --out DIR"}`.padEnd(33)}${i.summary}`).join("\n")}
                                   (import options: --version V, --json; a DIR with no knowledge yet
                                   starts as a copy of --knowledge DIR or $KNOWLEDGE_DIR or ./knowledge,
                                   or holds only the import with --bare)
  export raci [--csv FILE | --xlsx FILE]
                                   write the RACI matrix as a spreadsheet import raci reads back
                                   unchanged (CSV on stdout without a file)

Options:
  --knowledge DIR                  knowledge folder (default: $KNOWLEDGE_DIR or ./knowledge)
  --help                           show this help`;

export async function runCli(
  argv: readonly string[],
  io: CommandIo,
  config: CommandConfig = loadCommandConfig(),
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    // The importer has options of its own (--version), so it parses its own arguments.
    if (command === "import") return await runImportCommand(rest, io, config);
    if (command === "export") return await runExportCommand(rest, io, config);
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        knowledge: { type: "string" },
        out: { type: "string" },
        since: { type: "string" },
      },
    });
    switch (command) {
      case "ask":
        return await runAskCommand(
          { positionals, json: values.json ?? false, knowledge: values.knowledge },
          io,
          config,
        );
      case "me":
        return await runMeCommand(
          { positionals, json: values.json ?? false, knowledge: values.knowledge },
          io,
          config,
        );
      case "schema":
        return await runSchemaCommand({ out: values.out }, io);
      case "diff":
      case "publish":
        return await runPublishCommand(
          { mode: command, json: values.json ?? false, knowledge: values.knowledge },
          io,
          config,
        );
      case "report":
        return await runReportCommand(
          { positionals, json: values.json ?? false, ...(values.since ? { since: values.since } : {}) },
          io,
          config,
        );
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CommandIo): number {
  if (error instanceof KnowledgeError) {
    io.stderr.write(`rolecall: ${error.message}\n`);
    return 1;
  }
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    io.stderr.write(`rolecall: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`rolecall: ${message}\n`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
}
