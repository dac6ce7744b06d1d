// The knowledge-gaps report: questions that ended not found, fell back to free search with weak hits, or
// got a not-helpful vote, grouped by the subject nearest them or, with none, by the same (normalised)
// question; and the answers with the most not-helpful votes. Each gap says what to do next.
import type { AnswerFeedback, Store } from "../store/types.ts";
import { DAY_MS } from "./retention.ts";

export interface Gap {
  /** "subject:<kind:id>" or "question:<hash>" */
  key: string;
  /** the nearest subject's name, else the question's words where they were kept */
  label?: string;
  /** times asked in the period */
  count: number;
  notFound: number;
  weakSearch: number;
  /** not-helpful votes on these answers */
  notHelpful: number;
  nearestSubject?: { key: string; name: string };
  /** the knowledge file where an answer would belong */
  knowledgeFile?: string;
  /** kept question texts, newest first, at most three */
  examples: string[];
  lastAskedAt: Date;
}

export interface NotHelpfulAnswer {
  key: string;
  label?: string;
  intent: string;
  notHelpful: number;
  helpful: number;
  knowledgeFile?: string;
}

export interface GapReport {
  since: Date;
  /** answers looked at; the store lists at most STORE_LIMITS.maxListRows */
  answers: number;
  gaps: Gap[];
  mostNotHelpful: NotHelpfulAnswer[];
}

export const GAP_REPORT_DEFAULTS = Object.freeze({ sinceDays: 30, top: 10, examples: 3 });

export async function loadGapReport(
  store: Pick<Store, "listAnswerFeedback">,
  options: { since: Date; teamId?: string; top?: number },
): Promise<GapReport> {
  const rows = await store.listAnswerFeedback({
    since: options.since,
    ...(options.teamId ? { teamId: options.teamId } : {}),
  });
  return buildGapReport(rows, options.since, options.top);
}

/** The start of a "last N days" period. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** rows: newest first, as the store lists them. */
export function buildGapReport(
  rows: readonly AnswerFeedback[],
  since: Date,
  top: number = GAP_REPORT_DEFAULTS.top,
): GapReport {
  const gaps = new Map<string, Gap>();
  const unhelpful = new Map<string, NotHelpfulAnswer>();
  for (const { answer, helpful, notHelpful } of rows) {
    const key = answer.nearestSubject ? `subject:${answer.nearestSubject}` : `question:${answer.questionKey}`;
    const label = answer.nearestSubjectName ?? answer.questionText;
    const gap = gaps.get(key) ?? {
      key,
      count: 0,
      notFound: 0,
      weakSearch: 0,
      notHelpful: 0,
      examples: [],
      lastAskedAt: answer.askedAt,
      ...(answer.nearestSubject && answer.nearestSubjectName
        ? { nearestSubject: { key: answer.nearestSubject, name: answer.nearestSubjectName } }
        : {}),
      ...(answer.knowledgeFile ? { knowledgeFile: answer.knowledgeFile } : {}),
    };
    gap.label ??= label;
    gap.count += 1;
    if (answer.outcome === "not_found") gap.notFound += 1;
    if (answer.outcome === "weak_search") gap.weakSearch += 1;
    gap.notHelpful += notHelpful;
    gap.knowledgeFile ??= answer.knowledgeFile;
    const text = answer.questionText;
    if (text && gap.examples.length < GAP_REPORT_DEFAULTS.examples && !gap.examples.includes(text)) {
      gap.examples.push(text);
    }
    gaps.set(key, gap);

    if (notHelpful > 0) {
      const entry = unhelpful.get(key) ?? {
        key,
        intent: answer.intent,
        notHelpful: 0,
        helpful: 0,
        ...(label ? { label } : {}),
        ...(answer.knowledgeFile ? { knowledgeFile: answer.knowledgeFile } : {}),
      };
      entry.notHelpful += notHelpful;
      entry.helpful += helpful;
      unhelpful.set(key, entry);
    }
  }
  return {
    since,
    answers: rows.length,
    gaps: [...gaps.values()]
      .sort((a, b) => b.count - a.count || b.lastAskedAt.getTime() - a.lastAskedAt.getTime())
      .slice(0, top),
    mostNotHelpful: [...unhelpful.values()]
      .sort((a, b) => b.notHelpful - a.notHelpful || a.key.localeCompare(b.key))
      .slice(0, top),
  };
}
