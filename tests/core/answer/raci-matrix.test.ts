// The RACI matrix answer: its rows and columns checked against knowledge/raci*.yaml as the yaml package reads
// it (not against the engine), for the whole matrix and for each way of asking for part of it.
import { beforeAll, describe, expect, it } from "vitest";
import { MATRIX_TEXT, raciMatrixQuestion } from "../../../src/core/answer/raci-matrix.ts";
import type { Answer } from "../../../src/core/answer/types.ts";
import { createRolecall, type Rolecall } from "../../../src/core/engine.ts";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import type { RaciMatrixFilter } from "../../../src/core/knowledge/raci-matrix.ts";
import { renderText } from "../../../src/render/text.ts";
import { FIXTURE_KNOWLEDGE } from "../../support/knowledge.ts";
import {
  cellLetters,
  SHIPPED_KNOWLEDGE,
  type YamlRaciRow,
  yamlRaciRows,
  yamlRoleNames,
} from "../../support/raci-yaml.ts";

let rolecall: Rolecall;
const yamlRows = yamlRaciRows();
const roleNames = yamlRoleNames();
const roleIdByName = new Map([...roleNames].map(([id, name]) => [name, id]));

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE));
});

/** Every cell of the answer's table as the YAML has it, and a column for each role the rows name. */
function expectMatrixOf(answer: Answer, rows: readonly YamlRaciRow[]) {
  expect(answer.intent).toBe("raci_matrix");
  const table = answer.table;
  if (!table) throw new Error("the answer has no table");
  expect(table.rows.map((r) => r[0])).toEqual(rows.map((r) => r.name));
  const columnIds = table.columns.slice(1).map((name) => roleIdByName.get(name));
  expect(new Set(columnIds)).toEqual(new Set(rows.flatMap((r) => [...r.letters.keys()])));
  expect(columnIds).toHaveLength(new Set(columnIds).size);
  for (const [i, row] of rows.entries()) {
    const cells = table.rows[i]?.slice(1) ?? [];
    const letters = new Map(columnIds.map((id, c) => [id, cellLetters(cells[c] ?? "")]));
    for (const id of columnIds)
      expect(letters.get(id), `${row.name} / ${id}`).toBe(row.letters.get(id ?? "") ?? "");
  }
  expect(answer.matrix?.rowIds).toEqual(rows.map((r) => r.id));
}

/** A row's name and aliases, as lower-case words with a plural s taken off. */
function rowWords(row: YamlRaciRow): Set<string> {
  const all = [row.name, ...(row.aliases ?? [])].join(" ").toLowerCase();
  return new Set(all.split(/[^a-z0-9]+/).map((w) => (w.length > 3 ? w.replace(/s$/, "") : w)));
}

describe("the whole RACI matrix", () => {
  it("has a row per RACI row and a column per role, each cell the letters of the YAML", () => {
    const answer = rolecall.ask("raci matrix");
    expectMatrixOf(answer, yamlRows);
    expect(answer.table?.columns[0]).toBe(MATRIX_TEXT.firstColumn);
    expect(answer.summary).toBe(
      "37 rows (21 processes, 8 practices and 8 tools) and 28 roles. R is Responsible, A Accountable, C Consulted, I Informed.",
    );
  });

  it("writes a cell of several letters in R, A, C, I order with slashes", async () => {
    // The fixture's Service desk manager is consulted and informed about change management.
    const fixture = createRolecall(await loadKnowledge(FIXTURE_KNOWLEDGE));
    const table = fixture.ask("raci matrix").table;
    const column = table?.columns.indexOf("Service desk manager") ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(table?.rows.find((r) => r[0] === "Change management")?.[column]).toBe("C/I");
  });

  it("offers each kind of row on its own", () => {
    expect(rolecall.ask("raci matrix").followUps.map((f) => f.question)).toEqual([
      "RACI matrix for processes",
      "RACI matrix for practices",
      "RACI matrix for tools",
    ]);
  });
});

