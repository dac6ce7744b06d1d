import { describe, expect, it } from "vitest";
import { summariseChanges } from "../../../src/core/changes/summary.ts";
import { changesBetween, edit } from "./fixtures.ts";

const SKILL = `
skills:
  - framework: sfia
    code: ITMG
    name: IT management
    description: Looks after the IT estate.
    levels:
      - { level: 5, description: Runs the operation. }
      - { level: 6, description: Decides on resources. }
raci:
  - { id: change-management, kind: process, name: Change management, description: Controls changes., accountable: change-manager }
`;

describe("summariseChanges", () => {
  let after = edit(SKILL, "name: IT management", "name: Technology service management");
  after = edit(after, "Runs the operation.", "Runs the whole operation.");
  after = edit(after, "Decides on resources.", "Decides on people and resources.");
  after = edit(after, "accountable: change-manager", "accountable: it-service-manager");
  const changes = changesBetween(SKILL, after);
  const summary = summariseChanges(changes);

  it("groups changes by subject, in the order they were listed", () => {
    expect(summary.groups.map((g) => [g.kind, g.id])).toEqual([
      ["skill", "sfia:ITMG"],
      ["raci", "change-management"],
    ]);
  });

  it("counts each subject's changes by type", () => {
    expect(summary.groups[0]?.counts).toEqual({ skill_renamed: 1, level_text_changed: 2 });
  });

  it("names each group after its subject as it reads now", () => {
    expect(summary.groups[0]?.name).toBe("Technology service management");
  });

  it("counts all changes and the subjects per kind", () => {
    expect([summary.total, summary.subjects]).toEqual([4, { skill: 1, raci: 1 }]);
  });

  it("gives a one-line headline", () => {
    expect(summary.headline).toBe("4 changes: 1 skill, 1 RACI row");
  });

  it("says there are no changes for an empty list", () => {
    expect(summariseChanges([])).toEqual({ total: 0, subjects: {}, headline: "No changes", groups: [] });
  });
});
