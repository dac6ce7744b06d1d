import { describe, expect, it } from "vitest";
import {
  parseSnapshot,
  SNAPSHOT_FORMAT_VERSION,
  SnapshotError,
  snapshotHash,
  toSnapshot,
} from "../../../src/core/changes/snapshot.ts";
import { buildKnowledge } from "../../../src/core/knowledge/load.ts";
import { BASE_YAML, edit, snapshotOf } from "./fixtures.ts";

const KNOWLEDGE = `
skills:
  - framework: sfia
    code: ZZZZ
    name: Last   skill
    description: |
      Spread over
      two lines.
    levels:
      - { level: 6, description: Six. }
      - { level: 3, description: Three. }
  - framework: sfia
    code: AAAA
    name: First skill
    aliases: [zeta, alpha]
    description: First.
    levels:
      - { level: 2, description: Two. }
raci:
  - id: change-management
    kind: process
    name: Change management
    description: Controls changes.
    accountable: change-manager
    informed: [service-desk-manager, it-service-manager]
`;

describe("toSnapshot", () => {
  const snapshot = snapshotOf(BASE_YAML, KNOWLEDGE);

  it("records the snapshot format version", () => {
    expect(snapshot.formatVersion).toBe(SNAPSHOT_FORMAT_VERSION);
  });

  it("sorts entities by id", () => {
    expect(snapshot.skills.map((s) => s.id)).toEqual(["sfia:AAAA", "sfia:ZZZZ"]);
  });

  it("leaves out the file each entity came from", () => {
    expect(JSON.stringify(snapshot)).not.toContain("fixture-");
  });

  it("collapses whitespace in text", () => {
    const last = snapshot.skills[1];
    expect([last?.name, last?.description]).toEqual(["Last skill", "Spread over two lines."]);
  });

  it("sorts lists whose order carries no meaning", () => {
    expect(snapshot.skills[0]?.aliases).toEqual(["alpha", "zeta"]);
  });

  it("sorts a skill's levels by level number", () => {
    expect(snapshot.skills[1]?.levels.map((l) => l.level)).toEqual([3, 6]);
  });

  it("sorts RACI role lists", () => {
    expect(snapshot.raci[0]?.informed).toEqual(["it-service-manager", "service-desk-manager"]);
  });

  it("drops empty RACI role lists", () => {
    expect(snapshot.raci[0]).not.toHaveProperty("responsible");
  });

  it("is plain JSON: a round trip gives an equal snapshot", () => {
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it("does not change the knowledge base it reads", () => {
    const { kb } = buildKnowledge([{ file: "k.yaml", text: `${BASE_YAML}` }]);
    const roleBefore = structuredClone(kb.roles.get("change-manager"));
    toSnapshot(kb);
    expect(kb.roles.get("change-manager")).toEqual(roleBefore);
  });
});

describe("snapshotHash", () => {
  const snapshot = snapshotOf(BASE_YAML, KNOWLEDGE);

  it("is a sha256 in hex", () => {
    expect(snapshotHash(snapshot)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the same after a JSON round trip", () => {
    expect(snapshotHash(JSON.parse(JSON.stringify(snapshot)))).toBe(snapshotHash(snapshot));
  });

  it("is the same when object keys come back in another order", () => {
    const reordered = Object.fromEntries(Object.entries(snapshot).reverse()) as typeof snapshot;
    expect(snapshotHash(reordered)).toBe(snapshotHash(snapshot));
  });

  it("is the same for reflowed text and reordered lists", () => {
    const reflowed = edit(
      edit(KNOWLEDGE, "aliases: [zeta, alpha]", "aliases: [alpha, zeta]"),
      "description: |\n      Spread over\n      two lines.",
      "description: Spread over two   lines.",
    );
    expect(snapshotHash(snapshotOf(BASE_YAML, reflowed))).toBe(snapshotHash(snapshot));
  });

  it("changes when a word changes", () => {
    const edited = snapshotOf(BASE_YAML, edit(KNOWLEDGE, "Controls changes.", "Controls all changes."));
    expect(snapshotHash(edited)).not.toBe(snapshotHash(snapshot));
  });
});

describe("parseSnapshot", () => {
  const snapshot = snapshotOf(BASE_YAML, KNOWLEDGE);
  const stored = () => JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;

  it("accepts a snapshot read back from JSON", () => {
    expect(parseSnapshot(stored())).toEqual(snapshot);
  });

  it("accepts fields it does not know, so a later schema field does not break old snapshots", () => {
    const value = stored();
    value.skills = snapshot.skills.map((s) => ({ ...s, futureField: "x" }));
    expect(() => parseSnapshot(value)).not.toThrow();
  });

  it("refuses another format version with SNAPSHOT_FORMAT_UNSUPPORTED", () => {
    expect(() => parseSnapshot({ ...stored(), formatVersion: 99 })).toThrow(
      expect.objectContaining({ code: "SNAPSHOT_FORMAT_UNSUPPORTED" }),
    );
  });

  it.each([
    ["null", null],
    ["a string", "not a snapshot"],
    ["an array", []],
    ["an object without format", {}],
  ])("refuses %s with SNAPSHOT_INVALID", (_label, value) => {
    expect(() => parseSnapshot(value)).toThrow(expect.objectContaining({ code: "SNAPSHOT_INVALID" }));
  });

  it("names the bad field when a skill has no levels list", () => {
    const value = stored();
    value.skills = snapshot.skills.map(({ levels: _levels, ...rest }) => rest);
    expect(() => parseSnapshot(value)).toThrow(/skills\.0\.levels/);
  });

  it("refuses a RACI row whose Accountable is not a role id", () => {
    const value = stored();
    value.raci = snapshot.raci.map((row) => ({ ...row, accountable: 42 }));
    expect(() => parseSnapshot(value)).toThrow(SnapshotError);
  });
});
