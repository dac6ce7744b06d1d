// Runs a listener's work after its ack. A failure never escapes: it is logged with a reference and
// the person is told what happened (an actionable Slack error, or an apology quoting the reference).
import { errorFields, newErrorRef } from "../../log.ts";
import { classifyError, userMessage } from "../errors.ts";
import type { AnswerTarget } from "../targets.ts";
import type { ListenerDeps } from "./deps.ts";

export async function guarded(
  deps: Pick<ListenerDeps, "logger" | "tracker">,
  surface: string,
  target: Pick<AnswerTarget, "tell"> | undefined,
  work: () => Promise<void>,
): Promise<void> {
  const run = async () => {
    try {
      await work();
    } catch (error) {
      const { message, ref } = reportFailure(deps, surface, error);
      if (!target?.tell) return;
      try {
        await target.tell(message);
      } catch (tellError) {
        deps.logger.warn("Could not tell the person about a failure", {
          surface,
          ref,
          ...errorFields(tellError),
        });
      }
    }
  };
  await deps.tracker.track(run());
}

/** Logs a listener's failure with a new reference and returns what to tell the person about it. */
export function reportFailure(
  deps: Pick<ListenerDeps, "logger">,
  surface: string,
  error: unknown,
): { message: string; ref: string } {
  const problem = classifyError(error);
  const ref = newErrorRef();
  const log = problem.kind === "unexpected" ? deps.logger.error : deps.logger.warn;
  log("Listener failed", { surface, ref, problem: problem.kind, ...errorFields(error) });
  return { message: userMessage(problem, ref), ref };
}
