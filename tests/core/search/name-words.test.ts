import { describe, expect, it } from "vitest";
import { createRandom } from "../../../bench/lib/random.ts";
import { NameWords } from "../../../src/core/search/name-words.ts";
import { NameIndex } from "../../../src/core/search/names.ts";
import { allowedEdits, editDistance, wordsAlign } from "../../../src/core/text/spelling.ts";

describe("edit distance", () => {
  it.each([
    ["change", "change", 0],
    ["chnage", "change", 1], // an adjacent swap is one edit
    ["chnge", "change", 1],
    ["changes", "change", 1],
    ["xhanqe", "change", 2],
    ["management", "managment", 1],
  ])("%s to %s is %i", (a, b, distance) => {
    expect(editDistance(a, b, 3)).toBe(distance);
    expect(editDistance(b, a, 3)).toBe(distance);
  });

  it("stops at limit + 1", () => {
    expect(editDistance("governance", "engineering", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 1)).toBe(2);
  });
});

describe("words aligning with a name", () => {
  it("needs every phrase word to spell a different word of the name", () => {
    expect(wordsAlign("it servce manager", "it service manager")).toBe(true);
    expect(wordsAlign("it management", "cost management")).toBe(false);
    expect(wordsAlign("data data", "data engineer")).toBe(false);
  });

  it("reads a word of four or more letters as the start of a longer one only when asked", () => {
    expect(wordsAlign("budget", "budgeting and forecasting")).toBe(false);
    expect(wordsAlign("budget", "budgeting and forecasting", { prefixes: true })).toBe(true);
    expect(wordsAlign("bud", "budgeting and forecasting", { prefixes: true })).toBe(false);
  });
});

describe("finding the names a word may misspell", () => {
  const random = createRandom(7);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const randomWord = () =>
    Array.from({ length: 2 + random.int(11) }, () => letters[random.int(letters.length)]).join("");
  const vocabulary = [...new Set(Array.from({ length: 1500 }, randomWord))];
  const words = new NameWords();
  vocabulary.forEach((word, position) => {
    words.add(word, position);
  });

  /** Up to two random edits: substitution, insertion, deletion or an adjacent swap. */
  function misspell(word: string): string {
    let out = word;
    for (let edits = 1 + random.int(2); edits > 0 && out.length > 1; edits--) {
      const at = random.int(out.length);
      const letter = letters[random.int(letters.length)] ?? "a";
      const kind = random.int(4);
      if (kind === 0) out = out.slice(0, at) + letter + out.slice(at + 1);
      else if (kind === 1) out = out.slice(0, at) + letter + out.slice(at);
      else if (kind === 2) out = out.slice(0, at) + out.slice(at + 1);
      else if (at + 1 < out.length) out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2);
    }
    return out;
  }

  it("finds exactly the words a scan of the whole vocabulary finds, for 2,000 misspellings", () => {
    for (let i = 0; i < 2000; i++) {
      const query = misspell(random.pick(vocabulary));
      const allowed = allowedEdits(query);
      const scanned = vocabulary.flatMap((word, position) =>
        word === query || (allowed > 0 && editDistance(query, word, allowed) <= allowed) ? [position] : [],
      );
      expect(
        [...words.entriesNear(query)].sort((a, b) => a - b),
        query,
      ).toEqual(scanned);
    }
  });

  it("adds the words a prefix begins when asked", () => {
    const prefixed = new NameWords();
    ["budget", "budgeting", "budgets", "forecast", "bud"].forEach((word, position) => {
      prefixed.add(word, position);
    });
    expect([...prefixed.entriesNear("budget")].sort()).toEqual([0, 2]);
    expect([...prefixed.addStartingWith("budget", prefixed.entriesNear("budget"))].sort()).toEqual([0, 1, 2]);
    expect([...prefixed.addStartingWith("bud", prefixed.entriesNear("bud"))]).toEqual([4]);
  });
});

describe("names aligned with a phrase", () => {
  const names = new NameIndex();
  const add = (name: string, id: string) => names.add(name, { kind: "role", id, name }, "name");
  add("IT service manager", "itsm");
  add("IT manager", "itm");
  add("Change manager", "cm");
  add("Cost management", "cost");
  add("SLA manager", "sla");

  it("finds a misspelt name and ranks the closest first", () => {
    const [best] = names.aligned("it servce managr", { minCoverage: 0.7 });
    expect(best?.entry.ref.id).toBe("itsm");
  });

  it("scores a phrase found in a name as written without fuzzy matching, by length alone", () => {
    const hits = names.aligned("manager", {});
    expect(hits.map((h) => h.entry.ref.id)).toEqual(["itm", "sla", "cm", "itsm"]);
    expect(hits[0]?.score).toBeCloseTo((3 / 10) * 0.25);
  });

  it("keeps to names the phrase covers enough of", () => {
    expect(names.aligned("sla", { minCoverage: 0.7 })).toEqual([]);
    expect(names.aligned("sla", {}).map((h) => h.entry.ref.id)).toEqual(["sla"]);
  });

  it("never matches a different short word", () => {
    expect(names.aligned("it management", { minCoverage: 0.7 })).toEqual([]);
  });
});
