// The knowledge-gaps report as mrkdwn, for /role gaps and the admins' App Home. Subject names, question
// words and file names are untrusted text: escaped, so nothing in them pings or formats.

import { fill } from "../../core/text/template.ts";
import type { Gap, GapReport, NotHelpfulAnswer } from "../../feedback/gaps.ts";
import {
  GAP_LINE,
  GAP_NEXT,
  GAP_NEXT_FILE,
  GAP_NEXT_NONE,
  GAP_NEXT_SUBJECT,
  GAP_UNRECORDED,
  GAPS_NONE,
  GAPS_TITLE,
  NOT_HELPFUL_LINE,
  NOT_HELPFUL_TITLE,
} from "../messages.ts";
import { echoTyped, escapeMrkdwn } from "./escape.ts";

export function gapReportText(report: GapReport, days: number, top = report.gaps.length): string {
  const title = `*${fill(GAPS_TITLE, { days })}*`;
  if (report.gaps.length === 0) return `${title}\n${fill(GAPS_NONE, { days })}`;
  const lines = [title, ...report.gaps.slice(0, top).map(gapLines)];
  if (report.mostNotHelpful.length > 0) {
    lines.push("", `*${NOT_HELPFUL_TITLE}*`, ...report.mostNotHelpful.slice(0, top).map(notHelpfulLine));
  }
  return lines.join("\n");
}

function gapLines(gap: Gap): string {
  const line = fill(GAP_LINE, { what: gapLabel(gap.label), counts: counts(gap) });
  const next: string[] = [];
  if (gap.nearestSubject)
    next.push(fill(GAP_NEXT_SUBJECT, { subject: escapeMrkdwn(gap.nearestSubject.name) }));
  if (gap.knowledgeFile) next.push(fill(GAP_NEXT_FILE, { file: escapeMrkdwn(gap.knowledgeFile) }));
  return `${line}\n${fill(GAP_NEXT, { next: next.length > 0 ? next.join(" · ") : GAP_NEXT_NONE })}`;
}

function notHelpfulLine(entry: NotHelpfulAnswer): string {
  return fill(NOT_HELPFUL_LINE, {
    what: gapLabel(entry.label),
    intent: escapeMrkdwn(entry.intent),
    notHelpful: entry.notHelpful,
    helpful: entry.helpful,
  });
}

function gapLabel(label: string | undefined): string {
  return label ? `*${echoTyped(label)}*` : `_${GAP_UNRECORDED}_`;
}

function counts(gap: Gap): string {
  const parts: string[] = [];
  if (gap.notFound) parts.push(`${gap.notFound} not found`);
  if (gap.weakSearch) parts.push(`${gap.weakSearch} weak search`);
  if (gap.notHelpful) parts.push(`${gap.notHelpful} not helpful`);
  const times = gap.count === 1 ? "once" : `${gap.count} times`;
  return parts.length > 0 ? `${times} (${parts.join(", ")})` : times;
}
