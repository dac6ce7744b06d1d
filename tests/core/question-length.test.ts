// The question length limit counts characters as people do (code points), not UTF-16 units.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/core/answer/messages.ts";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { SEARCH_SETTINGS } from "../../src/core/search/settings.ts";

const KNOWLEDGE = path.resolve(import.meta.dirname, "../../knowledge");
const LIMIT = SEARCH_SETTINGS.maxQuestionLength;
let rolecall: Rolecall;

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(KNOWLEDGE));
});

describe("when a question is made of characters outside the BMP", () => {
  it("is answered at the limit, though it has twice as many UTF-16 units", () => {
    const question = `ITMG 5 ${"𝔸".repeat(LIMIT - 7)}`;
    expect(question.length).toBeGreaterThan(LIMIT);
    expect(rolecall.ask(question).title).not.toBe(MESSAGES.tooLongTitle);
  });

  it("is too long one character past it, and says how many characters it has", () => {
    const answer = rolecall.ask("𝔸".repeat(LIMIT + 1));
    expect(answer.title).toBe(MESSAGES.tooLongTitle);
    expect(answer.summary).toContain(`yours has ${LIMIT + 1}`);
  });
});
