// Writes a set of files so that either all of them change or none do: each is staged as a hidden temp
// file beside its target (the loader skips dot-files) and renamed into place only when all are staged.
import { randomBytes } from "node:crypto";
import { rename, rmdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeDirs } from "../make-dirs.ts";

export interface WrittenFiles {
  dir: string;
  /** relative path -> text before the write, or undefined for a new file */
  previous: Map<string, string | undefined>;
  /** Folders the write created, so an undo can remove them again. */
  createdDirs: string[];
}

export async function writeFilesAtomically(
  dir: string,
  files: ReadonlyMap<string, string>,
  previous: ReadonlyMap<string, string | undefined>,
): Promise<WrittenFiles> {
  const createdDirs: string[] = [];
  const staged: Array<[string, string]> = [];
  try {
    for (const [relative, text] of files) {
      const target = path.join(dir, relative);
      const made = await makeDirs(path.dirname(target));
      for (let d = path.dirname(target); made && d.startsWith(made); d = path.dirname(d)) createdDirs.push(d);
      const temp = path.join(
        path.dirname(target),
        `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
      );
      staged.push([temp, target]);
      await writeFile(temp, text, "utf8");
    }
    for (const [temp, target] of staged) await rename(temp, target);
  } catch (error) {
    await Promise.all(staged.map(([temp]) => unlink(temp).catch(() => undefined)));
    await undoWrite({ dir, previous: new Map(previous), createdDirs });
    throw error;
  }
  return { dir, previous: new Map(previous), createdDirs };
}

/** Puts every written file back as it was: earlier text restored, new files removed, new folders removed. */
export async function undoWrite(written: WrittenFiles): Promise<void> {
  const restore = new Map<string, string>();
  for (const [relative, text] of written.previous) {
    if (text === undefined) await unlink(path.join(written.dir, relative)).catch(() => undefined);
    else restore.set(relative, text);
  }
  for (const [relative, text] of restore) {
    const target = path.join(written.dir, relative);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.restore.tmp`);
    await writeFile(temp, text, "utf8");
    await rename(temp, target);
  }
  for (const folder of [...new Set(written.createdDirs)].sort((a, b) => b.length - a.length)) {
    await rmdir(folder).catch(() => undefined);
  }
}
