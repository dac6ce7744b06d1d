// The admins' part of App Home: the top knowledge gaps, the answers marked not helpful most, the last
// publish and how it went, the knowledge's problems, and the subscriptions that were switched off.
// Shown only to whoever mayReadReports allows; anyone else's Home tab is unchanged.
import type { webApi } from "@slack/bolt";
import { fill } from "../core/text/template.ts";
import { daysBefore, GAP_REPORT_DEFAULTS, loadGapReport } from "../feedback/gaps.ts";
import { reloadReply } from "./listeners/commands/reload.ts";
import type { FeedbackDeps } from "./listeners/deps.ts";
import {
  KNOWLEDGE_PROBLEMS_NONE,
  LAST_PUBLISH_NONE,
  SWITCHED_OFF_LINE,
  SWITCHED_OFF_NONE,
} from "./messages.ts";
import { escapeMrkdwn } from "./render/escape.ts";
import { gapReportText } from "./render/gaps.ts";
import type { AdminHome } from "./render/home.ts";
import { problemList } from "./updates/admin-alert.ts";

/** gaps and not-helpful answers shown on App Home; /role gaps shows them all */
export const HOME_TOP_GAPS = 5;
const SWITCHED_OFF_SHOWN = 10;

export async function adminHomeContent(
  feedback: FeedbackDeps,
  client: webApi.WebClient,
  userId: string,
  now: Date = new Date(),
): Promise<AdminHome | undefined> {
  const verdict = await feedback.permissions.mayReadReports(client, userId);
  if (!verdict.allowed) return undefined;
  const days = GAP_REPORT_DEFAULTS.sinceDays;
  const [report, subscriptions] = await Promise.all([
    loadGapReport(feedback.store, { since: daysBefore(now, days) }),
    feedback.store.listSubscriptions({ includeDisabled: true }),
  ]);
  const last = feedback.lastPublish();
  const switchedOff = subscriptions.filter((s) => s.disabledAt);
  return {
    gaps: gapReportText(report, days, HOME_TOP_GAPS),
    lastPublish: last
      ? `<!date^${Math.floor(last.at.getTime() / 1000)}^{date_short_pretty} {time}|${last.at.toISOString()}>: ${reloadReply(last.outcome)}`
      : LAST_PUBLISH_NONE,
    problems:
      last?.outcome.status === "invalid" ? problemList(last.outcome.problems) : KNOWLEDGE_PROBLEMS_NONE,
    switchedOff:
      switchedOff.length === 0
        ? SWITCHED_OFF_NONE
        : switchedOff
            .slice(0, SWITCHED_OFF_SHOWN)
            .map((s) =>
              fill(SWITCHED_OFF_LINE, {
                channel: /^[CG][A-Z0-9]+$/.test(s.channelId) ? s.channelId : "unknown",
                what: escapeMrkdwn(s.filter.kind === "all" ? "everything" : s.filter.label),
                reason: escapeMrkdwn(s.disabledReason ?? "switched off"),
              }),
            )
            .join("\n"),
  };
}
