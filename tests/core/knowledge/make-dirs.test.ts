import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDirs, makeDirsSync } from "../../../src/core/knowledge/make-dirs.ts";

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "rolecall-make-dirs-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("making folders", () => {
  it("makes every missing parent and returns the first one it made", async () => {
    expect(await makeDirs(path.join(scratch, "a", "b", "c"))).toBe(path.join(scratch, "a"));
    expect((await stat(path.join(scratch, "a", "b", "c"))).isDirectory()).toBe(true);
    expect(makeDirsSync(path.join(scratch, "a", "b", "d"))).toBe(path.join(scratch, "a", "b", "d"));
  });

  it("returns nothing when the folder is already there", async () => {
    expect(await makeDirs(scratch)).toBeUndefined();
    expect(makeDirsSync(scratch)).toBeUndefined();
  });

  it("refuses a path through a file", async () => {
    const file = path.join(scratch, "file");
    await writeFile(file, "");
    await expect(makeDirs(path.join(file, "x"))).rejects.toMatchObject({ code: "ENOTDIR" });
    expect(() => makeDirsSync(path.join(file, "x"))).toThrow(/ENOTDIR/);
  });

  // Node's mkdir with recursive: true never returns for these.
  it("fails at once under /proc", async () => {
    await expect(makeDirs("/proc/rolecall-test/data")).rejects.toMatchObject({ code: "ENOENT" });
    expect(() => makeDirsSync("/proc/rolecall-test/data")).toThrow(/ENOENT/);
  });
});
