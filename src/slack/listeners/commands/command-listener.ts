// The shared shape of Rolecall's slash commands: a question (or help) is answered in the ack itself;
// a subcommand that calls Slack or the store is acked at once and answers ephemerally via response_url.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Answer } from "../../../core/answer/types.ts";
import { answerOn, recordAnswer } from "../../feedback.ts";
import { PROFILE_COMMAND } from "../../messages.ts";
import { questionFromSlackText } from "../../question-text.ts";
import { renderAnswer } from "../../render/answer.ts";
import type { KnownBlock } from "../../render/block-kit.ts";
import { type RenderedMessage, renderHelp } from "../../render/help.ts";
import { type AnswerTarget, ephemeralTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded, reportFailure } from "../guard.ts";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface SubcommandContext {
  deps: ListenerDeps;
  args: CommandArgs;
  target: AnswerTarget;
  /** the words after the subcommand */
  rest: string;
}

export type Subcommand = (context: SubcommandContext) => Promise<void>;

export interface CommandSpec {
  name: string;
  /** turns what the person typed into the question for the core */
  toQuestion(text: string): string;
  /** subcommands that call Slack's Web API or the store: they run after a plain ack */
  subcommands?: Readonly<Record<string, Subcommand>>;
}

/** What a command's ack carries when it answers at once: an ephemeral message only the person sees. */
export interface AckReply {
  response_type: "ephemeral";
  text: string;
  blocks?: KnownBlock[];
}

/** The first word that asks for help instead of asking a question; every command has it. */
export const HELP_WORD = "help";

export function createCommandListener(deps: ListenerDeps, spec: CommandSpec) {
  return async (args: CommandArgs): Promise<void> => {
    const text = questionFromSlackText(args.command.text);
    const space = text.indexOf(" ");
    const first = (space < 0 ? text : text.slice(0, space)).toLowerCase();
    // Own keys only: "constructor" or "toString" are questions, not subcommands.
    const subcommand =
      spec.subcommands && Object.hasOwn(spec.subcommands, first) ? spec.subcommands[first] : undefined;
    if (!subcommand && !asksFromProfile(deps, spec, text)) {
      const reply = replyInAck(deps, spec, text, first === HELP_WORD, args.command.team_id);
      if ("ask" in reply) {
        // The answer names a user group not looked up yet: ack now, answer once Slack has said who is in it.
        await args.ack();
        const target = ephemeralTarget(args.respond, {
          replaceOriginal: false,
          people: deps.people?.(args.command.team_id).labeller,
        });
        await guarded(deps, spec.name, target, () =>
          target.showAnswer(
            reply.ask.answer,
            reply.ask.question,
            undefined,
            recordAnswer(deps, { ...reply.ask, teamId: args.command.team_id, surface: "command" }),
          ),
        );
        return;
      }
      await args.ack(reply);
      return;
    }
    await args.ack();
    if (!subcommand) {
      // A question about the asker waits on the store for their profile, so it is answered after the ack.
      const question = spec.toQuestion(text);
      const person = { teamId: args.command.team_id, userId: args.command.user_id };
      const answerTarget = ephemeralTarget(args.respond, {
        replaceOriginal: false,
        people: deps.people?.(args.command.team_id).labeller,
      });
      await guarded(deps, spec.name, answerTarget, () =>
        answerOn(deps, answerTarget, question, { ...person, surface: "command" }),
      );
      return;
    }
    const target = ephemeralTarget(args.respond, { replaceOriginal: false });
    const rest = space < 0 ? "" : text.slice(space + 1);
    await guarded(deps, spec.name, target, () => subcommand({ deps, args, target, rest }));
  };
}

function asksFromProfile(deps: ListenerDeps, spec: CommandSpec, text: string): boolean {
  if (!deps.profiles || text === "") return false;
  try {
    return deps.rolecall.needsProfile(spec.toQuestion(text));
  } catch {
    // replyInAck reports the failure when it asks the same question
    return false;
  }
}

/**
 * Help or the answer to a question, computed before the ack so Slack shows it from the ack's own HTTP
 * response (or Socket Mode envelope ack), with no second request to response_url. This is safe inside
 * Slack's 3-second ack window because it touches nothing outside the process: the core's ask() is
 * synchronous and in-memory, bounded by its 500-character question limit, and measured at about 0.2 ms
 * p50 and 2 to 5 ms p99 on the full SFIA 9 + DDaT knowledge (docs/BENCHMARKS.md); rendering is bounded
 * by Slack's block limits. Anything that waits on the network (subcommands, and an answer naming a user
 * group whose members are not cached) acks first instead.
 * A failure here still acks, once, with the apology and its reference.
 */
export function replyInAck(
  deps: ListenerDeps,
  spec: CommandSpec,
  text: string,
  help: boolean,
  teamId?: string,
): AckReply | { ask: { answer: Answer; question: string } } {
  try {
    if (text === "" || help) return ackReply(renderHelp(deps.examples));
    const question = spec.toQuestion(text);
    const answer = deps.rolecall.ask(question, { profileCommand: PROFILE_COMMAND });
    // People come from the cache here; only a group never looked up (or gone stale) waits for Slack.
    const people = deps.people ? deps.people(teamId).labeller.cachedMentions(answer) : undefined;
    if (people === "fetch") return { ask: { answer, question } };
    // Only the record's id is worked out here; the store write is not waited for.
    const feedback = recordAnswer(deps, { answer, question, teamId, surface: "command" });
    return ackReply(
      renderAnswer(answer, { question, surface: "ephemeral", feedback, ...(people ? { people } : {}) }),
    );
  } catch (error) {
    return { response_type: "ephemeral", text: reportFailure(deps, spec.name, error).message };
  }
}

function ackReply(message: RenderedMessage): AckReply {
  return { response_type: "ephemeral", text: message.text, blocks: message.blocks };
}
