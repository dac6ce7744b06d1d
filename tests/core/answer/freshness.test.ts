// Answers say when their knowledge last changed, from the publish history given as plain data, and are
// flagged once their owner's review interval has run out. The clock is passed in.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeHistory } from "../../../src/core/answer/freshness.ts";
import { freshnessText } from "../../../src/core/answer/freshness.ts";
import { createRolecall } from "../../../src/core/engine.ts";
import { loadKnowledge, readAndBuildKnowledge } from "../../../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../../../src/core/knowledge/model.ts";
import { toAnswerJson } from "../../../src/render/json.ts";
import { renderText } from "../../../src/render/text.ts";
import { SHIPPED_KNOWLEDGE } from "../../support/app-process.ts";
import { copyKnowledge, type TempKnowledge } from "../../support/knowledge.ts";

const FIRST = new Date("2026-01-05T09:00:00Z");
const ITMG_CHANGED = new Date("2026-11-12T16:30:00Z");

let knowledge: TempKnowledge;
let kb: KnowledgeBase;

beforeAll(async () => {
  knowledge = await copyKnowledge(SHIPPED_KNOWLEDGE);
  await knowledge.edit("raci.yaml", "raci:\n", "review: { owner: U0OWNER, every: 30d }\nraci:\n");
  await knowledge.edit(
    "sources.yaml",
    "  - id: seed-001-sfia7-itmg\n",
    '  - id: seed-001-sfia7-itmg\n    updated: 2018-06-01\n    review: { owner: "@it-ops", every: 52w }\n',
  );
  kb = await loadKnowledge(knowledge.dir);
});

afterAll(() => knowledge?.destroy());

function history(extra: Partial<KnowledgeHistory> = {}): KnowledgeHistory {
  return {
    changedAt: new Map([["skill:sfia:ITMG", ITMG_CHANGED]]),
    firstRecordedAt: FIRST,
    reviewedAt: new Map(),
    ...extra,
  };
}

function ask(question: string, now: Date, h: KnowledgeHistory | null = history()) {
  return createRolecall(kb, { freshness: { history: () => h ?? undefined, now: () => now } }).ask(question);
}

describe("when a subject changed in a later publish", () => {
  it("is dated from that publish, in the answer, its text and its JSON", () => {
    const answer = ask("ITMG 5", new Date("2026-12-01T00:00:00Z"));
    expect(answer.updatedAt).toBe("2026-11-12");
    expect(renderText(answer)).toContain("Updated 12 Nov 2026");
    expect(toAnswerJson(answer)).toMatchObject({ updatedAt: "2026-11-12" });
  });
});

describe("when a subject has not changed since the first publish", () => {
  it("is dated from the first publish", () => {
    expect(ask("who is accountable for change management", new Date("2026-01-10T00:00:00Z")).updatedAt).toBe(
      "2026-01-05",
    );
  });

  it("is dated from its source's own date where the source has one", () => {
    // ITMG's first source is seed-001-sfia7-itmg, updated 2018-06-01; no change recorded for ITMG here.
    expect(ask("ITMG 5", new Date("2018-07-01T00:00:00Z"), history({ changedAt: new Map() })).updatedAt).toBe(
      "2018-06-01",
    );
  });
});

describe("the review interval", () => {
  it("is not flagged before it runs out", () => {
    const answer = ask("who is accountable for change management", new Date("2026-02-03T00:00:00Z"));
    expect(answer.reviewDue).toBeUndefined();
    expect(freshnessText(answer)).toBe("Updated 5 Jan 2026");
  });

  it("flags a file's answer as due once its interval after the last change has run out", () => {
    const answer = ask("who is accountable for change management", new Date("2026-02-05T00:00:00Z"));
    // A file's scope is the file as the loader names it (relative to the working folder where it can be).
    expect(answer.reviewDue).toEqual({
      since: "2026-02-04",
      owner: "U0OWNER",
      scope: `file:${kb.raci.get("change-management")?.file}`,
    });
    expect(answer.reviewDue?.scope).toMatch(/^file:.*raci\.yaml$/);
    expect(renderText(answer)).toContain("Updated 5 Jan 2026 · Due for review since 4 Feb 2026");
  });

  it("counts from the last review when that is later than the last change", () => {
    const scope = `file:${kb.raci.get("change-management")?.file}`;
    const reviewed = history({ reviewedAt: new Map([[scope, new Date("2026-02-04T10:00:00Z")]]) });
    const answer = ask(
      "who is accountable for change management",
      new Date("2026-02-05T00:00:00Z"),
      reviewed,
    );
    expect(answer.reviewDue).toBeUndefined();
  });

  it("comes from a source's review for knowledge citing it, with a group as owner", () => {
    const answer = ask("ITMG 5", new Date("2027-11-12T00:00:00Z"));
    expect(answer.reviewDue).toEqual({
      since: "2027-11-11",
      owner: "@it-ops",
      scope: "source:seed-001-sfia7-itmg",
    });
  });
});

describe("without a publish history", () => {
  it("answers carry no date", () => {
    const answer = ask("ITMG 5", new Date("2026-12-01T00:00:00Z"), null);
    expect(answer.updatedAt).toBeUndefined();
    expect(renderText(answer)).not.toContain("Updated");
  });
});

describe("a review header that is wrong", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rolecall-review-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ["owner: alice", "review.owner", "must be a Slack user id such as U0123ABCD"],
    ["every: 3 months", "review.every", "must be a number of days or weeks such as 90d or 12w"],
  ])("(%s) is refused naming the file and the field", async (wrong, field, message) => {
    const good = { owner: "owner: U0OWNER", every: "every: 90d" };
    const fields = wrong.startsWith("owner") ? [wrong, good.every] : [good.owner, wrong];
    await writeFile(path.join(dir, "reviewed.yaml"), `review:\n  ${fields.join("\n  ")}\n`);
    const { problems } = await readAndBuildKnowledge(dir);
    expect(problems.map((p) => `${p.file} ${p.field}: ${p.message}`)).toEqual([
      expect.stringMatching(new RegExp(`reviewed\\.yaml ${field.replace(".", "\\.")}: ${message}`)),
    ]);
  });
});
