import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffSnapshots, MAX_SUMMARY_CHARS } from "../../../src/core/changes/diff.ts";
import { EXCERPT_LIMITS } from "../../../src/core/changes/excerpt.ts";
import { type KnowledgeSnapshot, SnapshotError } from "../../../src/core/changes/snapshot.ts";
import type { Change } from "../../../src/core/changes/types.ts";
import { BASE_YAML, changesBetween, edit, snapshotOf } from "./fixtures.ts";

// Fixture wording is our own; SFIA's licensed text is only read from ../shared at test time.
const SKILL = `
skills:
  - framework: sfia
    code: ITMG
    name: IT management
    version: "7"
    category: Service management
    subcategory: Service strategy
    aliases: [Infrastructure management, IT ops management]
    description: Looks after the IT estate and the people and money needed to run services on it.
    levels:
      - level: 5
        description: Runs the IT operation day to day, making sure agreed service levels are met and the relevant procedures are followed by everyone.
      - level: 6
        description: Decides which resources the services need and argues for them with senior stakeholders.
`;

const ROLE = `
roles:
  - id: release-manager
    name: Release manager
    framework: org
    summary: Plans and coordinates releases so that changes reach users safely, on time and with clear notes.
    responsibilities:
      - plan the release calendar
      - run go/no-go meetings
      - keep release notes up to date
    skills:
      - { skill: "sfia:ITMG", level: 3 }
    roleLevels:
      - id: senior-release-manager
        name: Senior release manager
        rank: 2
        description: Leads releases across several products.
`;

const RACI = `
raci:
  - id: change-management
    kind: process
    name: Change management
    description: Controls the lifecycle of all changes.
    responsible: change-manager
    accountable: change-manager
    consulted: [problem-manager]
    informed: [service-desk-manager, it-service-manager]
`;

const GENERIC_LEVEL = `
levels:
  - framework: sfia
    level: 5
    name: Ensure/advise
    aliases: [Ensure, Advise]
    description: You answer for significant outcomes in a technical area and give authoritative advice to others.
`;

interface Case {
  name: string;
  before: string | string[];
  after: string | string[];
  expected: Partial<Change>;
}

/** Each edit gives exactly one change, with these fields. */
function itGivesOneChange(cases: Case[]): void {
  it.each(cases)("$name", ({ before, after, expected }) => {
    expect(changesBetween(before, after)).toEqual([expect.objectContaining(expected)]);
  });
}

describe("diffSnapshots", () => {
  it("reports nothing on the first publish, when there is no earlier snapshot", () => {
    expect(diffSnapshots(undefined, snapshotOf(BASE_YAML, SKILL))).toEqual([]);
  });

  it("reports nothing when the knowledge is the same", () => {
    expect(changesBetween([SKILL, ROLE, RACI, GENERIC_LEVEL], [SKILL, ROLE, RACI, GENERIC_LEVEL])).toEqual(
      [],
    );
  });

  it("refuses a snapshot of another format, saying to store a new baseline", () => {
    const after = snapshotOf(BASE_YAML);
    const before = { ...after, formatVersion: 0 } as unknown as KnowledgeSnapshot;
    expect(() => diffSnapshots(before, after)).toThrow(
      expect.objectContaining({
        code: "SNAPSHOT_FORMAT_UNSUPPORTED",
        message: expect.stringContaining("baseline"),
      }),
    );
    expect(() => diffSnapshots(before, after)).toThrow(SnapshotError);
  });
});

describe("when a framework changes", () => {
  const FRAMEWORKS = `
frameworks:
  - { id: sfia, name: SFIA, version: "7", url: "https://sfia-online.org/" }
`;
  it.each<Case>([
    {
      name: "a new version gives framework_version_changed",
      before: FRAMEWORKS,
      after: edit(FRAMEWORKS, 'version: "7"', 'version: "9"'),
      expected: {
        type: "framework_version_changed",
        id: "sfia",
        before: "7",
        after: "9",
        summary: "SFIA moved from version 7 to 9",
      },
    },
    {
      name: "a new framework gives framework_added",
      before: FRAMEWORKS,
      after: `${FRAMEWORKS}  - { id: ddat, name: DDaT, version: "2024" }\n`,
      expected: { type: "framework_added", id: "ddat", summary: "Framework DDaT version 2024 added" },
    },
    {
      name: "a dropped framework gives framework_removed",
      before: `${FRAMEWORKS}  - { id: ddat, name: DDaT, version: "2024" }\n`,
      after: FRAMEWORKS,
      expected: { type: "framework_removed", id: "ddat", summary: "Framework DDaT removed" },
    },
    {
      name: "another field gives framework_changed naming the field",
      before: FRAMEWORKS,
      after: edit(FRAMEWORKS, "https://sfia-online.org/", "https://sfia-online.org/en"),
      expected: {
        type: "framework_changed",
        field: "url",
        summary: "SFIA: url changed from “https://sfia-online.org/” to “https://sfia-online.org/en”",
      },
    },
  ])("$name", ({ before, after, expected }) => {
    expect(diffSnapshots(snapshotOf(String(before)), snapshotOf(String(after)))).toEqual([
      expect.objectContaining(expected),
    ]);
  });
});

