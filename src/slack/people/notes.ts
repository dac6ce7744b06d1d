// What App Home tells admins when answers can't name the people behind some roles.
import { fill } from "../../core/text/template.ts";
import { PEOPLE_LOOKUP_FAILED, PEOPLE_MISSING_SCOPE, PEOPLE_UNKNOWN_GROUP } from "../messages.ts";
import { escapeMrkdwn } from "../render/escape.ts";
import type { PeopleProblem } from "./directory.ts";

/** One escaped mrkdwn line per problem. */
export function peopleNotes(problems: readonly PeopleProblem[]): string[] {
  return problems.map(noteFor);
}

function noteFor(problem: PeopleProblem): string {
  if (problem.kind === "missing_scope")
    return fill(PEOPLE_MISSING_SCOPE, { scope: escapeMrkdwn(problem.scope) });
  if (problem.kind === "unknown_group")
    return fill(PEOPLE_UNKNOWN_GROUP, { handle: escapeMrkdwn(problem.handle) });
  return fill(PEOPLE_LOOKUP_FAILED, { what: escapeMrkdwn(problem.what), error: escapeMrkdwn(problem.error) });
}
