// /role gaps [Nd]: the knowledge-gaps report for this workspace, for admins only, shown only to them.
import { daysBefore, GAP_REPORT_DEFAULTS, loadGapReport } from "../../../feedback/gaps.ts";
import { FEEDBACK_OFF, GAPS_REFUSED, GAPS_USAGE } from "../../messages.ts";
import { sectionBlock } from "../../render/blocks.ts";
import { clampMrkdwn, splitMrkdwn } from "../../render/escape.ts";
import { gapReportText } from "../../render/gaps.ts";
import { SLACK_LIMITS } from "../../render/limits.ts";
import type { Subcommand } from "./command-listener.ts";
import { permitted, replier } from "./notification-command.ts";

export const MAX_GAP_DAYS = 3650;

/** "", "7d", "7", "7 days" as a number of days; undefined when it is none of those. */
export function gapDays(text: string): number | undefined {
  const words = text.trim().toLowerCase();
  if (words === "") return GAP_REPORT_DEFAULTS.sinceDays;
  const match = /^(\d{1,4})\s*(d|days?)?$/.exec(words);
  const days = match ? Number(match[1]) : Number.NaN;
  return days >= 1 && days <= MAX_GAP_DAYS ? days : undefined;
}

export const gapsCommand: Subcommand = async ({ deps, args, target, rest }) => {
  const say = replier(args);
  const feedback = deps.feedback;
  if (!feedback) return say(FEEDBACK_OFF);
  const userId = args.command.user_id;
  const verdict = await feedback.permissions.mayReadReports(args.client, userId);
  if (!(await permitted(verdict, GAPS_REFUSED, say, deps.logger, userId))) return;
  const days = gapDays(rest);
  if (days === undefined) return say(GAPS_USAGE);
  const report = await loadGapReport(feedback.store, {
    since: daysBefore(new Date(), days),
    teamId: args.command.team_id,
  });
  const text = gapReportText(report, days);
  const blocks = splitMrkdwn(text, SLACK_LIMITS.sectionText)
    .slice(0, SLACK_LIMITS.blocksPerMessage)
    .map(sectionBlock);
  await target.showMessage({ text: clampMrkdwn(text, SLACK_LIMITS.fallbackText), blocks });
};