describe("when a skill changes", () => {
  itGivesOneChange([
    {
      name: "a new skill gives skill_added",
      before: "",
      after: SKILL,
      expected: {
        type: "skill_added",
        kind: "skill",
        id: "sfia:ITMG",
        framework: "sfia",
        summary: "SFIA skill ITMG (IT management) added",
      },
    },
    {
      name: "a dropped skill gives skill_removed",
      before: SKILL,
      after: "",
      expected: {
        type: "skill_removed",
        id: "sfia:ITMG",
        summary: "SFIA skill ITMG (IT management) removed",
      },
    },
    {
      name: "a new name for the same code gives skill_renamed",
      before: SKILL,
      after: edit(SKILL, "name: IT management", "name: Technology service management"),
      expected: {
        type: "skill_renamed",
        id: "sfia:ITMG",
        name: "Technology service management",
        before: "IT management",
        after: "Technology service management",
        summary: "ITMG renamed from IT management to Technology service management",
      },
    },
    {
      name: "a new category gives skill_moved",
      before: SKILL,
      after: edit(SKILL, "category: Service management", "category: Delivery and operation"),
      expected: {
        type: "skill_moved",
        before: "Service management / Service strategy",
        after: "Delivery and operation / Service strategy",
        summary:
          "ITMG moved from Service management / Service strategy to Delivery and operation / Service strategy",
      },
    },
    {
      name: "a reworded description gives skill_description_changed with an excerpt",
      before: SKILL,
      after: edit(SKILL, "the people and money", "the people, tools and money"),
      expected: {
        type: "skill_description_changed",
        summary: "ITMG description changed",
        excerpt: "…IT estate and the people{+, tools+} and money needed to run…",
      },
    },
    {
      name: "a new level gives level_added with its text",
      before: SKILL,
      after: `${SKILL}      - { level: 7, description: Sets the strategy. }\n`,
      expected: {
        type: "level_added",
        id: "sfia:ITMG",
        level: 7,
        summary: "ITMG level 7 added",
        excerpt: "{+Sets the strategy.+}",
      },
    },
    {
      name: "a dropped level gives level_removed",
      before: SKILL,
      after: edit(
        SKILL,
        "      - level: 6\n        description: Decides which resources the services need and argues for them with senior stakeholders.\n",
        "",
      ),
      expected: { type: "level_removed", level: 6, summary: "ITMG level 6 removed" },
    },
    {
      name: "a reworded level gives level_text_changed with a word-level excerpt",
      before: SKILL,
      after: edit(SKILL, "the relevant procedures", "the relevant policies and procedures"),
      expected: {
        type: "level_text_changed",
        level: 5,
        summary: "ITMG level 5 description changed",
        excerpt: "…are met and the relevant {+policies and+} procedures are followed by everyone.",
      },
    },
    {
      name: "another field gives skill_changed naming the field and what was added",
      before: SKILL,
      after: edit(SKILL, "aliases: [Infrastructure management,", "aliases: [Infrastructure management, Ops,"),
      expected: { type: "skill_changed", field: "aliases", summary: "ITMG: aliases added “Ops”" },
    },
    {
      name: "a version of its own, apart from the framework's, gives skill_changed",
      before: SKILL,
      after: edit(SKILL, 'version: "7"', 'version: "8"'),
      expected: { type: "skill_changed", field: "version", before: "7", after: "8" },
    },
  ]);

  it("folds the old name recorded among the former names into the rename", () => {
    const after = edit(
      SKILL,
      "name: IT management",
      "name: Technology service management\n    formerNames: [IT management]",
    );
    expect(changesBetween(SKILL, after).map((c) => c.type)).toEqual(["skill_renamed"]);
  });
});

