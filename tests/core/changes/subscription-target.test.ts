// Reading what follows /role subscribe against the shipped knowledge.
import { beforeAll, describe, expect, it } from "vitest";
import {
  commandTextFor,
  describeFilter,
  resolveSubscriptionTarget,
  sameFilter,
} from "../../../src/core/changes/subscription-target.ts";
import { createRolecall, type Rolecall } from "../../../src/core/engine.ts";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { SHIPPED_KNOWLEDGE } from "../../support/app-process.ts";

let rolecall: Rolecall;
beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE));
});

const resolve = (text: string) => resolveSubscriptionTarget(text, rolecall);

describe("resolving what a channel follows", () => {
  it.each(["", "  ", "all", "Everything"])("%j means every change", (text) => {
    expect(resolve(text)).toEqual({ status: "all" });
  });

  it("reads a skill code as that skill", () => {
    expect(resolve("ITMG")).toEqual({
      status: "found",
      filter: { kind: "skill", id: "sfia:ITMG", label: "IT management" },
    });
  });

  it("reads a skill code in any case, and a skill id", () => {
    expect(resolve("itmg")).toEqual(resolve("ITMG"));
    expect(resolve("sfia:itmg")).toEqual(resolve("ITMG"));
  });

  it("prefers a skill's name over a role's alias when both match", () => {
    expect(resolve("IT management")).toMatchObject({ status: "found", filter: { id: "sfia:ITMG" } });
  });

  it.each([
    ["SFIA", "sfia"],
    ["ddat", "ddat"],
    ["Skills Framework for the Information Age", "sfia"],
  ])("reads %j as a framework", (text, id) => {
    expect(resolve(text)).toEqual({
      status: "found",
      filter: { kind: "framework", id, label: rolecall.knowledge.frameworks.get(id)?.name },
    });
  });

  it("reads a role name as that role", () => {
    expect(resolve("IT service manager")).toEqual({
      status: "found",
      filter: { kind: "role", id: "it-service-manager", label: "IT service manager" },
    });
  });

  it("lets a kind word narrow the reading", () => {
    expect(resolve("role IT manager")).toMatchObject({ status: "found", filter: { kind: "role" } });
    expect(resolve("skill IT manager")).toMatchObject({ status: "unknown" });
  });

  it("says a RACI row has no updates of its own", () => {
    expect(resolve("change management")).toEqual({
      status: "not_followable",
      name: "Change management",
      kind: "process",
    });
  });

  it("suggests near names for a misspelling, without subscribing to any", () => {
    const result = resolve("IT servce manager");
    expect(result.status).toBe("unknown");
    expect(result.status === "unknown" && result.suggestions.map((s) => s.id)).toContain(
      "it-service-manager",
    );
  });

  it("suggests nothing for words that name nothing", () => {
    expect(resolve("xyzzy plugh")).toEqual({ status: "unknown", suggestions: [] });
  });

  it("offers the frameworks when a framework is asked for by a name it does not have", () => {
    const result = resolve("framework ITIL");
    expect(result.status === "unknown" && result.suggestions.map((s) => s.id)).toEqual([
      ...rolecall.knowledge.frameworks.keys(),
    ]);
  });
});

describe("describing a filter", () => {
  it("names a skill with its framework, code and name", () => {
    expect(
      describeFilter({ kind: "skill", id: "sfia:ITMG", label: "IT management" }, rolecall.knowledge),
    ).toBe("SFIA skill ITMG (IT management)");
  });

  it("falls back to the stored label when the knowledge no longer has the subject", () => {
    expect(describeFilter({ kind: "skill", id: "sfia:GONE", label: "Gone skill" }, rolecall.knowledge)).toBe(
      "SFIA skill GONE (Gone skill)",
    );
    expect(describeFilter({ kind: "role", id: "old-role", label: "Old role" })).toBe("the Old role role");
  });

  it("names frameworks, roles and everything", () => {
    expect(describeFilter({ kind: "framework", id: "ddat", label: "DDaT" }, rolecall.knowledge)).toBe(
      "the DDaT framework",
    );
    expect(describeFilter({ kind: "role", id: "it-manager", label: "IT manager" }, rolecall.knowledge)).toBe(
      "the IT manager role",
    );
    expect(describeFilter({ kind: "all" })).toBe("everything");
  });
});

describe("the text to type for a filter", () => {
  it("reads back as the same filter", () => {
    const filters = [
      { kind: "skill", id: "sfia:ITMG", label: "IT management" },
      { kind: "framework", id: "ddat", label: "DDaT" },
      { kind: "role", id: "it-service-manager", label: "IT service manager" },
    ] as const;
    for (const filter of filters) {
      const text = commandTextFor(filter, rolecall);
      const result = resolve(text);
      expect(result.status === "found" && sameFilter(result.filter, filter), text).toBe(true);
    }
  });
});
