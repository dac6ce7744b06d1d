// Who holds a role: a role's Slack user group and users, and roster files mapping role ids to people.
import { describe, expect, it } from "vitest";
import { buildKnowledge } from "../../../src/core/knowledge/load.ts";
import type { KnowledgeProblem } from "../../../src/core/knowledge/problems.ts";

const ROLES = `roles:
  - id: change-manager
    name: Change manager
    summary: Runs change.
    holders:
      userGroup: change-managers
      users: [U0ALICE01]
  - id: it-manager
    name: IT manager
    summary: Runs IT.
`;

function build(...files: Array<[string, string]>) {
  return buildKnowledge(files.map(([file, text]) => ({ file, text })));
}

function problemsOf(...files: Array<[string, string]>): KnowledgeProblem[] {
  return build(...files).problems;
}

describe("a role naming its holders", () => {
  it("keeps the user group handle and the user ids", () => {
    const { kb, problems } = build(["roles.yaml", ROLES]);
    expect(problems).toEqual([]);
    expect(kb.roles.get("change-manager")?.holders).toEqual({
      userGroup: "change-managers",
      users: ["U0ALICE01"],
    });
  });

  it("refuses a user group written with its @, naming the field", () => {
    const [problem] = problemsOf([
      "roles.yaml",
      ROLES.replace("userGroup: change-managers", 'userGroup: "@change-managers"'),
    ]);
    expect(problem).toMatchObject({ file: "roles.yaml", line: 6, field: "roles[0].holders.userGroup" });
    expect(problem?.message).toMatch(/^must be a Slack user group handle such as change-managers/);
  });

  it("refuses a user id that is not a Slack user id", () => {
    const [problem] = problemsOf(["roles.yaml", ROLES.replace("[U0ALICE01]", "[alice]")]);
    expect(problem).toMatchObject({ line: 7, field: "roles[0].holders.users[0]" });
    expect(problem?.message).toBe('must be a Slack user id such as U0123ABCD, got "alice"');
  });

  it("refuses an unknown holders field", () => {
    const [problem] = problemsOf(["roles.yaml", ROLES.replace("userGroup:", "group:")]);
    expect(problem).toMatchObject({ line: 6, field: "roles[0].holders.group" });
    expect(problem?.message).toMatch(/unknown field "group"/);
  });
});

describe("a roster file", () => {
  const ROSTER = `roster:
  - role: change-manager
    people:
      - { user: U0BOB0001, name: Bob Jones }
      - { name: Carol King }
  - role: it-manager
    people:
      - { name: Dan Ode }
`;

  it("maps role ids to people", () => {
    const { kb, problems } = build(["roles.yaml", ROLES], ["roster.yaml", ROSTER]);
    expect(problems).toEqual([]);
    expect(kb.roster.get("change-manager")).toEqual([
      { user: "U0BOB0001", name: "Bob Jones" },
      { name: "Carol King" },
    ]);
    expect(kb.roster.get("it-manager")).toEqual([{ name: "Dan Ode" }]);
  });

  it("merges entries for one role across files, each person once", () => {
    const more =
      "roster:\n  - role: change-manager\n    people:\n      - { user: U0BOB0001 }\n      - { name: Eve Lane }\n";
    const { kb, problems } = build(["roles.yaml", ROLES], ["roster.yaml", ROSTER], ["more.yaml", more]);
    expect(problems).toEqual([]);
    expect(kb.roster.get("change-manager")?.map((p) => p.name)).toEqual([
      "Bob Jones",
      "Carol King",
      "Eve Lane",
    ]);
  });

  it("reports an unknown role id with did-you-mean, at the entry's role", () => {
    const [problem, ...rest] = problemsOf(
      ["roles.yaml", ROLES],
      ["roster.yaml", ROSTER.replace("role: it-manager", "role: it-managr")],
    );
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: "roster.yaml", line: 6, column: 11, field: "roster[1].role" });
    expect(problem?.message).toBe('unknown role "it-managr"; did you mean "it-manager"?');
  });

  it("reports a person with neither a user id nor a name", () => {
    const [problem] = problemsOf(
      ["roles.yaml", ROLES],
      ["roster.yaml", ROSTER.replace("{ name: Dan Ode }", "{}")],
    );
    expect(problem).toMatchObject({ file: "roster.yaml", line: 8, field: "roster[1].people[0]" });
    expect(problem?.message).toMatch(/^a person needs a Slack user id \(user\), a name, or both/);
  });

  it("reports an entry without people", () => {
    const [problem] = problemsOf(
      ["roles.yaml", ROLES],
      ["roster.yaml", "roster:\n  - role: it-manager\n    people: []\n"],
    );
    expect(problem).toMatchObject({ line: 3, field: "roster[0].people" });
    expect(problem?.message).toBe("expected at least 1 item(s)");
  });

  it("reports a bad Slack user id in the roster", () => {
    const [problem] = problemsOf(["roles.yaml", ROLES], ["roster.yaml", ROSTER.replace("U0BOB0001", "bob")]);
    expect(problem).toMatchObject({ line: 4, field: "roster[0].people[0].user" });
  });
});
