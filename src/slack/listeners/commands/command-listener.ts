// The shared shape of Rolecall's slash commands: ack at once, then answer ephemerally via response_url.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { questionFromSlackText } from "../../question-text.ts";
import { renderHelp } from "../../render/help.ts";
import { type AnswerTarget, ephemeralTarget } from "../../targets.ts";
import type { ListenerDeps } from "../deps.ts";
import { guarded } from "../guard.ts";

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
  subcommands?: Readonly<Record<string, Subcommand>>;
}

export const showHelp: Subcommand = ({ deps, target }) => target.showMessage(renderHelp(deps.examples));

export function createCommandListener(deps: ListenerDeps, spec: CommandSpec) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    const target = ephemeralTarget(args.respond, { replaceOriginal: false });
    await guarded(deps, spec.name, target, async () => {
      const text = questionFromSlackText(args.command.text);
      const [first = "", ...rest] = text.split(" ");
      const subcommand = spec.subcommands?.[first.toLowerCase()];
      if (text === "") return showHelp({ deps, args, target, rest: "" });
      if (subcommand) return subcommand({ deps, args, target, rest: rest.join(" ") });
      const question = spec.toQuestion(text);
      await target.showAnswer(deps.rolecall.ask(question), question);
    });
  };
}
