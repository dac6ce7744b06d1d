import { describe, expect, it } from "vitest";
import { describeSource } from "../../../src/core/answer/sources.ts";

describe("citing a source", () => {
  it("says framework, version and code once when the title already has them", () => {
    const cite = describeSource({
      title: "SFIA 7: IT management (ITMG)",
      framework: "SFIA",
      version: "7",
      code: "ITMG",
      level: 5,
    });
    expect(cite).toBe("SFIA 7: IT management (ITMG), level 5");
  });

  it("adds framework, version and code when the title lacks them", () => {
    const cite = describeSource({
      title: "SFIA 9 export",
      framework: "SFIA",
      version: "9",
      code: "PROG",
      level: 3,
    });
    expect(cite).toBe("SFIA 9 export (PROG), level 3");
    expect(describeSource({ title: "Skills export", framework: "SFIA", version: "9" })).toBe(
      "SFIA 9: Skills export",
    );
  });

  it("is just the title for a plain source", () => {
    expect(describeSource({ title: "Rolecall authored content" })).toBe("Rolecall authored content");
  });
});
