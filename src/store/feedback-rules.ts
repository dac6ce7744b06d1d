// Answers and votes as both stores check, keep and read them: one definition of the rows and the checks,
// so SQLite and PostgreSQL refuse the same inputs and return the same plain data.
import { StoreError } from "./errors.ts";
import { cleanText, requireDate, requireId, STORE_LIMITS } from "./input.ts";
import type {
  AnswerFeedback,
  AnswerOutcome,
  AnswerRecord,
  FeedbackQuery,
  NewAnswerRecord,
  StoredVote,
  Vote,
  VoteInput,
} from "./types.ts";
import { VOTES } from "./types.ts";

export const ANSWER_OUTCOMES: readonly AnswerOutcome[] = ["answered", "not_found", "weak_search"];

export const FEEDBACK_LIMITS = Object.freeze({
  /** subjects kept per answer; an answer about more keeps its first ones */
  maxSubjects: 20,
  /** characters of question text kept; the core refuses questions longer than 500 */
  maxQuestionLength: 1_000,
});

export interface AnswerRow<Time> {
  id: string;
  team_id: string;
  surface: string;
  asked_at: Time;
  intent: string;
  outcome: AnswerOutcome;
  /** JSON text in SQLite, text[] in PostgreSQL: read through the dialect's reader */
  subjects: unknown;
  nearest_subject: string | null;
  nearest_subject_name: string | null;
  knowledge_file: string | null;
  knowledge_version: string;
  question_key: string;
  question_text: string | null;
}

export interface VoteRow<Time> {
  answer_id: string;
  voter: string;
  vote: Vote;
  intent: string;
  subjects: unknown;
  knowledge_version: string;
  voted_at: Time;
  changed_at: Time | null;
}

/** The answer's columns, checked; subjects as a plain array for the dialect to encode. */
export function checkAnswerRecord(input: NewAnswerRecord): Omit<AnswerRow<Date>, "subjects"> & {
  subjects: string[];
} {
  if (!ANSWER_OUTCOMES.includes(input.outcome)) {
    throw new StoreError("STORE_INVALID_INPUT", `outcome must be one of ${ANSWER_OUTCOMES.join(", ")}`);
  }
  if (!Array.isArray(input.subjects)) {
    throw new StoreError("STORE_INVALID_INPUT", "subjects must be an array of subject keys");
  }
  const optionalId = (value: string | undefined, field: string) =>
    value === undefined ? null : requireId(value, field);
  return {
    id: requireId(input.id, "id"),
    team_id: requireId(input.teamId, "teamId"),
    surface: requireId(input.surface, "surface"),
    asked_at: requireDate(input.askedAt ?? new Date(), "askedAt"),
    intent: requireId(input.intent, "intent"),
    outcome: input.outcome,
    subjects: input.subjects
      .slice(0, FEEDBACK_LIMITS.maxSubjects)
      .map((subject, index) => requireId(subject, `subjects[${index}]`)),
    nearest_subject: optionalId(input.nearestSubject, "nearestSubject"),
    nearest_subject_name:
      input.nearestSubjectName === undefined
        ? null
        : cleanText(input.nearestSubjectName).slice(0, STORE_LIMITS.maxLabelLength),
    knowledge_file: optionalId(input.knowledgeFile, "knowledgeFile"),
    knowledge_version: requireId(input.knowledgeVersion, "knowledgeVersion"),
    question_key: requireId(input.questionKey, "questionKey"),
    question_text:
      input.questionText === undefined
        ? null
        : cleanText(input.questionText).slice(0, FEEDBACK_LIMITS.maxQuestionLength),
  };
}

export function checkVote(input: VoteInput): { answerId: string; voter: string; vote: Vote; at: Date } {
  if (!VOTES.includes(input.vote)) {
    throw new StoreError("STORE_INVALID_INPUT", `vote must be one of ${VOTES.join(", ")}`);
  }
  return {
    answerId: requireId(input.answerId, "answerId"),
    voter: requireId(input.voter, "voter"),
    vote: input.vote,
    at: requireDate(input.at ?? new Date(), "at"),
  };
}

export function checkFeedbackQuery(query: FeedbackQuery): { since: Date; teamId?: string; limit: number } {
  const limit = query.limit ?? STORE_LIMITS.maxListRows;
  if (!Number.isInteger(limit) || limit < 1 || limit > STORE_LIMITS.maxListRows) {
    throw new StoreError(
      "STORE_INVALID_INPUT",
      `limit must be an integer from 1 to ${STORE_LIMITS.maxListRows}`,
    );
  }
  return {
    since: requireDate(query.since, "since"),
    ...(query.teamId === undefined ? {} : { teamId: requireId(query.teamId, "teamId") }),
    limit,
  };
}

/** How a dialect reads its time and subjects columns back. */
export interface FeedbackColumnReader<Time> {
  time(value: Time): Date;
  subjects(value: unknown): string[];
}

export function feedbackReader<Time>(columns: FeedbackColumnReader<Time>) {
  const answer = (row: AnswerRow<Time>): AnswerRecord => ({
    id: row.id,
    teamId: row.team_id,
    surface: row.surface,
    askedAt: columns.time(row.asked_at),
    intent: row.intent,
    outcome: row.outcome,
    subjects: columns.subjects(row.subjects),
    ...(row.nearest_subject === null ? {} : { nearestSubject: row.nearest_subject }),
    ...(row.nearest_subject_name === null ? {} : { nearestSubjectName: row.nearest_subject_name }),
    ...(row.knowledge_file === null ? {} : { knowledgeFile: row.knowledge_file }),
    knowledgeVersion: row.knowledge_version,
    questionKey: row.question_key,
    ...(row.question_text === null ? {} : { questionText: row.question_text }),
  });
  return {
    answer,
    vote: (row: VoteRow<Time>): StoredVote => ({
      answerId: row.answer_id,
      voter: row.voter,
      vote: row.vote,
      intent: row.intent,
      subjects: columns.subjects(row.subjects),
      knowledgeVersion: row.knowledge_version,
      votedAt: columns.time(row.voted_at),
      ...(row.changed_at === null ? {} : { changedAt: columns.time(row.changed_at) }),
    }),
    feedback: (row: AnswerRow<Time> & { helpful: number | string; not_helpful: number | string }) =>
      ({
        answer: answer(row),
        helpful: Number(row.helpful),
        notHelpful: Number(row.not_helpful),
      }) satisfies AnswerFeedback,
  };
}

/** The SELECT both dialects run for listAnswerFeedback; its parameters: since, [teamId,] limit. */
export function feedbackSql(
  placeholder: (n: number) => string,
  withTeam: boolean,
  /** how the dialect orders ids byte by byte, so ties come back in the same order from both */
  idOrder = "a.id",
): string {
  const counted = (vote: Vote) =>
    `(SELECT count(*) FROM votes v WHERE v.answer_id = a.id AND v.vote = '${vote}')`;
  return `SELECT a.*, ${counted("helpful")} AS helpful, ${counted("not_helpful")} AS not_helpful
    FROM answers a
    WHERE a.asked_at >= ${placeholder(1)} ${withTeam ? `AND a.team_id = ${placeholder(2)}` : ""}
      AND (a.outcome <> 'answered'
        OR EXISTS (SELECT 1 FROM votes v WHERE v.answer_id = a.id AND v.vote = 'not_helpful'))
    ORDER BY a.asked_at DESC, ${idOrder}
    LIMIT ${placeholder(withTeam ? 3 : 2)}`;
}
