import { describe, expect, it } from "vitest";
import { matchesSubscription, type SubscriptionFilter } from "../../../src/core/changes/subscription.ts";
import type { Change } from "../../../src/core/changes/types.ts";

const skillRenamed: Change = {
  type: "skill_renamed",
  kind: "skill",
  id: "sfia:ITMG",
  name: "Technology service management",
  framework: "sfia",
  summary: "ITMG renamed from IT management to Technology service management",
};
const sfiaVersion: Change = {
  type: "framework_version_changed",
  kind: "framework",
  id: "sfia",
  name: "SFIA",
  framework: "sfia",
  summary: "SFIA moved from version 7 to 9",
};
const sfiaUrl: Change = {
  ...sfiaVersion,
  type: "framework_changed",
  field: "url",
  summary: "SFIA: url changed",
};
const roleChanged: Change = {
  type: "role_changed",
  kind: "role",
  id: "it-service-manager",
  name: "IT service manager",
  framework: "org",
  roles: ["it-service-manager"],
  summary: "IT service manager: summary changed",
};
const roleLevelAdded: Change = {
  ...roleChanged,
  type: "role_level_added",
  roleLevel: "senior-it-service-manager",
  roles: ["it-service-manager", "senior-it-service-manager"],
  summary: "IT service manager: role level Senior IT service manager added",
};
const accountableMoved: Change = {
  type: "raci_changed",
  kind: "raci",
  id: "change-management",
  name: "Change management",
  field: "accountable",
  before: "change-manager",
  after: "it-service-manager",
  roles: ["change-manager", "it-service-manager"],
  summary: "Change management: Accountable moved from Change manager to IT service manager",
};

const all: SubscriptionFilter = { kind: "all" };
const skill = (id: string): SubscriptionFilter => ({ kind: "skill", id });
const framework = (id: string): SubscriptionFilter => ({ kind: "framework", id });
const role = (id: string): SubscriptionFilter => ({ kind: "role", id });

describe("matchesSubscription", () => {
  it.each<[string, Change, SubscriptionFilter, boolean]>([
    ["everything matches all", accountableMoved, all, true],
    ["a skill change matches its skill", skillRenamed, skill("sfia:ITMG"), true],
    ["a skill change matches its skill whatever the case of the id", skillRenamed, skill("sfia:itmg"), true],
    ["a skill change does not match another skill", skillRenamed, skill("sfia:PRMG"), false],
    ["a skill change matches its framework", skillRenamed, framework("sfia"), true],
    ["a skill change does not match another framework", skillRenamed, framework("ddat"), false],
    ["a skill change does not match a role", skillRenamed, role("it-service-manager"), false],
    ["a role change matches its role", roleChanged, role("it-service-manager"), true],
    ["a role change does not match another role", roleChanged, role("change-manager"), false],
    ["a role change matches its framework", roleChanged, framework("org"), true],
    ["a role level change matches the role level", roleLevelAdded, role("senior-it-service-manager"), true],
    ["a role level change matches its role", roleLevelAdded, role("it-service-manager"), true],
    ["a RACI change matches the role it names before", accountableMoved, role("change-manager"), true],
    ["a RACI change matches the role it names after", accountableMoved, role("it-service-manager"), true],
    [
      "a RACI change does not match a role it does not name",
      accountableMoved,
      role("problem-manager"),
      false,
    ],
    ["a RACI change does not match a framework", accountableMoved, framework("org"), false],
    ["a framework version change matches that framework", sfiaVersion, framework("sfia"), true],
    ["a framework version change matches every skill in it", sfiaVersion, skill("sfia:ITMG"), true],
    [
      "a framework version change does not match a skill of another framework",
      sfiaVersion,
      skill("ddat:ITMG"),
      false,
    ],
    [
      "a framework version change does not match a framework sharing its prefix",
      sfiaVersion,
      skill("sfia9:ITMG"),
      false,
    ],
    ["another framework change does not match its skills", sfiaUrl, skill("sfia:ITMG"), false],
    ["another framework change matches that framework", sfiaUrl, framework("sfia"), true],
  ])("%s", (_name, change, filter, expected) => {
    expect(matchesSubscription(change, filter)).toBe(expected);
  });
});
