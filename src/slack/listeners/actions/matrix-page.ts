// Next page and Previous page of a RACI matrix: the button's value carries the part of the matrix shown
// (kind, role, words) and the page, so the same part is drawn again from the knowledge served now and
// shown where the button was (an ephemeral reply is replaced through its response_url).
import { raciMatrixAnswer } from "../../../core/answer/raci-matrix.ts";
import { decodeMatrixValue } from "../../action-value.ts";
import type { ListenerDeps } from "../deps.ts";
import { actionValue, inPlaceAction } from "./action-target.ts";

export function matrixPageAction(deps: ListenerDeps) {
  return inPlaceAction(deps, "matrix page", async (args, target) => {
    const { filter, page } = decodeMatrixValue(actionValue(args));
    const answer = raciMatrixAnswer(deps.rolecall.knowledge, filter);
    await target.showAnswer(answer, answer.matrix?.question ?? answer.title, page);
  });
}