describe("part of the RACI matrix", () => {
  it("by kind: raci matrix for tools", () => {
    const answer = rolecall.ask("raci matrix for tools");
    expectMatrixOf(
      answer,
      yamlRows.filter((r) => r.kind === "tool"),
    );
    expect(answer.table?.columns[0]).toBe("Tool");
    expect(answer.followUps.map((f) => f.question)).toEqual(["RACI matrix"]);
  });

  it("by words of the rows' names: show the RACI matrix for service management", () => {
    const answer = rolecall.ask("show the RACI matrix for service management");
    const expected = yamlRows.filter((r) => rowWords(r).has("service") && rowWords(r).has("management"));
    expect(expected.length).toBeGreaterThan(3);
    expectMatrixOf(answer, expected);
    expect(answer.title).toBe("RACI matrix for service management");
  });

  it("by role: raci matrix for the change manager, that role's column first", () => {
    const answer = rolecall.ask("raci matrix for the change manager");
    expectMatrixOf(
      answer,
      yamlRows.filter((r) => r.letters.has("change-manager")),
    );
    expect(answer.table?.columns[1]).toBe("Change manager");
    expect(answer.subjects[0]).toMatchObject({ kind: "role", id: "change-manager" });
    expect(rolecall.ask("RACI matrix for the change manager role").matrix?.filter).toEqual({
      roleId: "change-manager",
    });
  });

  it("by kind and role together", () => {
    const answer = rolecall.ask("RACI matrix of practices for the IT manager");
    expectMatrixOf(
      answer,
      yamlRows.filter((r) => r.kind === "practice" && r.letters.has("it-manager")),
    );
  });

  it("says so when no row matches, with the whole matrix to ask for", () => {
    const answer = rolecall.ask("raci matrix for xyzzy");
    expect(answer).toMatchObject({
      intent: "raci_matrix",
      summary: "No process, practice or tool in the RACI is called anything with “xyzzy”.",
    });
    expect(answer.table).toBeUndefined();
    expect(answer.followUps.map((f) => f.question)).toEqual(["RACI matrix"]);
  });
});

describe("asking for a matrix again", () => {
  it.each<RaciMatrixFilter>([
    {},
    { kind: "process" },
    { roleId: "it-service-manager" },
    { words: "service management" },
    { kind: "tool", roleId: "change-manager" },
    { kind: "practice", words: "incident" },
  ])("the answer's question for %j asks for the same part", (filter) => {
    const question = raciMatrixQuestion(rolecall.knowledge, filter);
    const answer = rolecall.ask(question);
    expect(answer.matrix?.filter).toEqual(filter);
    expect(answer.matrix?.question).toBe(question);
  });
});

describe("questions that are not for the matrix", () => {
  it.each([
    ["who is accountable for change management", "raci"],
    ["raci for change management", "raci"],
    ["what is the change manager responsible for", "raci"],
  ])("%s stays a %s question", (question, intent) => {
    expect(rolecall.ask(question).intent).toBe(intent);
  });
});

describe("the matrix as text", () => {
  it("numbers the role columns and lists the numbers' roles below", () => {
    const answer = rolecall.ask("raci matrix for tools");
    const lines = renderText(answer).split("\n");
    const header = lines.find((l) => l.trimStart().startsWith("Tool")) ?? "";
    expect(header.trim().split(/\s+/).slice(1, 4)).toEqual(["1", "2", "3"]);
    const firstRole = answer.table?.columns[1] ?? "";
    expect(lines).toContain("Roles");
    expect(lines).toContain(`   1  ${firstRole}`);
    // Each tool's letters for role 1 stand under the 1.
    const at = header.indexOf(" 1 ") + 1;
    for (const tool of yamlRows.filter((r) => r.kind === "tool")) {
      const line = lines.find((l) => l.trimStart().startsWith(`${tool.name} `)) ?? "";
      expect(line.charAt(at).trim(), tool.name).toBe(
        tool.letters.get(roleIdByName.get(firstRole) ?? "") ?? "",
      );
    }
  });
});
