import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appVersion, versionStamp } from "../../src/notify/app-version.ts";

const PACKAGE = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as {
  version: string;
};

describe("the version a publish is stamped with", () => {
  it("is package.json's version", () => {
    expect(appVersion()).toBe(PACKAGE.version);
  });

  it("carries the knowledge revision when one is configured", () => {
    expect(versionStamp("42")).toEqual({ app: PACKAGE.version, revision: "42" });
    expect(versionStamp(undefined)).toEqual({ app: PACKAGE.version });
  });
});