describe("when a framework's own level changes", () => {
  itGivesOneChange([
    {
      name: "a new level gives level_added",
      before: "",
      after: GENERIC_LEVEL,
      expected: {
        type: "level_added",
        kind: "level",
        id: "sfia:5",
        level: 5,
        framework: "sfia",
        summary: "SFIA level 5 (Ensure/advise) added",
      },
    },
    {
      name: "a dropped level gives level_removed",
      before: GENERIC_LEVEL,
      after: "",
      expected: { type: "level_removed", id: "sfia:5" },
    },
    {
      name: "a new name gives level_renamed",
      before: GENERIC_LEVEL,
      after: edit(GENERIC_LEVEL, "name: Ensure/advise", "name: Ensure, advise"),
      expected: {
        type: "level_renamed",
        summary: "SFIA level 5 renamed from Ensure/advise to Ensure, advise",
      },
    },
    {
      name: "a reworded description gives level_text_changed",
      before: GENERIC_LEVEL,
      after: edit(GENERIC_LEVEL, "authoritative advice", "expert advice"),
      expected: {
        type: "level_text_changed",
        summary: "SFIA level 5 (Ensure/advise) description changed",
        excerpt: "…a technical area and give [-authoritative-]{+expert+} advice to others.",
      },
    },
    {
      name: "another field gives level_changed",
      before: GENERIC_LEVEL,
      after: edit(GENERIC_LEVEL, "[Ensure, Advise]", "[Ensure]"),
      expected: {
        type: "level_changed",
        field: "aliases",
        summary: "SFIA level 5 (Ensure/advise): aliases removed “Advise”",
      },
    },
  ]);
});

describe("when a role changes", () => {
  const withSkill = (role: string) => [SKILL, role];
  itGivesOneChange([
    {
      name: "a new role gives role_added",
      before: withSkill(""),
      after: withSkill(ROLE),
      expected: {
        type: "role_added",
        id: "release-manager",
        framework: "org",
        roles: ["release-manager"],
        summary: "Role Release manager added",
      },
    },
    {
      name: "a dropped role gives role_removed",
      before: withSkill(ROLE),
      after: withSkill(""),
      expected: { type: "role_removed", summary: "Role Release manager removed" },
    },
    {
      name: "a new name for the same id gives role_renamed",
      before: withSkill(ROLE),
      after: withSkill(edit(ROLE, "name: Release manager", "name: Release train engineer")),
      expected: {
        type: "role_renamed",
        before: "Release manager",
        after: "Release train engineer",
        summary: "Role renamed from Release manager to Release train engineer",
      },
    },
    {
      name: "a new responsibility gives role_changed saying which",
      before: withSkill(ROLE),
      after: withSkill(
        edit(
          ROLE,
          "      - run go/no-go meetings\n",
          "      - run go/no-go meetings\n      - chair the CAB\n",
        ),
      ),
      expected: {
        type: "role_changed",
        field: "responsibilities",
        summary: "Release manager: responsibilities added “chair the CAB”",
      },
    },
    {
      name: "a dropped responsibility gives role_changed saying which",
      before: withSkill(ROLE),
      after: withSkill(edit(ROLE, "      - run go/no-go meetings\n", "")),
      expected: {
        type: "role_changed",
        field: "responsibilities",
        summary: "Release manager: responsibilities removed “run go/no-go meetings”",
      },
    },
    {
      name: "a reworded summary gives role_changed with an excerpt",
      before: withSkill(ROLE),
      after: withSkill(edit(ROLE, "safely, on time", "safely, reliably, on time")),
      expected: {
        type: "role_changed",
        field: "summary",
        summary: "Release manager: summary changed",
        excerpt: "…that changes reach users safely, {+reliably,+} on time and with clear…",
      },
    },
    {
      name: "a new skill level gives role_changed naming the skill and both levels",
      before: withSkill(ROLE),
      after: withSkill(edit(ROLE, "level: 3 }", "level: 4 }")),
      expected: {
        type: "role_changed",
        field: "skills",
        summary: "Release manager: skills changed “sfia:ITMG” level 3 → 4",
      },
    },
    {
      name: "a new role level gives role_level_added",
      before: withSkill(ROLE),
      after: withSkill(
        `${ROLE}      - { id: lead-release-manager, name: Lead release manager, description: Owns the release practice. }\n`,
      ),
      expected: {
        type: "role_level_added",
        id: "release-manager",
        roleLevel: "lead-release-manager",
        roles: ["release-manager", "lead-release-manager"],
        summary: "Release manager: role level Lead release manager added",
      },
    },
    {
      name: "a dropped role level gives role_level_removed",
      before: withSkill(ROLE),
      after: withSkill(edit(ROLE, ROLE.slice(ROLE.indexOf("    roleLevels:")), "")),
      expected: {
        type: "role_level_removed",
        roleLevel: "senior-release-manager",
        summary: "Release manager: role level Senior release manager removed",
      },
    },
    {
      name: "a changed role level gives role_level_changed naming the field",
      before: withSkill(ROLE),
      after: withSkill(edit(ROLE, "rank: 2", "rank: 3")),
      expected: {
        type: "role_level_changed",
        roleLevel: "senior-release-manager",
        field: "rank",
        before: 2,
        after: 3,
        summary: "Release manager › Senior release manager: rank changed from 2 to 3",
      },
    },
  ]);
});

