// A temporary copy of the small fixture knowledge folder, with helpers to edit its files the way a person
// would (the tests' "on disk" edits).
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const FIXTURE_KNOWLEDGE = path.resolve(import.meta.dirname, "../fixtures/knowledge");

export interface TempKnowledge {
  dir: string;
  read(file: string): Promise<string>;
  write(file: string, text: string): Promise<void>;
  /** replaces one passage, failing loudly when it is not there (so a test cannot silently test nothing) */
  edit(file: string, from: string, to: string): Promise<void>;
  destroy(): Promise<void>;
}

export function copyFixtureKnowledge(): Promise<TempKnowledge> {
  return copyKnowledge(FIXTURE_KNOWLEDGE);
}

/** A temporary copy of any knowledge folder, e.g. the shipped one for tests that run the whole app. */
export async function copyKnowledge(source: string): Promise<TempKnowledge> {
  const root = await mkdtemp(path.join(tmpdir(), "rolecall-knowledge-"));
  const dir = path.join(root, "knowledge");
  await cp(source, dir, { recursive: true });
  const read = (file: string) => readFile(path.join(dir, file), "utf8");
  const write = (file: string, text: string) => writeFile(path.join(dir, file), text);
  return {
    dir,
    read,
    write,
    edit: async (file, from, to) => {
      const text = await read(file);
      if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
      await write(file, text.replace(from, to));
    },
    destroy: () => rm(root, { recursive: true, force: true }),
  };
}

/** The SFIA 7 -> 8 move: the framework's version, and ITMG renamed with its old name kept. */
export async function moveToSfia8(knowledge: TempKnowledge): Promise<void> {
  await knowledge.edit("frameworks.yaml", 'version: "7"', 'version: "8"');
  await knowledge.edit(
    "sfia-skills.yaml",
    "name: IT management",
    "name: Technology service management\n    formerNames: [IT management]",
  );
}
