// Example questions for help and App Home: the core's own examples when its help answer has them.
import type { AnswerSource } from "./listeners/deps.ts";

export const FALLBACK_EXAMPLES: readonly string[] = Object.freeze([
  "What is SFIA level 5?",
  "What does an IT service manager do?",
  "Who is responsible for change management?",
]);

export function exampleQuestions(source: AnswerSource, limit = 6): string[] {
  const help = source.ask("help");
  const examples = help.followUps.filter((f) => f.kind === "example").map((f) => f.question);
  return (examples.length > 0 ? examples : [...FALLBACK_EXAMPLES]).slice(0, limit);
}
