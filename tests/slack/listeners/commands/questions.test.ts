import { describe, expect, it } from "vitest";
import { levelQuestion } from "../../../../src/slack/listeners/commands/level.ts";
import { raciQuestion } from "../../../../src/slack/listeners/commands/raci.ts";

describe("/level text", () => {
  it.each([
    ["SFIA 5", "SFIA level 5"],
    ["ITMG 5", "ITMG level 5"],
    ["5", "level 5"],
    ["Working", "level Working"],
    ["SFIA level 5", "SFIA level 5"],
  ])("%j asks %j", (text, question) => {
    expect(levelQuestion(text)).toBe(question);
  });
});

describe("/raci text", () => {
  it.each([
    ["change management", "RACI for change management"],
    ["who is accountable for change management", "who is accountable for change management"],
    ["raci IT service manager", "raci IT service manager"],
  ])("%j asks %j", (text, question) => {
    expect(raciQuestion(text)).toBe(question);
  });
});
