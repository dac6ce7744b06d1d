// Example changes, as diffSnapshots reports them, for tests of what is told and shown about an update.
import type { Change } from "../../src/core/changes/index.ts";

export const versionMove: Change = {
  type: "framework_version_changed",
  kind: "framework",
  id: "sfia",
  name: "SFIA",
  framework: "sfia",
  before: "7",
  after: "8",
  summary: "SFIA moved from version 7 to 8",
};

export const rename: Change = {
  type: "skill_renamed",
  kind: "skill",
  id: "sfia:ITMG",
  name: "Technology service management",
  framework: "sfia",
  before: "IT management",
  after: "Technology service management",
  summary: "ITMG renamed from IT management to Technology service management",
};

export const levelText: Change = {
  type: "level_text_changed",
  kind: "skill",
  id: "sfia:ITMG",
  name: "Technology service management",
  framework: "sfia",
  level: 5,
  summary: "ITMG level 5 description changed",
  excerpt: "Runs the IT operation {+every+} day [-to day-], making sure…",
};

export const raciDescription: Change = {
  type: "raci_changed",
  kind: "raci",
  id: "change-management",
  name: "Change management",
  field: "description",
  roles: ["change-manager"],
  summary: "Change management: description changed",
  excerpt: "Controls [-every-]{+each+} change",
};
