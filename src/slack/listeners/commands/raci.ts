// /raci <text>: the text is read as a RACI question, e.g. "/raci change management"; "/raci matrix [for …]"
// asks for the RACI matrix, or part of it.
import type { ListenerDeps } from "../deps.ts";
import { createCommandListener } from "./command-listener.ts";

export function raciQuestion(text: string): string {
  if (/^matrix\b/i.test(text.trim())) return `RACI ${text.trim()}`;
  return /\b(raci|responsible|accountable|consulted|informed)\b/i.test(text) ? text : `RACI for ${text}`;
}

export function raciCommand(deps: ListenerDeps) {
  return createCommandListener(deps, {
    name: "/raci",
    toQuestion: raciQuestion,
  });
}
