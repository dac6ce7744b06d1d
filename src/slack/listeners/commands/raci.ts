// /raci <text>: the text is read as a RACI question, e.g. "/raci change management".
import type { ListenerDeps } from "../deps.ts";
import { createCommandListener } from "./command-listener.ts";

export function raciQuestion(text: string): string {
  return /\b(raci|responsible|accountable|consulted|informed)\b/i.test(text) ? text : `RACI for ${text}`;
}

export function raciCommand(deps: ListenerDeps) {
  return createCommandListener(deps, {
    name: "/raci",
    toQuestion: raciQuestion,
  });
}
