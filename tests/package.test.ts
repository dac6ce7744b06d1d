// package.json states the Node versions the dependencies really need, and allows exactly the install
// scripts the dependencies have, as read from package-lock.json.
import { readFileSync } from "node:fs";
import path from "node:path";
// semver comes with npm's own tooling in node_modules (vite, pg and others depend on it).
import semver from "semver";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/run-cli.ts";

interface LockedPackage {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  engines?: { node?: string };
  hasInstallScript?: boolean;
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
  devEngines: { runtime: { name: string; version: string } };
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockedPackage>;
};
const locked = Object.entries(lock.packages)
  .filter(([key]) => key !== "")
  .map(([key, value]) => ({
    name: key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length),
    ...value,
  }));

const nodeRanges = (packages: typeof locked) =>
  packages.filter((p) => p.engines?.node).map((p) => ({ name: p.name, range: p.engines?.node ?? "" }));
const runtime = nodeRanges(locked.filter((p) => !p.dev));
// Platform-specific optional binaries (rolldown's, one per OS) say the same as the package that loads them.
const everything = nodeRanges(locked.filter((p) => !p.optional));

function lowest(range: string): string {
  return semver.minVersion(range)?.version ?? "none";
}

/** The release just before version: 20.18.0 before 20.18.1, 20.18.999 before 20.19.0. */
function before(version: string): string {
  const v = semver.parse(version);
  if (!v) return "0.0.0";
  return v.patch > 0 ? `${v.major}.${v.minor}.${v.patch - 1}` : `${v.major}.${v.minor - 1}.999`;
}

function refusing(version: string, ranges: typeof runtime): string[] {
  return ranges.filter((r) => !semver.satisfies(version, r.range)).map((r) => `${r.name} (${r.range})`);
}

describe("engines.node, the floor for running Rolecall", () => {
  const floor = lowest(pkg.engines.node);

  it("satisfies every runtime dependency", () => {
    expect(refusing(floor, runtime)).toEqual([]);
  });

  it("is no lower than one of them needs", () => {
    expect(refusing(before(floor), runtime)).not.toEqual([]);
  });
});

describe("devEngines, the floor for developing and testing", () => {
  const floor = lowest(pkg.devEngines.runtime.version);

  it("names node", () => {
    expect(pkg.devEngines.runtime.name).toBe("node");
  });

  it("satisfies every dependency, the test tools included", () => {
    expect(refusing(floor, everything)).toEqual([]);
  });

  it("is no lower than one of them needs", () => {
    expect(refusing(before(floor), everything)).not.toEqual([]);
  });
});

describe("allowScripts", () => {
  it("lists exactly the dependencies with install scripts", () => {
    const withScripts = [...new Set(locked.filter((p) => p.hasInstallScript).map((p) => p.name))].sort();
    expect(Object.keys(pkg.allowScripts).sort()).toEqual(withScripts);
    expect(Object.values(pkg.allowScripts).every((allowed) => allowed === true)).toBe(true);
  });
});
