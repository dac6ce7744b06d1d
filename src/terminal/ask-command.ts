// `rolecall ask "question" [--json]`: answers once and exits; a question about the asker uses the local
// profile. `rolecall me [role level | skills | clear] [--json]`: shows, sets or forgets that profile.
import type { CommandConfig } from "../config.ts";
import { createRolecall } from "../core/engine.ts";
import { toAnswerJson } from "../render/json.ts";
import { renderText } from "../render/text.ts";
import { type CommandIo, defaultFramework, loadKnowledgeFor, UsageError } from "./command.ts";
import { askAsMe, runMe } from "./me-command.ts";
import { CLI_PROFILE_COMMAND } from "./messages.ts";
import { createProfileFile } from "./profile-file.ts";

export async function runAskCommand(
  args: { positionals: string[]; json: boolean; knowledge?: string },
  io: CommandIo,
  config: CommandConfig,
): Promise<number> {
  const question = args.positionals.join(" ").trim();
  if (!question) throw new UsageError('ask needs a question, e.g. rolecall ask "ITMG 5"');
  const rolecall = createRolecall(await loadKnowledgeFor(args.knowledge, config), defaultFramework(config));
  const answer = askAsMe(rolecall, createProfileFile(config.profileFile), question, CLI_PROFILE_COMMAND);
  io.stdout.write(
    args.json ? `${JSON.stringify(toAnswerJson(answer), null, 2)}\n` : `${renderText(answer)}\n`,
  );
  return 0;
}

export async function runMeCommand(
  args: { positionals: string[]; json: boolean; knowledge?: string },
  io: CommandIo,
  config: CommandConfig,
): Promise<number> {
  const rolecall = createRolecall(await loadKnowledgeFor(args.knowledge, config), defaultFramework(config));
  const outcome = runMe(
    rolecall,
    createProfileFile(config.profileFile),
    args.positionals.join(" "),
    CLI_PROFILE_COMMAND,
  );
  if (!("answer" in outcome)) {
    io.stdout.write(args.json ? `${JSON.stringify({ text: outcome.text })}\n` : `${outcome.text}\n`);
    return outcome.refused ? 1 : 0;
  }
  io.stdout.write(
    args.json
      ? `${JSON.stringify(toAnswerJson(outcome.answer), null, 2)}\n`
      : `${renderText(outcome.answer)}\n`,
  );
  return 0;
}
