// How a rendered answer names the people behind its roles: escaped, capped, and never a mention unless the
// adapter asked for mentions.
import { describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/answer/types.ts";
import { MORE_PEOPLE, NAME_UNAVAILABLE } from "../../../src/slack/messages.ts";
import type { ResolvedHolders } from "../../../src/slack/people/directory.ts";
import { HOLDERS_SHOWN, labelsOf } from "../../../src/slack/people/labels.ts";
import { renderAnswer } from "../../../src/slack/render/answer.ts";

const RACI_ANSWER: Answer = {
  intent: "raci",
  title: "Change management",
  notices: [],
  sections: [],
  facts: [],
  subjects: [],
  sources: [],
  followUps: [],
  raci: { responsible: ["Change manager"], accountable: ["IT manager"], consulted: [], informed: [] },
  holders: [
    {
      roleId: "change-manager",
      role: "Change manager",
      userGroup: "change-managers",
      people: [{ user: "U0ALICE01", name: "<!here> Alice & co" }, { name: "Dan *Ode*" }],
    },
  ],
};

function fieldTexts(answer: Answer, people?: Parameters<typeof renderAnswer>[1]["people"]): string[] {
  const { blocks } = renderAnswer(answer, {
    question: "q",
    surface: "message",
    ...(people ? { people } : {}),
  });
  return blocks.flatMap((b) => ("fields" in b && b.fields ? b.fields.map((f) => f.text) : []));
}

describe("an answer rendered without looked-up people", () => {
  it("names the knowledge's people and the group handle, escaped, and mentions nobody", () => {
    expect(fieldTexts(RACI_ANSWER)).toContain(
      "*Responsible*\nChange manager — &lt;!here&gt; Alice &amp; co, Dan *Ode*, @change-managers",
    );
  });
});

describe("looked-up people", () => {
  const resolved: ResolvedHolders[] = [
    {
      role: "Change manager",
      users: [{ id: "U0ALICE01", rosterName: "Alice" }, { id: "U0ERIN001" }],
      names: [],
      group: { handle: "change-managers", resolved: true },
    },
  ];

  it("are mentions in mention mode", () => {
    const labels = labelsOf(resolved, "mention", new Map());
    expect(labels.get("Change manager")).toEqual(["<@U0ALICE01>", "<@U0ERIN001>"]);
  });

  it("are Slack's names in names mode, then the roster's, then a plain placeholder", () => {
    const labels = labelsOf(resolved, "names", new Map([["U0ALICE01", "Alice Smith"]]));
    expect(labels.get("Change manager")).toEqual(["Alice Smith", NAME_UNAVAILABLE]);
    const rosterOnly = labelsOf(resolved, "names", new Map());
    expect(rosterOnly.get("Change manager")?.[0]).toBe("Alice");
  });

  it(`list at most ${HOLDERS_SHOWN} people per role and count the rest`, () => {
    const many: ResolvedHolders[] = [
      {
        role: "R",
        users: Array.from({ length: 11 }, (_, i) => ({ id: `U0MANY${String(i).padStart(3, "0")}` })),
        names: [],
      },
    ];
    const labels = labelsOf(many, "mention", new Map()).get("R") ?? [];
    expect(labels).toHaveLength(HOLDERS_SHOWN + 1);
    expect(labels.at(-1)).toBe(MORE_PEOPLE.replace("{count}", "3"));
  });

  it("set roles apart with semicolons when people follow them", () => {
    const answer: Answer = {
      ...RACI_ANSWER,
      raci: { accountable: [], consulted: [], informed: [], responsible: ["Change manager", "IT manager"] },
    };
    const people = new Map([["Change manager", ["<@U0ALICE01>", "<@U0ERIN001>"]]]);
    expect(fieldTexts(answer, people)).toContain(
      "*Responsible*\nChange manager — <@U0ALICE01>, <@U0ERIN001>; IT manager",
    );
  });
});
