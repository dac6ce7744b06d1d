// The CLI names the people behind the roles from the roster; user groups can't be looked up there, so they
// are shown by their handle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TempKnowledge } from "../support/knowledge.ts";
import { ALICE, BOB, CAROL, CHANGE_MANAGERS, copyKnowledgeWithPeople } from "../support/people.ts";
import { runCli } from "../support/run-cli.ts";

let knowledge: TempKnowledge;
beforeAll(async () => {
  knowledge = await copyKnowledgeWithPeople();
});
afterAll(() => knowledge.destroy());

describe("rolecall ask about a RACI row whose roles have holders", () => {
  it("names the roster's people after each role and the user group by its handle", async () => {
    const result = await runCli(["ask", "raci change management", "--knowledge", knowledge.dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `  Responsible: Change manager — ${ALICE.name}, ${BOB.name}, @${CHANGE_MANAGERS}\n`,
    );
  });

  it("gives the holders as data in --json", async () => {
    const result = await runCli(["ask", "IT service manager", "--json", "--knowledge", knowledge.dir]);
    const json = JSON.parse(result.stdout) as { holders: unknown };
    expect(json.holders).toEqual([
      { roleId: "it-service-manager", role: "IT service manager", people: [{ user: CAROL.user }] },
    ]);
  });
});
