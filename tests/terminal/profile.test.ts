// The local profile: `me …` in the console and `rolecall me …` on the command line keep where the person
// stands in one JSON file, and career questions about the asker answer from it. Over SFIA 9 and DDaT.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCommandConfig } from "../../src/config.ts";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { PROFILE_MESSAGES } from "../../src/core/profile/messages.ts";
import { fill } from "../../src/core/text/template.ts";
import { runConsole } from "../../src/terminal/console.ts";
import {
  CLI_PROFILE_COMMAND,
  CONSOLE_PROFILE_COMMAND,
  PROFILE_CLEARED_LOCAL,
  PROFILE_NOTHING_TO_CLEAR,
} from "../../src/terminal/messages.ts";
import { createProfileFile } from "../../src/terminal/profile-file.ts";
import { csvSkills, expectedChanges } from "../support/career-csv.ts";
import { combinedCorpus, combinedKnowledge } from "../support/combined-corpus.ts";
import { HAS_REAL_DATA, needsRealData } from "../support/real-data.ts";
import { runCli } from "../support/run-cli.ts";

let scratch: string;
let rolecall: Rolecall;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "rolecall-profile-"));
  if (HAS_REAL_DATA) rolecall = createRolecall(await combinedKnowledge());
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function converse(file: string, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  const done = runConsole({ rolecall, input, output, profile: createProfileFile(file) });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return written;
}

describe("where the profile file is", () => {
  it("is profile.json in DATA_DIR by default", () => {
    expect(readCommandConfig({ DATA_DIR: "/srv/rolecall" }).profileFile).toBe("/srv/rolecall/profile.json");
  });

  it("is ROLECALL_PROFILE_FILE when set", () => {
    expect(readCommandConfig({ ROLECALL_PROFILE_FILE: "/home/me/.rolecall.json" }).profileFile).toBe(
      "/home/me/.rolecall.json",
    );
  });
});

describe.skipIf(needsRealData())("the console's me", () => {
  it("sets a role level, answers the next level from it, shows it, and forgets it", async () => {
    const file = path.join(scratch, "console", "profile.json");
    const transcript = await converse(file, [
      "me senior IT service manager",
      "what do I need for the next level",
      "me",
      "me clear",
      "what do I need for the next level",
      "me clear",
    ]);
    expect(transcript).toContain(`Saved to ${file}`);
    expect(transcript).toContain("Your next level: Head of IT service management");
    const expected = expectedChanges(csvSkills("Senior IT service manager"), "Head of IT service management");
    for (const skill of expected.rises) expect(transcript).toContain(skill);
    expect(transcript).toContain(fill(PROFILE_MESSAGES.profileTitle, { label: "Senior IT service manager" }));
    expect(transcript).toContain(fill(PROFILE_CLEARED_LOCAL, { file }));
    expect(transcript).toContain(fill(PROFILE_MESSAGES.howToSet, { command: CONSOLE_PROFILE_COMMAND }));
    expect(transcript).toContain(PROFILE_NOTHING_TO_CLEAR);
    expect(existsSync(file)).toBe(false);
  });

  it("refuses an unknown skill level and writes nothing", async () => {
    const file = path.join(scratch, "refused.json");
    const transcript = await converse(file, ["me ITMG 9"]);
    expect(transcript).toContain("has no level 9");
    expect(transcript).toContain("Nothing was saved.");
    expect(existsSync(file)).toBe(false);
  });

  it("says what is wrong with a profile file that is not one, and keeps going", async () => {
    const file = path.join(scratch, "broken.json");
    await converse(file, ["me ITMG 5"]);
    await import("node:fs/promises").then((fs) => fs.writeFile(file, "{not json"));
    const transcript = await converse(file, ["what do I need for the next level", "ITMG 5"]);
    expect(transcript).toContain(`${file} is not JSON`);
    expect(transcript).toContain("ITMG");
  });
});

describe.skipIf(needsRealData())("rolecall me and ask", () => {
  it("keeps skills at levels in the file, and ask answers the next level from them", async () => {
    const dir = (await combinedCorpus()).dir;
    const file = path.join(scratch, "cli.json");
    const env = { KNOWLEDGE_DIR: dir, ROLECALL_PROFILE_FILE: file, DATA_DIR: path.join(scratch, "data") };
    const set = await runCli(["me", "ITMG 5, PROG 3"], { env });
    expect(set.code).toBe(0);
    expect(
      JSON.parse(await readFile(file, "utf8")).standing.skills.map((s: { skillId: string }) => s.skillId),
    ).toEqual(["sfia:ITMG", "sfia:PROG"]);
    const asked = await runCli(["ask", "what do I need for the next level", "--json"], { env });
    const json = JSON.parse(asked.stdout);
    expect(json.intent).toBe("progression");
    expect(json.progression.fromProfile).toBe(true);
    expect(
      json.progression.changes.map((c: { skillId: string; toLevel: number }) => [c.skillId, c.toLevel]),
    ).toEqual([
      ["sfia:ITMG", 6],
      ["sfia:PROG", 4],
    ]);
    const refused = await runCli(["me", "XYZQ 3"], { env });
    expect(refused.code).toBe(1);
    expect((await runCli(["me", "clear"], { env })).stdout).toContain(fill(PROFILE_CLEARED_LOCAL, { file }));
    const without = JSON.parse(
      (await runCli(["ask", "what do I need for the next level", "--json"], { env })).stdout,
    );
    expect(without.summary).toContain(fill(PROFILE_MESSAGES.howToSet, { command: CLI_PROFILE_COMMAND }));
    // Each run is a fresh process loading SFIA 9 and DDaT, on two cores shared with other work.
  }, 240_000);
});
