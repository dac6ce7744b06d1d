// The engine a running bot holds: handed new knowledge, it keeps answering from the old until the new index
// is built, and the knowledge handed over last is the one that answers.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRolecall, createRolecallInTurns, type Rolecall } from "../../src/core/engine.ts";
import { buildKnowledge, loadKnowledge } from "../../src/core/knowledge/load.ts";
import type { KnowledgeBase } from "../../src/core/knowledge/model.ts";
import { liveRolecall } from "../../src/core/live.ts";
import { SHIPPED_KNOWLEDGE } from "../support/app-process.ts";
import { FIXTURE_KNOWLEDGE } from "../support/knowledge.ts";

const ITMG_LEVEL_5 = "Runs the IT operation day to day, making sure agreed service levels are met.";
const ITMG_LEVEL_5_EDITED = "Runs the IT operation every day, making sure agreed service levels are met.";

async function fixtureKnowledge(edit: (sfia: string) => string = (t) => t): Promise<KnowledgeBase> {
  const files = ["frameworks.yaml", "sfia-skills.yaml", "roles.yaml", "raci.yaml"];
  const texts = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(FIXTURE_KNOWLEDGE, file), "utf8");
      return { file, text: file === "sfia-skills.yaml" ? edit(text) : text };
    }),
  );
  const { kb, problems } = buildKnowledge(texts);
  expect(problems).toEqual([]);
  return kb;
}

const edited = (text: string) => {
  expect(text).toContain(ITMG_LEVEL_5);
  return text.replace(ITMG_LEVEL_5, ITMG_LEVEL_5_EDITED);
};

const itmg5 = (live: Rolecall) => live.ask("ITMG 5").summary ?? "";

/** Resolves after `count` turns of the event loop, each a macrotask as a waiting request would be. */
function turnsOfTheEventLoop(count: number): Promise<void> {
  return new Promise((resolve) => {
    let left = count;
    const next = () => (--left <= 0 ? resolve() : setImmediate(next));
    setImmediate(next);
  });
}

describe("handing a running engine new knowledge", () => {
  it("answers from the old knowledge while the new index is built, then from the new", async () => {
    const live = liveRolecall(await fixtureKnowledge(), "old", {}, { turnMs: 0 });
    expect(itmg5(live)).toContain(ITMG_LEVEL_5);

    const answeredDuring: string[] = [];
    let handedOver = false;
    const swapping = live.swap(await fixtureKnowledge(edited), "new").then(() => {
      handedOver = true;
    });
    // Questions arriving as macrotasks, as HTTP requests do, are answered before the hand-over ends.
    const asking = (async () => {
      for (let i = 0; i < 3; i++) {
        await turnsOfTheEventLoop(1);
        if (!handedOver) answeredDuring.push(itmg5(live));
      }
    })();
    await Promise.all([swapping, asking]);

    expect(answeredDuring).toHaveLength(3);
    for (const text of answeredDuring) expect(text).toContain(ITMG_LEVEL_5);
    expect(live.contentHash).toBe("new");
    expect(itmg5(live)).toContain(ITMG_LEVEL_5_EDITED);
  });

  it("keeps the knowledge handed over last, even when an earlier, larger one finishes indexing after it", async () => {
    const live = liveRolecall(await fixtureKnowledge(), "first", {}, { turnMs: 0 });
    const larger = await loadKnowledge(SHIPPED_KNOWLEDGE);
    expect(larger.skills.size).toBeGreaterThan((await fixtureKnowledge()).skills.size);
    const earlier = live.swap(larger, "earlier");
    const later = live.swap(await fixtureKnowledge(edited), "later");
    await Promise.all([earlier, later]);
    expect(live.contentHash).toBe("later");
    expect(itmg5(live)).toContain(ITMG_LEVEL_5_EDITED);
  });

  it("builds, in turns, an index that answers exactly as one built at once", async () => {
    const kb = await loadKnowledge(SHIPPED_KNOWLEDGE);
    const atOnce = createRolecall(kb);
    const inTurns = await createRolecallInTurns(kb, {}, { turnMs: 0 });
    for (const question of [
      "ITMG 5",
      "who is accountable for incident management",
      "what is the IT service manager accountable for",
      "progamming levle 3",
      "what changes from level 5 to 6",
    ])
      expect(inTurns.ask(question)).toEqual(atOnce.ask(question));
  });
});
