// What listeners need from the rest of the app, injected once at start-up.
import type { Answer } from "../../core/answer/types.ts";
import type { KnowledgeBase } from "../../core/knowledge/model.ts";
import type { SearchIndex } from "../../core/search/build.ts";
import type { Logger } from "../../log.ts";
import type { PublishOutcome } from "../../notify/publisher.ts";
import type { Store } from "../../store/types.ts";
import type { WorkTracker } from "../../work-tracker.ts";
import type { EventMemory } from "../dedupe.ts";
import type { PeopleDirectory } from "../people/directory.ts";
import type { PeopleLabeller } from "../people/labels.ts";
import type { Permissions } from "../permissions.ts";
import type { HomeContent } from "../render/home.ts";

/**
 * The core engine as the Slack adapter sees it; the core's Rolecall satisfies it. Read on every request:
 * when the knowledge is reloaded, the same object answers from the new knowledge.
 */
export interface AnswerSource {
  ask(question: string): Answer;
  readonly knowledge: KnowledgeBase;
  readonly index: SearchIndex;
}

/** Framework-update subscriptions, their Details button and /role reload. */
export interface NotificationDeps {
  store: Pick<Store, "addSubscription" | "removeSubscriptions" | "listSubscriptions" | "getSnapshot">;
  permissions: Permissions;
  /** publishes the knowledge folder now (the same publish a file edit or SIGHUP starts) */
  reload(): Promise<PublishOutcome>;
}

export interface ListenerDeps {
  rolecall: AnswerSource;
  logger: Logger;
  tracker: WorkTracker;
  /** example questions for help and App Home, from the knowledge served now */
  readonly examples: readonly string[];
  /** the App Home content for a person, without an answer */
  homeContent(userId: string): Promise<Omit<HomeContent, "answer">>;
  /** undefined when the app runs without a store (subscription commands then say so) */
  notifications?: NotificationDeps;
  /** told of each redelivered event skipped as already handled */
  onDuplicateEvent?: () => void;
  /** the people behind the roles: user groups looked up in Slack, and how answers name them */
  people?: { directory: PeopleDirectory; labeller: PeopleLabeller };
  /** which events were already handled; in memory when left out */
  eventMemory?: EventMemory;
}
