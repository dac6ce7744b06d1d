// `rolecall ask "question" [--json]`: answers once and exits.
import type { CommandConfig } from "../config.ts";
import { createRolecall } from "../core/engine.ts";
import { toAnswerJson } from "../render/json.ts";
import { renderText } from "../render/text.ts";
import { type CommandIo, defaultFramework, loadKnowledgeFor, UsageError } from "./command.ts";

export async function runAskCommand(
  args: { positionals: string[]; json: boolean; knowledge?: string },
  io: CommandIo,
  config: CommandConfig,
): Promise<number> {
  const question = args.positionals.join(" ").trim();
  if (!question) throw new UsageError('ask needs a question, e.g. rolecall ask "ITMG 5"');
  const rolecall = createRolecall(await loadKnowledgeFor(args.knowledge, config), defaultFramework(config));
  const answer = rolecall.ask(question);
  io.stdout.write(
    args.json ? `${JSON.stringify(toAnswerJson(answer), null, 2)}\n` : `${renderText(answer)}\n`,
  );
  return 0;
}
