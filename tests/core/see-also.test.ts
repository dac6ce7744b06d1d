// "See also" links between a RACI role, a DDaT role and a SFIA skill: validated like every other
// reference, and offered both ways in answers.
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { KnowledgeError } from "../../src/core/knowledge/problems.ts";
import { combinedCorpus } from "../support/combined-corpus.ts";
import { needsRealData } from "../support/real-data.ts";
import { removeTempDirs, tempDir } from "./knowledge/import/synthetic.ts";

async function withFile(name: string, text: string): Promise<string> {
  const { dir } = await combinedCorpus();
  const copy = await tempDir("rolecall-see-also-");
  await cp(dir, copy, { recursive: true });
  await writeFile(path.join(copy, name), text);
  return copy;
}

afterAll(removeTempDirs);

describe.skipIf(needsRealData())("see-also links over the combined corpus", () => {
  let rolecall: Rolecall;
  beforeAll(async () => {
    const dir = await withFile(
      "links.yaml",
      `raci:
  - id: change-management-link-test
    kind: process
    name: Change link test process
    description: A fixture row that links change management across frameworks.
    accountable: change-manager
    seeAlso:
      - role: ddat-service-transition-manager
      - skill: sfia:CHMG
      - raci: change-management
`,
    );
    rolecall = createRolecall(await loadKnowledge(dir));
  });

  it("offers the linked DDaT role and SFIA skill beside the RACI row that declares them", () => {
    const answer = rolecall.ask("raci change link test process");
    expect(answer.notices).toContain(
      "See also DDaT Service transition manager, SFIA CHMG and the Change management RACI.",
    );
    expect(answer.followUps.map((f) => f.question)).toEqual(
      expect.arrayContaining(["DDaT Service transition manager", "SFIA CHMG", "raci Change management"]),
    );
  });

  it("offers the link back from the other end", () => {
    const answer = rolecall.ask("CHMG 4");
    expect(answer.notices.join(" ")).toContain("See also the Change link test process RACI");
  });
});

describe.skipIf(needsRealData())("a see-also link to something the knowledge does not hold", () => {
  it("is a problem naming the file, the field and the nearest id", async () => {
    const dir = await withFile(
      "bad-link.yaml",
      `roles:
  - id: bad-link-role
    name: Bad link role
    summary: A role whose link is misspelt.
    seeAlso:
      - skill: sfia:CHMQ
`,
    );
    const error = await loadKnowledge(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect(String((error as Error).message)).toMatch(
      /bad-link\.yaml:\d+:\d+ roles\[0\]\.seeAlso\[0\]\.skill: unknown skill "sfia:CHMQ"; did you mean/,
    );
  });
});
