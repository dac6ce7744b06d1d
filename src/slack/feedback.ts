// Records an answer about to be shown, so it can carry feedback buttons that name it. The record is
// written in the background (tracked, so a shutdown lets it finish); without feedback set up, no buttons.
import type { Answer } from "../core/answer/types.ts";
import { askFor } from "./listeners/ask-for.ts";
import type { ListenerDeps } from "./listeners/deps.ts";
import type { AnswerFeedback } from "./render/answer.ts";
import type { AnswerTarget } from "./targets.ts";

export type AnswerSurfaceName = "command" | "dm" | "mention" | "shortcut" | "button" | "home";

export function recordAnswer(
  deps: Pick<ListenerDeps, "feedback" | "tracker">,
  given: { answer: Answer; question: string; teamId: string | undefined; surface: AnswerSurfaceName },
): AnswerFeedback | undefined {
  if (!deps.feedback || !given.teamId) return undefined;
  const { answerId, stored } = deps.feedback.recorder.record({
    answer: given.answer,
    question: given.question,
    teamId: given.teamId,
    surface: given.surface,
  });
  void deps.tracker.track(stored);
  return { answerId };
}

/**
 * Answers the question for the person who asked (from their profile when it is about them) and shows it on
 * the target, recorded and with feedback buttons where set up.
 */
export async function answerOn(
  deps: Pick<ListenerDeps, "feedback" | "tracker" | "rolecall" | "profiles">,
  target: AnswerTarget,
  question: string,
  where: {
    teamId: string | undefined;
    userId?: string | undefined;
    surface: AnswerSurfaceName;
    page?: number;
  },
  /** the answer, when the caller already asked */
  given?: Answer,
): Promise<void> {
  const asker = where.userId
    ? { userId: where.userId, ...(where.teamId ? { teamId: where.teamId } : {}) }
    : undefined;
  const answer = given ?? (await askFor(deps, question, asker));
  const feedback = recordAnswer(deps, { answer, question, teamId: where.teamId, surface: where.surface });
  await target.showAnswer(answer, question, where.page, feedback);
}