describe("when a RACI row changes", () => {
  itGivesOneChange([
    {
      name: "a new Accountable role says who it moved from and to, by name",
      before: RACI,
      after: edit(RACI, "accountable: change-manager", "accountable: it-service-manager"),
      expected: {
        type: "raci_changed",
        id: "change-management",
        field: "accountable",
        before: "change-manager",
        after: "it-service-manager",
        roles: ["change-manager", "it-service-manager"],
        summary: "Change management: Accountable moved from Change manager to IT service manager",
      },
    },
    {
      name: "a role added to Consulted says so",
      before: RACI,
      after: edit(RACI, "consulted: [problem-manager]", "consulted: [problem-manager, service-desk-manager]"),
      expected: {
        type: "raci_changed",
        field: "consulted",
        before: ["problem-manager"],
        after: ["problem-manager", "service-desk-manager"],
        summary: "Change management: Service desk manager added to Consulted",
      },
    },
    {
      name: "a role removed from Informed says so",
      before: RACI,
      after: edit(
        RACI,
        "informed: [service-desk-manager, it-service-manager]",
        "informed: [it-service-manager]",
      ),
      expected: {
        type: "raci_changed",
        field: "informed",
        summary: "Change management: Service desk manager removed from Informed",
      },
    },
    {
      name: "roles added to and removed from Responsible are said together",
      before: RACI,
      after: edit(RACI, "responsible: change-manager", "responsible: [it-service-manager, problem-manager]"),
      expected: {
        type: "raci_changed",
        field: "responsible",
        summary:
          "Change management: IT service manager and Problem manager added to Responsible; Change manager removed from Responsible",
      },
    },
    {
      name: "a new row gives raci_row_added naming every role in it",
      before: "",
      after: RACI,
      expected: {
        type: "raci_row_added",
        roles: ["change-manager", "problem-manager", "it-service-manager", "service-desk-manager"],
        summary: "RACI process Change management added (Accountable: Change manager)",
      },
    },
    {
      name: "a dropped row gives raci_row_removed",
      before: RACI,
      after: "",
      expected: { type: "raci_row_removed", summary: "RACI process Change management removed" },
    },
    {
      name: "a new name for the same id gives raci_row_renamed",
      before: RACI,
      after: edit(RACI, "name: Change management", "name: Change enablement"),
      expected: {
        type: "raci_row_renamed",
        before: "Change management",
        after: "Change enablement",
        summary: "RACI process renamed from Change management to Change enablement",
      },
    },
    {
      name: "a reworded description gives raci_row_changed",
      before: RACI,
      after: edit(RACI, "Controls the lifecycle of all changes.", "Controls the lifecycle of every change."),
      expected: {
        type: "raci_row_changed",
        field: "description",
        before: "Controls the lifecycle of all changes.",
        after: "Controls the lifecycle of every change.",
        summary:
          "Change management: description changed from “Controls the lifecycle of all changes.” to “Controls the lifecycle of every change.”",
      },
    },
  ]);
});

