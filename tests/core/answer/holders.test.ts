// RACI answers, role answers and the reverse RACI carry the people behind the roles as plain data, and the
// terminal names them after each role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../../src/core/engine.ts";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { renderText } from "../../../src/render/text.ts";
import { FIXTURE_KNOWLEDGE, type TempKnowledge } from "../../support/knowledge.ts";
import { ALICE, BOB, CAROL, CHANGE_MANAGERS, copyKnowledgeWithPeople, DAN } from "../../support/people.ts";

let knowledge: TempKnowledge;
let rolecall: Rolecall;

beforeAll(async () => {
  knowledge = await copyKnowledgeWithPeople();
  rolecall = createRolecall(await loadKnowledge(knowledge.dir));
});

afterAll(() => knowledge.destroy());

const CHANGE_MANAGER_HOLDERS = {
  roleId: "change-manager",
  role: "Change manager",
  userGroup: CHANGE_MANAGERS,
  people: [ALICE, BOB],
};

describe("a RACI answer", () => {
  it("carries the holders of every role it names", () => {
    const answer = rolecall.ask("raci change management");
    expect(answer.holders).toEqual([
      CHANGE_MANAGER_HOLDERS,
      { roleId: "it-service-manager", role: "IT service manager", people: [{ user: CAROL.user }] },
      { roleId: "service-desk-manager", role: "Service desk manager", people: [DAN] },
    ]);
  });

  it("names them after each role in the terminal, the group by its handle", () => {
    const text = renderText(rolecall.ask("raci change management"));
    expect(text).toContain(
      `  Responsible: Change manager — ${ALICE.name}, ${BOB.name}, @${CHANGE_MANAGERS}\n  Accountable: IT service manager — ${CAROL.user}\n`,
    );
    expect(text).toContain(`  Consulted: Service desk manager — ${DAN.name}\n`);
  });
});

describe("a role answer", () => {
  it("carries the role's holders and shows them as Held by", () => {
    const answer = rolecall.ask("Change manager");
    expect(answer.intent).toBe("role");
    expect(answer.holders).toEqual([CHANGE_MANAGER_HOLDERS]);
    expect(renderText(answer)).toContain(`Held by: ${ALICE.name}, ${BOB.name}, @${CHANGE_MANAGERS}`);
  });

  it("has no holders where the knowledge records none", async () => {
    const answer = createRolecall(await loadKnowledge(FIXTURE_KNOWLEDGE)).ask("Change manager");
    expect(answer.holders).toBeUndefined();
    expect(renderText(answer)).not.toContain("Held by");
  });
});

describe("the reverse RACI", () => {
  it("carries the asked role's holders and names them in its RACI lines", () => {
    const answer = rolecall.ask("what is the change manager responsible for");
    expect(answer.intent).toBe("raci");
    expect(answer.holders).toEqual([CHANGE_MANAGER_HOLDERS]);
    expect(renderText(answer)).toContain(
      `  Responsible: Change manager — ${ALICE.name}, ${BOB.name}, @${CHANGE_MANAGERS}`,
    );
  });
});
