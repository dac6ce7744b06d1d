// mkdir -p without Node's recursive mkdir, which never returns under /proc (the kernel answers ENOENT for
// a folder whose parent exists, and libuv retries forever at full CPU). Each missing folder is made in
// turn, so an unusable place fails at once with an ordinary error.
import { mkdirSync, statSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";

/** Makes dir and any missing parents; returns the first folder it made, as mkdir's recursive option does. */
export function makeDirsSync(dir: string, mode?: number): string | undefined {
  const missing = missingDirs(dir, (d) => statSync(d).isDirectory());
  for (const d of missing) made(() => mkdirSync(d, mode));
  return missing[0];
}

export async function makeDirs(dir: string, mode?: number): Promise<string | undefined> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const found = await stat(current).then(
      (s) => s.isDirectory(),
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
        return undefined;
      },
    );
    if (found === false) throw notADirectory(current);
    if (found) break;
    const parent = path.dirname(current);
    if (parent === current) break;
    missing.unshift(current);
    current = parent;
  }
  for (const d of missing) {
    await mkdir(d, mode).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  }
  return missing[0];
}

/** The folders to make, outermost first; throws when the nearest existing one is not a folder. */
function missingDirs(dir: string, isDirectory: (dir: string) => boolean): string[] {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    let found: boolean;
    try {
      found = isDirectory(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      const parent = path.dirname(current);
      if (parent === current) return missing;
      missing.unshift(current);
      current = parent;
      continue;
    }
    if (!found) throw notADirectory(current);
    return missing;
  }
}

function made(make: () => void): void {
  try {
    make();
  } catch (error) {
    // made in the meantime by someone else: that is what was wanted
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

function notADirectory(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${file}'`), {
    code: "ENOTDIR",
    path: file,
  });
}
