// A helpful / not helpful vote on an answer (Slack's feedback buttons in messages, plain buttons on App
// Home). The vote is stored against the answer's record under a keyed hash of the voter, then acknowledged
// where the answer is: an ephemeral answer or a DM is shown again with the note, App Home is republished
// with it, and in a channel (where others see the answer) only the voter is told.
import { fill } from "../../../core/text/template.ts";
import type { VoteResult } from "../../../store/types.ts";
import { decodeFeedbackValue } from "../../feedback-value.ts";
import {
  FEEDBACK_OFF,
  VOTE_CHANGED,
  VOTE_RECORDED,
  VOTE_REPEATED,
  VOTE_UNKNOWN_ANSWER,
  VOTE_WORDS,
} from "../../messages.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";
import { actionValue, type BlockActionArgs, targetForAction } from "./action-target.ts";

export function feedbackAction(deps: ListenerDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const target = targetForAction(args, deps);
    if (!target) {
      deps.logger.warn("Ignored a feedback button in an unexpected place", {
        container: String(args.body.container.type),
      });
      return;
    }
    // App Home has nobody to tell a failure to but the Home tab itself.
    await guarded(deps, "feedback", target.tell ? target : undefined, async () => {
      const value = decodeFeedbackValue(actionValue(args));
      const feedback = deps.feedback;
      if (!feedback) {
        await target.tell?.(FEEDBACK_OFF);
        return;
      }
      const { body } = args;
      const teamId = body.team?.id ?? body.user.team_id ?? args.context.teamId ?? "";
      await feedback.recorder.stored(value.a);
      const result = await feedback.store.castVote({
        answerId: value.a,
        voter: feedback.hasher.user(teamId, body.user.id),
        vote: value.v,
      });
      deps.logger.info("Answer feedback", {
        status: result.status,
        ...(result.status === "unknown_answer" ? {} : { vote: result.vote, intent: result.answer.intent }),
      });
      const note = voteNote(result);
      const channel = (body.container as { channel_id?: string }).channel_id ?? body.channel?.id ?? "";
      const showsOthers = target.surface === "message" && !channel.startsWith("D");
      const tellOnly = showsOthers || !value.q || (result.status === "unknown_answer" && target.tell);
      if (tellOnly || !value.q) {
        await target.tell?.(note);
        return;
      }
      await target.showAnswer(deps.rolecall.ask(value.q), value.q, value.p, { answerId: value.a, note });
    });
  };
}

export function voteNote(result: VoteResult): string {
  if (result.status === "unknown_answer") return VOTE_UNKNOWN_ANSWER;
  const vote = VOTE_WORDS[result.vote];
  if (result.status === "recorded") return fill(VOTE_RECORDED, { vote });
  if (result.status === "changed") return fill(VOTE_CHANGED, { vote });
  return fill(VOTE_REPEATED, { vote });
}