describe("when SFIA 7 becomes SFIA 8 and ITMG is renamed", () => {
  const sfia7 = snapshotOf(BASE_YAML, SKILL);
  const sfia8 = snapshotOf(
    edit(BASE_YAML, 'version: "7"', 'version: "8"'),
    edit(
      edit(SKILL, 'version: "7"', 'version: "8"'),
      "name: IT management",
      "name: Technology service management\n    formerNames: [IT management]",
    ),
  );
  const changes = diffSnapshots(sfia7, sfia8);

  it("reports exactly the version move and the rename, in that order", () => {
    expect(changes.map((c) => [c.type, c.id])).toEqual([
      ["framework_version_changed", "sfia"],
      ["skill_renamed", "sfia:ITMG"],
    ]);
  });

  it("says the skill was renamed from its old name to its new one", () => {
    expect(changes[1]?.summary).toBe("ITMG renamed from IT management to Technology service management");
  });

  it("says the framework moved from version 7 to 8", () => {
    expect(changes[0]?.summary).toBe("SFIA moved from version 7 to 8");
  });
});

describe("when ITMG level 5 moves from the earlier wording to the SFIA 7 wording", () => {
  const seeds = path.resolve(import.meta.dirname, "../../../../shared/seeds");
  const seedText = (file: string, from: string, to: string) => {
    const text = readFileSync(path.join(seeds, file), "utf8");
    const start = text.indexOf(from) + from.length;
    return text.slice(start, text.indexOf(to, start)).trim();
  };
  const earlier = seedText("000_0ce4af277dc424f0.txt", "==== SFIA Level 5 ====", "====");
  const sfia7 = seedText("001_6d664cfa27535077.txt", "IT management: Level 5", "IT management: Level 6");
  const skillWith = (level5: string) => `
skills:
  - framework: sfia
    code: ITMG
    name: IT management
    description: Looks after the IT estate.
    levels:
      - level: 5
        description: >-
          ${level5}
`;
  const changes = changesBetween(skillWith(earlier), skillWith(sfia7));
  const excerpt = changes[0]?.excerpt ?? "";

  it("gives one level_text_changed for level 5", () => {
    expect(changes.map((c) => [c.type, c.level])).toEqual([["level_text_changed", 5]]);
  });

  it("shows the inserted words with their context", () => {
    expect(excerpt).toContain("(including storage{+, modification+} and communication");
  });

  it("marks a replaced word as removed and added", () => {
    expect(excerpt).toContain("[-infra-structure-]{+infrastructure+}");
  });

  it("stays within the excerpt bound and never quotes the whole text", () => {
    expect(earlier.length).toBeGreaterThan(EXCERPT_LIMITS.maxChars);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_LIMITS.maxChars);
    expect(excerpt).toMatch(/…$/);
  });
});

describe("edits that change nothing", () => {
  const FOLDED = `
skills:
  - framework: sfia
    code: ITMG
    name: IT management
    description: >
      Looks after the IT estate
      and the people.
    levels:
      - { level: 5, description: Runs the operation. }
      - { level: 6, description: Decides on resources. }
`;
  it.each<Omit<Case, "expected">>([
    {
      name: "a description reflowed into a literal block with extra spaces",
      before: FOLDED,
      after: edit(
        FOLDED,
        "description: >\n      Looks after the IT estate\n      and the people.",
        "description: |\n      Looks after   the IT estate  \n      and the people.\n",
      ),
    },
    {
      name: "a quoted description with trailing spaces",
      before: FOLDED,
      after: edit(
        FOLDED,
        "{ level: 5, description: Runs the operation. }",
        '{ level: 5, description: "  Runs the   operation.  " }',
      ),
    },
    {
      name: "the skill's levels listed in another order",
      before: FOLDED,
      after: edit(
        FOLDED,
        "      - { level: 5, description: Runs the operation. }\n      - { level: 6, description: Decides on resources. }",
        "      - { level: 6, description: Decides on resources. }\n      - { level: 5, description: Runs the operation. }",
      ),
    },
    {
      name: "aliases listed in another order",
      before: SKILL,
      after: edit(
        SKILL,
        "[Infrastructure management, IT ops management]",
        "[IT ops management, Infrastructure management]",
      ),
    },
    {
      name: "responsibilities listed in another order",
      before: [SKILL, ROLE],
      after: [
        SKILL,
        edit(
          ROLE,
          "      - plan the release calendar\n      - run go/no-go meetings\n",
          "      - run go/no-go meetings\n      - plan the release calendar\n",
        ),
      ],
    },
    {
      name: "RACI roles listed in another order",
      before: RACI,
      after: edit(
        RACI,
        "[service-desk-manager, it-service-manager]",
        "[it-service-manager, service-desk-manager]",
      ),
    },
    {
      name: "a single Responsible role written as a list",
      before: RACI,
      after: edit(RACI, "responsible: change-manager", "responsible: [change-manager]"),
    },
    {
      name: "a skill moved to another file",
      before: [SKILL, RACI],
      after: [`${RACI}\n${SKILL}`],
    },
  ])("$name is not a change", ({ before, after }) => {
    expect(changesBetween(before, after)).toEqual([]);
  });

  it("an empty list is the same as no list", () => {
    const withoutAliases = edit(SKILL, "    aliases: [Infrastructure management, IT ops management]\n", "");
    const emptyAliases = edit(SKILL, "[Infrastructure management, IT ops management]", "[]");
    expect(changesBetween(withoutAliases, emptyAliases)).toEqual([]);
  });
});

