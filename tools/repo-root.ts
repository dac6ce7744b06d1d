// The repository's root folder, whether this code runs as TypeScript or compiled into dist/ (as every
// measured benchmark child process does): the nearest folder up holding package.json.
import { existsSync } from "node:fs";
import path from "node:path";

export const REPO_ROOT = findRoot(import.meta.dirname);

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
  return dir;
}
