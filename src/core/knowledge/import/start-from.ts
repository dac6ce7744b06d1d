// An import into a folder that holds no knowledge yet starts from a copy of another knowledge folder
// (the CLI passes the configured one, the shipped ./knowledge by default), so importing SFIA into a new
// folder keeps the RACI and organisation roles instead of silently leaving them behind.
import { constants } from "node:fs";
import { copyFile, rm, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import { displayPath, listYamlFiles } from "../load.ts";
import { makeDirs } from "../make-dirs.ts";
import { exists } from "./apply.ts";
import { ImportError } from "./errors.ts";
import { SCHEMA_FILE } from "./render.ts";

export interface StartedFrom {
  /** the folder copied, as shown to people */
  from: string;
  /** files copied, relative to the folder, with forward slashes */
  files: string[];
  /** undoes the copy: removes the files and any folder it created */
  undo(): Promise<void>;
}

/**
 * Copies the knowledge files of `from` into `out` when `out` is missing or holds no YAML. Returns
 * undefined when `out` already holds knowledge or is `from` itself; refuses a `from` with no knowledge.
 */
export async function startFrom(from: string, out: string): Promise<StartedFrom | undefined> {
  const source = path.resolve(from);
  const target = path.resolve(out);
  // A file where the folder should be is reported by the import itself.
  if (source === target || (await isFile(target)) || (await yamlFilesIn(target)).length > 0) return undefined;
  const yaml = await yamlFilesIn(source);
  if (yaml.length === 0) {
    throw new ImportError(
      "IMPORT_INPUTS",
      `${displayPath(target)} holds no knowledge yet and there is none to start from in ${displayPath(source)}; set KNOWLEDGE_DIR (or --knowledge) to the knowledge to start from, or pass --bare to import this framework alone`,
    );
  }
  const schema = path.join(source, SCHEMA_FILE);
  // A schema file the folder already has is its own: kept, and never removed by an undo.
  const schemaToCopy = (await isFile(schema)) && !(await exists(path.join(target, SCHEMA_FILE)));
  const files = [...yaml, ...(schemaToCopy ? [schema] : [])].map((f) =>
    path.relative(source, f).split(path.sep).join("/"),
  );
  const createdRoot = !(await exists(target));
  const createdDirs: string[] = [];
  const copied: string[] = [];
  const undo = async () => {
    await Promise.all(copied.map((f) => rm(path.join(target, f), { force: true })));
    for (const dir of createdDirs.sort((a, b) => b.length - a.length))
      await rmdir(dir).catch(() => undefined);
    if (createdRoot) await rmdir(target).catch(() => undefined);
  };
  try {
    for (const relative of files) {
      const destination = path.join(target, relative);
      const made = await makeDirs(path.dirname(destination));
      if (made) createdDirs.push(made);
      await copyFile(path.join(source, relative), destination, constants.COPYFILE_EXCL);
      copied.push(relative);
    }
  } catch (error) {
    await undo();
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ImportError(
      "IMPORT_WRITE_FAILED",
      `cannot copy the knowledge in ${displayPath(source)} to ${displayPath(target)} (${code}), so nothing was imported`,
    );
  }
  return { from: displayPath(source), files, undo };
}

async function yamlFilesIn(dir: string): Promise<string[]> {
  try {
    if (!(await stat(dir)).isDirectory()) return [];
    return await listYamlFiles(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
