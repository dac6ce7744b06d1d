// /level <text>: the text is read as a level question: "/level SFIA 5" asks "SFIA level 5",
// "/level Working" asks "level Working".
import type { ListenerDeps } from "../deps.ts";
import { createCommandListener } from "./command-listener.ts";

export function levelQuestion(text: string): string {
  if (/\blevel\b/i.test(text)) return text;
  const trailingNumber = /^(.*?)\s*(\d+)$/.exec(text);
  if (trailingNumber?.[1]) return `${trailingNumber[1]} level ${trailingNumber[2]}`;
  return `level ${text}`;
}

export function levelCommand(deps: ListenerDeps) {
  return createCommandListener(deps, {
    name: "/level",
    toQuestion: levelQuestion,
  });
}
