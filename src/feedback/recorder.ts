// Records each answer given, so its feedback buttons can name it and gaps can be counted. The id comes
// back at once (the answer is rendered with it); the record is written in the background and a failure
// is only logged: a person's answer never waits for, or fails because of, the feedback store.
import { randomUUID } from "node:crypto";
import type { Answer } from "../core/answer/types.ts";
import type { Logger } from "../log.ts";
import { errorFields } from "../log.ts";
import type { NewAnswerRecord, Store } from "../store/types.ts";
import { type AnsweredFrom, describeAnswer } from "./describe-answer.ts";
import type { KeyedHasher } from "./hash.ts";

/** ROLECALL_RECORD_QUESTIONS, as config.ts reads it. */
export type QuestionRecording = "off" | "unanswered" | "all";

export interface AnswerRecorderOptions {
  store: Pick<Store, "recordAnswer">;
  hasher: KeyedHasher;
  recordQuestions: QuestionRecording;
  /** the knowledge answering now, read at each answer */
  source: AnsweredFrom;
  /** the content hash of the knowledge answering now */
  knowledgeVersion: () => string;
  knowledgeDir?: string;
  logger: Logger;
  clock?: () => Date;
  newId?: () => string;
}

export interface GivenAnswer {
  answer: Answer;
  question: string;
  teamId: string;
  surface: string;
}

export interface RecordedAnswer {
  answerId: string;
  /** settles once the record is written (or its failure logged); never rejects */
  stored: Promise<void>;
}

export interface AnswerRecorder {
  record(given: GivenAnswer): RecordedAnswer;
  /**
   * Settles once this process's write of the answer is done (at once when there is none in flight), so a
   * vote pressed the moment an answer appears never finds its answer missing.
   */
  stored(answerId: string): Promise<void>;
}

export function createAnswerRecorder(options: AnswerRecorderOptions): AnswerRecorder {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const inFlight = new Map<string, Promise<void>>();
  return {
    record(given) {
      const answerId = newId();
      const record = answerRecord(answerId, given, options, clock());
      const stored = options.store
        .recordAnswer(record)
        .catch((error: unknown) => {
          options.logger.warn("Could not record an answer for feedback", {
            surface: given.surface,
            ...errorFields(error),
          });
        })
        .finally(() => inFlight.delete(answerId));
      inFlight.set(answerId, stored);
      return { answerId, stored };
    },
    stored: (answerId) => inFlight.get(answerId) ?? Promise.resolve(),
  };
}

function answerRecord(
  id: string,
  given: GivenAnswer,
  options: AnswerRecorderOptions,
  askedAt: Date,
): NewAnswerRecord {
  const description = describeAnswer(given.answer, given.question, options.source, options.knowledgeDir);
  const keepText =
    options.recordQuestions === "all" ||
    (options.recordQuestions === "unanswered" && description.outcome !== "answered");
  return {
    id,
    teamId: given.teamId,
    surface: given.surface,
    askedAt,
    intent: given.answer.intent,
    ...description,
    knowledgeVersion: options.knowledgeVersion() || "unknown",
    questionKey: options.hasher.question(given.question),
    ...(keepText ? { questionText: given.question } : {}),
  };
}