describe("snapshots read back from JSON", () => {
  const before = snapshotOf(BASE_YAML, SKILL, ROLE, RACI);
  const after = snapshotOf(
    edit(BASE_YAML, 'version: "7"', 'version: "8"'),
    edit(SKILL, "the relevant procedures", "the relevant policies and procedures"),
    edit(ROLE, "      - run go/no-go meetings\n", ""),
    edit(RACI, "accountable: change-manager", "accountable: it-service-manager"),
  );
  const roundTrip = (s: KnowledgeSnapshot) => JSON.parse(JSON.stringify(s)) as KnowledgeSnapshot;

  it("diff exactly as the snapshots they were written from", () => {
    expect(diffSnapshots(roundTrip(before), roundTrip(after))).toEqual(diffSnapshots(before, after));
  });

  it("diff the same when the store reorders object keys, as PostgreSQL jsonb does", () => {
    expect(diffSnapshots(reverseKeys(before), reverseKeys(after))).toEqual(diffSnapshots(before, after));
  });

  it("show no changes against themselves after a round trip", () => {
    expect(diffSnapshots(reverseKeys(before), before)).toEqual([]);
  });
});

describe("the order of changes", () => {
  const before = snapshotOf(BASE_YAML, SKILL, ROLE, RACI, GENERIC_LEVEL);
  const after = snapshotOf(
    edit(BASE_YAML, 'version: "7"', 'version: "8"'),
    edit(
      edit(SKILL, "name: IT management", "name: Technology service management"),
      "the relevant procedures",
      "the procedures",
    ),
    edit(ROLE, "rank: 2", "rank: 3"),
    edit(
      edit(RACI, "accountable: change-manager", "accountable: it-service-manager"),
      "consulted: [problem-manager]",
      "consulted: []",
    ),
    edit(GENERIC_LEVEL, "authoritative", "expert"),
  );

  it("lists frameworks first, then levels, skills, roles and RACI rows, each by id, level and type", () => {
    expect(
      diffSnapshots(before, after).map(
        (c) => `${c.type} ${c.id}${c.level ? ` ${c.level}` : ""}${c.field ? ` ${c.field}` : ""}`,
      ),
    ).toEqual([
      "framework_version_changed sfia",
      "level_text_changed sfia:5 5",
      "skill_renamed sfia:ITMG",
      "level_text_changed sfia:ITMG 5",
      "role_level_changed release-manager rank",
      "raci_changed change-management accountable",
      "raci_changed change-management consulted",
    ]);
  });

  it("does not depend on the order of the snapshots' lists", () => {
    const shuffled: KnowledgeSnapshot = {
      ...after,
      frameworks: [...after.frameworks].reverse(),
      roles: [...after.roles].reverse(),
      skills: after.skills.map((s) => ({ ...s, levels: [...s.levels].reverse() })),
    };
    expect(diffSnapshots(before, shuffled)).toEqual(diffSnapshots(before, after));
  });
});

describe("summaries", () => {
  it("stay within their bound for a very long name", () => {
    const long = "Very long name ".repeat(40).trim();
    const [change] = changesBetween(SKILL, edit(SKILL, "name: IT management", `name: ${long}`));
    expect(change?.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
  });

  it("name at most three list items and count the rest", () => {
    const many = ["a", "b", "c", "d", "e"].map((x) => `      - duty ${x}\n`).join("");
    const [change] = changesBetween(
      [SKILL, ROLE],
      [
        SKILL,
        edit(ROLE, "      - plan the release calendar\n", `      - plan the release calendar\n${many}`),
      ],
    );
    expect(change?.summary).toBe(
      "Release manager: responsibilities added “duty a”, “duty b”, “duty c” and 2 more",
    );
  });
});

/** Rebuilds every object with its keys in reverse order, as a database that does not keep key order might. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    ) as T;
  }
  return value;
}
