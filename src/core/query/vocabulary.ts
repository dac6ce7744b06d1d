// The words understand() reads as cues rather than subjects, in one place.
import type { RaciLetter } from "../knowledge/model.ts";
import type { ListKind, RoleAspect } from "./types.ts";

export const LETTER_WORDS: ReadonlyArray<[string, RaciLetter]> = [
  ["responsible", "responsible"],
  ["accountable", "accountable"],
  ["accountability", "accountable"],
  ["consulted", "consulted"],
  ["informed", "informed"],
  ["owns", "accountable"],
  ["owner", "accountable"],
  ["owned", "accountable"],
  ["approves", "accountable"],
];
export const RACI_WORDS: ReadonlySet<string> = new Set(["raci", "rasci", "racis"]);

/**
 * How people ask who does a process without RACI words: "who looks after incidents", "who signs off a
 * release". Each phrase is matched as consecutive words after "who"; a letter where the phrase names one.
 */
export const CASUAL_RACI: ReadonlyArray<{ phrase: readonly string[]; letter?: RaciLetter }> = [
  { phrase: ["signs", "off"], letter: "accountable" },
  { phrase: ["sign", "off"], letter: "accountable" },
  { phrase: ["approve"], letter: "accountable" },
  { phrase: ["approves"], letter: "accountable" },
  { phrase: ["in", "charge"] },
  { phrase: ["looks", "after"] },
  { phrase: ["look", "after"] },
  { phrase: ["takes", "care"] },
  { phrase: ["take", "care"] },
  { phrase: ["deals", "with"] },
  { phrase: ["deal", "with"] },
  { phrase: ["ask", "about"] },
  { phrase: ["ask"] },
  { phrase: ["talk", "to"] },
  { phrase: ["contact"] },
  { phrase: ["handles"] },
  { phrase: ["handle"] },
  { phrase: ["runs"] },
  { phrase: ["run"] },
  { phrase: ["manages"] },
  { phrase: ["manage"] },
  { phrase: ["covers"] },
  { phrase: ["does"] },
  { phrase: ["do"] },
];
/** Words of a casual RACI question that are neither the cue nor the subject. */
export const CASUAL_FILLER: ReadonlySet<string> = new Set([
  "who",
  "care",
  "of",
  "should",
  "go",
  "ok",
  "okay",
]);

export const COMPARE_WORDS: readonly string[] = [
  "compare",
  "comparison",
  "difference",
  "differences",
  "differ",
  "versus",
  "between",
  "changes",
];
export const FRAMEWORK_WORDS: ReadonlyArray<[string, string]> = [
  ["sfia", "sfia"],
  ["ddat", "ddat"],
  ["gdad", "ddat"],
];
export const ASPECT_WORDS: ReadonlyArray<[string, RoleAspect]> = [
  ["skills", "skills"],
  ["skill", "skills"],
  ["competencies", "skills"],
  ["knowledge", "knowledge"],
  ["qualifications", "qualifications"],
  ["qualification", "qualifications"],
  ["certifications", "qualifications"],
  ["certification", "qualifications"],
  ["certificates", "qualifications"],
  ["training", "training"],
  ["courses", "training"],
  ["development", "development"],
  ["pdas", "development"],
  ["background", "background"],
  ["activities", "activities"],
  ["tasks", "activities"],
  ["qualities", "qualities"],
  ["traits", "qualities"],
  ["responsibilities", "responsibilities"],
  ["duties", "responsibilities"],
];
export const LIST_WORDS: ReadonlyArray<[string, ListKind]> = [
  ["processes", "process"],
  ["practices", "practice"],
  ["tools", "tool"],
  ["roles", "role"],
  ["jobs", "role"],
  ["skills", "skill"],
  ["levels", "level"],
];
/** Words that only say "show me the whole list". */
export const LIST_FILLER: ReadonlySet<string> = new Set([
  "list",
  "all",
  "every",
  "there",
  "available",
  "known",
  "defined",
  "raci",
  "our",
  "family",
  "category",
  "subcategory",
  "group",
  "which",
  "any",
  "have",
  "has",
  "exist",
  "need",
]);
/** Words that ask about a level's place on the scale: "what comes after Practitioner". */
export const STEP_WORDS: ReadonlyMap<string, "next" | "previous"> = new Map([
  ["next", "next"],
  ["after", "next"],
  ["above", "next"],
  ["higher", "next"],
  ["beyond", "next"],
  ["before", "previous"],
  ["below", "previous"],
  ["previous", "previous"],
  ["lower", "previous"],
]);
/** Words that only frame a question about a level: "what is level 3 called". */
export const LEVEL_FILLER: ReadonlySet<string> = new Set([
  "called",
  "named",
  "name",
  "comes",
  "come",
  "one",
  "step",
  "up",
  "down",
]);
export const HELP = /^(help|\?|commands|usage|what can you do|how do i use (this|you|rolecall)|hi|hello)\??$/;
/** Words after which a number is part of a name ("ITIL 4", "SFIA 8"), not a level. */
export const NUMBER_OWNERS: ReadonlySet<string> = new Set([
  "sfia",
  "itil",
  "version",
  "v",
  "iso",
  "ddat",
  "cobit",
  "togaf",
  "prince2",
]);

/** Words shared by so many names that, alone, they name none of them. */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set([
  "management",
  "manager",
  "managers",
  "service",
  "services",
  "it",
  "senior",
  "lead",
  "head",
  "principal",
  "chief",
  "engineer",
  "analyst",
  "officer",
  "specialist",
  "development",
  "operations",
  "level",
]);

/** "the highest SFIA level", "the lowest DDaT level". */
export const EXTREME_WORDS: ReadonlyMap<string, "highest" | "lowest"> = new Map([
  ["highest", "highest"],
  ["top", "highest"],
  ["last", "highest"],
  ["lowest", "lowest"],
  ["bottom", "lowest"],
  ["first", "lowest"],
]);

/** Words that ask for the way up to a role level: "how do I become…", "what's my gap to…". */
export const PATH_WORDS: ReadonlySet<string> = new Set([
  "become",
  "becoming",
  "promoted",
  "promotion",
  "progress",
  "progression",
  "gap",
  "path",
  "reach",
]);
/** "get from X to Y", "move to Y", "need for Y": a path when a role level follows. */
export const PATH_VERBS: ReadonlySet<string> = new Set(["get", "go", "move", "step", "need", "needed"]);
/** "Which roles need ITMG", "who uses Service focus at Expert". */
export const NEED_WORDS: ReadonlySet<string> = new Set([
  "need",
  "needs",
  "require",
  "requires",
  "requiring",
  "use",
  "uses",
  "using",
  "ask",
  "asks",
]);
