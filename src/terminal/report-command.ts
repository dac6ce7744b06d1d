// `rolecall report gaps [--json] [--since 30d]`: the knowledge-gaps report from the store the bot writes
// (DATABASE_URL, else DATA_DIR), for every workspace: what people asked that the knowledge did not answer
// well, grouped by the nearest subject, and where an answer would belong.
import { type CommandConfig, loadCommandConfig } from "../config.ts";
import { daysBefore, GAP_REPORT_DEFAULTS, type GapReport, loadGapReport } from "../feedback/gaps.ts";
import { createStore } from "../store/index.ts";
import type { Store } from "../store/types.ts";
import { type CommandIo, UsageError } from "./command.ts";

export const REPORTS = ["gaps"] as const;
export const MAX_SINCE_DAYS = 3650;

export interface ReportCommandArgs {
  positionals: readonly string[];
  json: boolean;
  since?: string;
  /** the time the period ends; now by default */
  now?: Date;
}

/** "30d", "30" or "30days" as a number of days. */
export function sinceDays(text: string | undefined): number {
  if (text === undefined) return GAP_REPORT_DEFAULTS.sinceDays;
  const match = /^(\d{1,4})\s*(d|days?)?$/i.exec(text.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  if (!(days >= 1 && days <= MAX_SINCE_DAYS)) {
    throw new UsageError(`--since must be a number of days from 1 to ${MAX_SINCE_DAYS}, such as 30d`);
  }
  return days;
}

export async function runReportCommand(
  args: ReportCommandArgs,
  io: CommandIo,
  config: CommandConfig = loadCommandConfig(),
): Promise<number> {
  const [report, ...extra] = args.positionals;
  if (report !== "gaps" || extra.length > 0) {
    throw new UsageError(`report needs one of: ${REPORTS.join(", ")}`);
  }
  const days = sinceDays(args.since);
  let store: Store | undefined;
  try {
    store = await createStore({
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      dataDir: config.dataDir,
      logger: { warn: (message) => io.stderr.write(`rolecall report: ${message}\n`) },
    });
    await store.migrate();
    const gaps = await loadGapReport(store, { since: daysBefore(args.now ?? new Date(), days) });
    io.stdout.write(
      args.json ? `${JSON.stringify({ days, ...gaps }, null, 2)}\n` : gapReportLines(gaps, days),
    );
    return 0;
  } finally {
    await store?.close();
  }
}

export function gapReportLines(report: GapReport, days: number): string {
  const lines = [`Knowledge gaps in the last ${days} days (${report.answers} answers looked at)`];
  if (report.gaps.length === 0) {
    lines.push("No gaps: every question was answered, and nobody marked an answer not helpful.");
    return `${lines.join("\n")}\n`;
  }
  for (const gap of report.gaps) {
    const reasons = [
      gap.notFound ? `${gap.notFound} not found` : "",
      gap.weakSearch ? `${gap.weakSearch} weak search` : "",
      gap.notHelpful ? `${gap.notHelpful} not helpful` : "",
    ].filter(Boolean);
    lines.push(
      "",
      `${gap.count}x  ${gap.label ?? "(a question whose words are not recorded)"}${reasons.length ? `  [${reasons.join(", ")}]` : ""}`,
    );
    for (const example of gap.examples) lines.push(`      asked: ${example}`);
    if (gap.nearestSubject)
      lines.push(`      nearest subject: ${gap.nearestSubject.name} (${gap.nearestSubject.key})`);
    lines.push(`      belongs in: ${gap.knowledgeFile ?? "(no file suggested)"}`);
  }
  if (report.mostNotHelpful.length > 0) {
    lines.push("", "Answers marked not helpful most:");
    for (const entry of report.mostNotHelpful) {
      lines.push(
        `  ${entry.notHelpful} not helpful, ${entry.helpful} helpful: ${entry.label ?? "(unrecorded question)"} (${entry.intent})`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
