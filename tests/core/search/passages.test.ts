import { describe, expect, it } from "vitest";
import { createRandom } from "../../../bench/lib/random.ts";
import { markTerms, PassageIndex, topByScore } from "../../../src/core/search/passages.ts";
import { fold, stem } from "../../../src/core/text/normalize.ts";

describe("choosing the best-scored passages", () => {
  const scores = Float64Array.from([0.5, 3, 1, 3, 0, 2]);

  it("returns the k highest, best first, ties by position", () => {
    expect(topByScore([0, 1, 2, 3, 4, 5], scores, 3)).toEqual([1, 3, 5]);
  });

  it("returns them all, ordered, when there are fewer than k", () => {
    expect(topByScore([2, 0, 5], scores, 10)).toEqual([5, 2, 0]);
  });
});

describe("free search over passages", () => {
  function index(texts: string[]): PassageIndex {
    const passages = new PassageIndex();
    texts.forEach((text, i) => {
      passages.add({ text, location: "Text", subject: { kind: "role", id: `r${i}`, name: `Role ${i}` } });
    });
    return passages;
  }

  it("ranks the passage with the rare word first, even when a common word is in every passage", () => {
    const texts = Array.from({ length: 30 }, (_, i) => `service management duty ${i}`);
    texts.push("service budgeting for the quarter");
    const { passages } = index(texts).search("service budgeting");
    expect(passages[0]?.text).toBe("service budgeting for the quarter");
  });

  it("keeps looking past the shortlist when one subject owns the best passages", () => {
    const passages = new PassageIndex();
    for (let i = 0; i < 60; i++)
      passages.add({
        text: `audit audit ${i}`,
        location: "T",
        subject: { kind: "role", id: "same", name: "Same" },
      });
    passages.add({
      text: "audit once",
      location: "T",
      subject: { kind: "role", id: "other", name: "Other" },
    });
    const found = passages.search("audit", 3).passages.map((p) => p.subject?.id);
    expect(found).toEqual(["same", "same", "other"]);
  });

  it("corrects a misspelt word to the closest word the index knows", () => {
    const { terms } = index(["incident management", "problem management"]).search("incidnet");
    expect(terms).toEqual(["incident"]);
  });
});

describe("marking the searched words in a passage", () => {
  /** The definition: every word whose folded form, or its stem, is a term. */
  function reference(text: string, terms: ReadonlySet<string>): Array<[number, number]> {
    return [...text.matchAll(/[\p{L}\p{N}]+/gu)].flatMap((m) => {
      const folded = fold(m[0]);
      return terms.has(stem(folded)) || terms.has(folded)
        ? [[m.index, m.index + m[0].length] as [number, number]]
        : [];
    });
  }

  it("marks stems and exact words, whatever their case", () => {
    const text = "Budgets, budgeting and the Budget: SLAs (an SLA) at level 5.";
    const marks = markTerms(text, new Set(["budget", "sla", "5"]));
    expect(marks.map(([start, end]) => text.slice(start, end))).toEqual([
      "Budgets",
      "budgeting",
      "Budget",
      "SLAs",
      "SLA",
      "5",
    ]);
  });

  it("marks the same words as the definition in 500 generated passages, ASCII or not", () => {
    const random = createRandom(11);
    const vocabulary = [
      "Policies",
      "policy",
      "a",
      "I",
      "it",
      "IT",
      "ties",
      "aries",
      "Café",
      "café",
      "services",
      "Service",
      "managed",
      "manages",
      "x9",
      "5",
      "agreed",
      "Ångström",
      "naïve",
      "budgeting",
      "passes",
      "𝐀lpha",
      "x²",
      "日本",
    ];
    const separators = [" ", ", ", ". ", "/", "-", "’s ", "\n", " & ", " — ", "“", "”"];
    for (let i = 0; i < 500; i++) {
      const words = Array.from({ length: 1 + random.int(30) }, () => random.pick(vocabulary));
      const text = words.map((w) => w + random.pick(separators)).join("");
      const terms = new Set(random.sample(vocabulary, 1 + random.int(4)).map((w) => stem(fold(w))));
      expect(markTerms(text, terms), text).toEqual(reference(text, terms));
    }
  });
});
