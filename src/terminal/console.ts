// The local console: type a question, read the answer. Used when no Slack credentials are configured.
import { createInterface } from "node:readline";
import type { Rolecall } from "../core/engine.ts";
import { ANSI, PLAIN, renderText } from "../render/text.ts";

export interface ConsoleOptions {
  rolecall: Rolecall;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  banner?: string;
  /** bold headings and marks; defaults to whether output is a terminal */
  color?: boolean;
}

const EXIT_WORDS = new Set(["exit", "quit", "bye", ":q"]);

/** Resolves when the input ends or the person types exit. */
export function runConsole(options: ConsoleOptions): Promise<void> {
  const { rolecall, input, output } = options;
  const interactive = (output as NodeJS.WriteStream).isTTY === true;
  const style = (options.color ?? interactive) ? ANSI : PLAIN;
  const lines = createInterface({ input, output, terminal: interactive, prompt: "rolecall> " });
  if (options.banner) output.write(`${options.banner}\n`);
  output.write(
    'Ask a question (e.g. "ITMG 5", "who is accountable for change management"), "help", or "exit".\n',
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
      if (question) output.write(`\n${renderText(rolecall.ask(question), style)}\n\n`);
      lines.prompt();
    });
    lines.on("close", () => resolve());
  });
}
