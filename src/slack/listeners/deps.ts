// What listeners need from the rest of the app, injected once at start-up.
import type { Answer } from "../../core/answer/types.ts";
import type { KnowledgeBase } from "../../core/knowledge/model.ts";
import type { Logger } from "../logging.ts";
import type { HomeContent } from "../render/home.ts";
import type { WorkTracker } from "../work-tracker.ts";

/** The core engine as the Slack adapter sees it; the core's Rolecall satisfies it. */
export interface AnswerSource {
  ask(question: string): Answer;
  readonly knowledge: KnowledgeBase;
}

export interface ListenerDeps {
  rolecall: AnswerSource;
  logger: Logger;
  tracker: WorkTracker;
  /** example questions for help and App Home */
  examples: readonly string[];
  /** the App Home content for a person, without an answer */
  homeContent(userId: string): Promise<Omit<HomeContent, "answer">>;
}
