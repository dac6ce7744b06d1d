// The evaluation set's file format (eval/questions.yaml), checked with zod so that a malformed question
// is an error naming the question and the field, never a silently skipped or always-passing check.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import { INTENTS } from "../src/core/answer/types.ts";
import { CORPORA } from "./corpora.ts";

export const CATEGORIES = [
  "level",
  "level_name",
  "ddat_level_name",
  "raci",
  "raci_reverse",
  "casual_raci",
  "role",
  "compare",
  "list",
  "abbreviation",
  "typo",
  "cross_framework",
  "free_text",
  "nonsense",
] as const;
export type Category = (typeof CATEGORIES)[number];

const SUBJECT_KINDS = ["skill", "level", "role", "process", "practice", "tool"] as const;

/**
 * Matches a subject of the answer on every field given. `level: null` means the subject has no level
 * (a skill overview rather than one of its levels).
 */
const subjectPattern = z
  .object({
    kind: z.enum(SUBJECT_KINDS).optional(),
    id: z.string().min(1).optional(),
    level: z.number().int().min(0).nullable().optional(),
    framework: z.string().min(1).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "give at least one of kind, id, level, framework");
export type SubjectPattern = z.infer<typeof subjectPattern>;

/** A bare string is a subject id. */
const subjectRef = z.union([z.string().min(1), subjectPattern]);
export type SubjectRef = z.infer<typeof subjectRef>;

const roleIds = z.array(z.string().min(1));

const expectSchema = z
  .object({
    /** the answer's intent, or any one of several */
    intent: z.union([z.enum(INTENTS), z.array(z.enum(INTENTS)).min(1)]).optional(),
    /** the first subject */
    top: subjectPattern.optional(),
    /** a subject among the first three */
    inTop3: subjectPattern.optional(),
    subjects: z
      .object({
        /** each is among the subjects */
        include: z.array(subjectRef).min(1).optional(),
        /** none is among the subjects */
        exclude: z.array(subjectRef).min(1).optional(),
        /** exactly n subjects match `of` (every subject when `of` is left out) */
        count: z
          .object({ n: z.number().int().min(0), of: subjectPattern.optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** role ids per RACI letter, compared as sets with the answer's raci role names */
    raci: z
      .object({
        responsible: roleIds.optional(),
        accountable: roleIds.optional(),
        consulted: roleIds.optional(),
        informed: roleIds.optional(),
      })
      .strict()
      .optional(),
    /**
     * Suggestions (did-you-mean and related follow-ups) allowed beside the answer, by label; anything
     * else suggested is a miss. Example questions are never counted as suggestions.
     */
    suggestions: z
      .object({ allowed: z.array(z.string()) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, "say what the answer must be");
export type Expectation = z.infer<typeof expectSchema>;

const questionSchema = z
  .object({
    q: z.string().min(1).max(300),
    category: z.enum(CATEGORIES),
    corpora: z.array(z.enum(CORPORA)).min(1),
    /** where the expected answer comes from: a CSV row, a seed, a knowledge file */
    source: z.string().min(1).optional(),
    expect: expectSchema,
  })
  .strict();
export type EvalQuestion = z.infer<typeof questionSchema>;

const fileSchema = z.object({ questions: z.array(questionSchema).min(1) }).strict();

export class EvalFileError extends Error {
  readonly code = "EVAL_FILE_INVALID";
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} is not a valid evaluation set:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "EvalFileError";
  }
}

/** Parses and validates the text of an evaluation file; every problem names the question and field. */
export function parseQuestions(file: string, text: string): EvalQuestion[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new EvalFileError(file, [error instanceof Error ? error.message : String(error)]);
  }
  const result = fileSchema.safeParse(data);
  if (!result.success) {
    const raw = data as { questions?: Array<{ q?: unknown }> } | null;
    throw new EvalFileError(
      file,
      result.error.issues.map((issue) => {
        const [, index] = issue.path;
        const q = typeof index === "number" ? raw?.questions?.[index]?.q : undefined;
        const where = issue.path.join(".");
        return `${where}${typeof q === "string" ? ` ("${q}")` : ""}: ${issue.message}`;
      }),
    );
  }
  const seen = new Map<string, number>();
  const problems: string[] = [];
  result.data.questions.forEach((question, i) => {
    for (const corpus of question.corpora) {
      const key = `${corpus}|${question.q.toLowerCase()}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push(`questions.${i} ("${question.q}"): asked on ${corpus} already by questions.${earlier}`);
      }
      seen.set(key, i);
    }
  });
  if (problems.length > 0) throw new EvalFileError(file, problems);
  return result.data.questions;
}

export async function loadQuestions(file: string): Promise<EvalQuestion[]> {
  return parseQuestions(file, await readFile(file, "utf8"));
}
