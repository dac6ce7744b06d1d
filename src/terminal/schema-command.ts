// `rolecall schema [--out FILE]`: writes the JSON Schema editors use to check knowledge files.
import { writeFile } from "node:fs/promises";
import { knowledgeJsonSchema } from "../core/knowledge/schema.ts";
import type { CommandIo } from "./command.ts";

export async function runSchemaCommand(args: { out?: string }, io: CommandIo): Promise<number> {
  const text = `${JSON.stringify(knowledgeJsonSchema(), null, 2)}\n`;
  if (args.out) {
    await writeFile(args.out, text);
    io.stdout.write(`Wrote ${args.out}\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}
