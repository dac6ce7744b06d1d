import path from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { runConsole } from "../../src/terminal/console.ts";

let rolecall: Rolecall;

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(path.resolve(import.meta.dirname, "../../knowledge")));
});

/** Pushes lines into the console and reads back everything it wrote, as a person at a terminal would. */
async function converse(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  const done = runConsole({ rolecall, input, output, banner: "Rolecall local console" });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return written;
}

describe("the local console", () => {
  it("answers each question typed", async () => {
    const transcript = await converse(["ITMG 5", "who is accountable for change management"]);
    expect(transcript).toContain("Rolecall local console");
    expect(transcript).toContain("ITMG level 5: IT management (SFIA 7)");
    expect(transcript).toContain("Accountable for Change management: IT service manager.");
  });

  it("stops at exit and ignores what follows", async () => {
    const transcript = await converse(["exit", "ITMG 5"]);
    expect(transcript).not.toContain("ITMG level 5");
  });

  it("skips blank lines without answering", async () => {
    const transcript = await converse(["", "   "]);
    expect(transcript).not.toContain("I couldn't find that");
  });
});
