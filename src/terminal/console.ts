// The local console: type a question, read the answer. Used when no Slack credentials are configured.
import { createInterface } from "node:readline";
import type { Rolecall } from "../core/engine.ts";
import { ANSI, PLAIN, renderText, type TextStyle } from "../render/text.ts";
import { askAsMe, ME_WORD, runMe } from "./me-command.ts";
import { CONSOLE_PROFILE_COMMAND } from "./messages.ts";
import { type ProfileFile, ProfileFileError } from "./profile-file.ts";

export interface ConsoleOptions {
  rolecall: Rolecall;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  banner?: string;
  /** bold headings and marks; defaults to whether output is a terminal */
  color?: boolean;
  /** where `me …` keeps the person's profile; without it, `me` is a question like any other */
  profile?: ProfileFile;
}

const EXIT_WORDS = new Set(["exit", "quit", "bye", ":q"]);

/** Resolves when the input ends or the person types exit. */
export function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output } = options;
  const interactive = (output as NodeJS.WriteStream).isTTY === true;
  const style = (options.color ?? interactive) ? ANSI : PLAIN;
  const lines = createInterface({ input, output, terminal: interactive, prompt: "rolecall> " });
  if (options.banner) output.write(`${options.banner}\n`);
  output.write(
    'Ask a question (e.g. "ITMG 5", "who is accountable for change management"), "help", or "exit". Tell me where you stand with "me senior IT service manager" or "me ITMG 5, PROG 3", then ask "what do I need for the next level".\n',
  );
  lines.prompt();
  let finished = false;
  return new Promise((resolve) => {
    lines.on("line", (line) => {
      // readline still delivers lines already buffered after close(); a person who typed exit is done.
      if (finished) return;
      const question = line.trim();
      if (EXIT_WORDS.has(question.toLowerCase())) {
        finished = true;
        lines.close();
        return;
      }
      if (question) output.write(`\n${reply(options, question, style)}\n\n`);
      lines.prompt();
    });
    lines.on("close", () => resolve());
  });
}

function reply(options: ConsoleOptions, question: string, style: TextStyle): string {
  const { rolecall, profile } = options;
  const [first = "", ...rest] = question.split(/\s+/);
  try {
    if (profile && first.toLowerCase() === ME_WORD) {
      const outcome = runMe(rolecall, profile, rest.join(" "), CONSOLE_PROFILE_COMMAND);
      return "answer" in outcome ? renderText(outcome.answer, style) : outcome.text;
    }
    return renderText(askAsMe(rolecall, profile, question, CONSOLE_PROFILE_COMMAND), style);
  } catch (error) {
    // A profile file that cannot be read or written is the person's to fix; the console keeps going.
    if (error instanceof ProfileFileError || typeof (error as NodeJS.ErrnoException).errno === "number")
      return (error as Error).message;
    throw error;
  }
}
