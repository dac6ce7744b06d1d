// Tells Rolecall's admins (ROLECALL_ADMINS) by DM when an edit to the knowledge folder cannot be loaded:
// which file, line and column, and that the last good knowledge is still being served; or when the store
// refuses the knowledge for good (too large). The publisher calls onInvalid once per broken text and
// onRejected once per refused content, so saving the same thing twice does not DM twice.
import type { webApi } from "@slack/bolt";
import { formatProblem, type KnowledgeProblem } from "../../core/knowledge/problems.ts";
import { fill } from "../../core/text/template.ts";
import { errorFields, type Logger } from "../../log.ts";
import { clampMrkdwn, escapeMrkdwn } from "../render/escape.ts";
import { KNOWLEDGE_INVALID_DM, KNOWLEDGE_TOO_LARGE_DM, MORE_PROBLEMS } from "./messages.ts";

export const PROBLEM_LIST_LIMITS = Object.freeze({
  /** problems listed; the rest are counted */
  problems: 20,
  /** characters of one listed problem, escaped */
  lineChars: 500,
});

/** The problems as escaped mrkdwn lines ("• file:line:col field: message"), at most 20, then a count. */
export function problemList(problems: readonly KnowledgeProblem[]): string {
  const shown = problems
    .slice(0, PROBLEM_LIST_LIMITS.problems)
    .map((p) => clampMrkdwn(`• ${escapeMrkdwn(formatProblem(p))}`, PROBLEM_LIST_LIMITS.lineChars));
  const more = problems.length - shown.length;
  if (more > 0) shown.push(fill(MORE_PROBLEMS, { count: more }));
  return shown.join("\n");
}

export function knowledgeProblemsText(problems: readonly KnowledgeProblem[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return fill(KNOWLEDGE_INVALID_DM, { count, problems: problemList(problems) });
}

export interface AdminAlertOptions {
  client: Pick<webApi.WebClient, "chat">;
  /** Slack user ids (ROLECALL_ADMINS) */
  admins: readonly string[];
  /** the bot token of the admins' workspace (ROLECALL_ADMIN_TEAM) with OAuth; else the client's own */
  token?: () => Promise<string>;
  logger: Logger;
}

/** The publisher's onInvalid. DMs each admin; failures are logged, never thrown. */
export function createAdminAlert(
  options: AdminAlertOptions,
): (problems: readonly KnowledgeProblem[]) => Promise<void> {
  const tell = createAdminMessage(options, {
    about: "about the knowledge problems",
    nobody: "the knowledge problems were not sent to anyone: set ROLECALL_ADMINS to have them DMed",
  });
  return (problems) => tell(knowledgeProblemsText(problems), { problems: problems.length });
}

/** The publisher's onRejected: the knowledge is too large to store, told once per content. */
export function createTooLargeAlert(options: AdminAlertOptions): (error: Error) => Promise<void> {
  const tell = createAdminMessage(options, {
    about: "that the knowledge is too large to publish",
    nobody: "nobody was told that the knowledge is too large to publish: set ROLECALL_ADMINS to have it DMed",
  });
  return (error) => tell(fill(KNOWLEDGE_TOO_LARGE_DM, { error: escapeMrkdwn(error.message) }));
}

function createAdminMessage(options: AdminAlertOptions, log: { about: string; nobody: string }) {
  const { client, admins, logger } = options;
  return async (text: string, fields: Record<string, number> = {}): Promise<void> => {
    if (admins.length === 0) {
      logger.warn(log.nobody, fields);
      return;
    }
    let token: { token?: string };
    try {
      token = options.token ? { token: await options.token() } : {};
    } catch (error) {
      logger.warn(`could not tell the admins ${log.about}: their workspace's token is unavailable`, {
        ...errorFields(error),
      });
      return;
    }
    await Promise.all(
      admins.map(async (admin) => {
        try {
          await client.chat.postMessage({
            ...token,
            channel: admin,
            text,
            unfurl_links: false,
            unfurl_media: false,
          });
          logger.info(`told an admin ${log.about}`, { user: admin });
        } catch (error) {
          logger.warn(`could not tell an admin ${log.about}`, { user: admin, ...errorFields(error) });
        }
      }),
    );
  };
}
