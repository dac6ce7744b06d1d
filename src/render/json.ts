// One JSON object per answer, for scripts: the answer's data plus its plain-text rendering.
import type { Answer } from "../core/answer/types.ts";
import { renderText } from "./text.ts";

export interface AnswerJson extends Answer {
  text: string;
}

export function toAnswerJson(answer: Answer): AnswerJson {
  return { ...answer, text: renderText(answer) };
}
