// How the gaps report groups answers: by the subject an answer was about, else by the same (hashed)
// question; most-asked first; with the reasons counted, the kept words as examples, and where it belongs.
import { describe, expect, it } from "vitest";
import { buildGapReport } from "../../src/feedback/gaps.ts";
import type { AnswerFeedback, AnswerRecord } from "../../src/store/types.ts";

const SINCE = new Date("2026-11-01T00:00:00.000Z");
let n = 0;
function row(
  extra: Partial<AnswerRecord>,
  votes: { helpful?: number; notHelpful?: number } = {},
): AnswerFeedback {
  n += 1;
  return {
    answer: {
      id: `A${n}`,
      teamId: "T1",
      surface: "dm",
      askedAt: new Date(SINCE.getTime() + n * 1000),
      intent: "not_found",
      outcome: "not_found",
      subjects: [],
      knowledgeVersion: "v1",
      questionKey: "q-unknown",
      ...extra,
    },
    helpful: votes.helpful ?? 0,
    notHelpful: votes.notHelpful ?? 0,
  };
}

describe("the gaps report", () => {
  const rows = [
    row({ questionKey: "q-banana", questionText: "chief banana officer", knowledgeFile: "roles.yaml" }),
    row({ questionKey: "q-banana" }),
    row({ questionKey: "q-banana", questionText: "Chief banana officer?" }),
    row(
      {
        intent: "search",
        outcome: "weak_search",
        nearestSubject: "role:it-manager",
        nearestSubjectName: "IT manager",
        knowledgeFile: "role-it-manager.yaml",
      },
      { notHelpful: 2, helpful: 1 },
    ),
  ].reverse();
  const report = buildGapReport(rows, SINCE);

  it("groups the same question under its hash, and counts each time it was asked", () => {
    expect(report.gaps[0]).toMatchObject({
      key: "question:q-banana",
      count: 3,
      notFound: 3,
      label: "Chief banana officer?",
      examples: ["Chief banana officer?", "chief banana officer"],
      knowledgeFile: "roles.yaml",
    });
  });

  it("groups an answer about a subject under that subject, with the next step and the votes", () => {
    expect(report.gaps[1]).toMatchObject({
      key: "subject:role:it-manager",
      label: "IT manager",
      count: 1,
      weakSearch: 1,
      notHelpful: 2,
      nearestSubject: { key: "role:it-manager", name: "IT manager" },
      knowledgeFile: "role-it-manager.yaml",
    });
  });

  it("lists the answers marked not helpful most", () => {
    expect(report.mostNotHelpful).toEqual([
      {
        key: "subject:role:it-manager",
        label: "IT manager",
        intent: "search",
        notHelpful: 2,
        helpful: 1,
        knowledgeFile: "role-it-manager.yaml",
      },
    ]);
  });

  it("keeps only the top gaps asked for", () => {
    expect(buildGapReport(rows, SINCE, 1).gaps.map((g) => g.key)).toEqual(["question:q-banana"]);
  });
});
