// What listeners need from the rest of the app, injected once at start-up.

import type { webApi } from "@slack/bolt";
import type { Rolecall } from "../../core/engine.ts";
import type { KnowledgeBase } from "../../core/knowledge/model.ts";
import type { SearchIndex } from "../../core/search/build.ts";
import type { KeyedHasher } from "../../feedback/hash.ts";
import type { AnswerRecorder } from "../../feedback/recorder.ts";
import type { Logger } from "../../log.ts";
import type { PublishOutcome } from "../../notify/publisher.ts";
import type { Store } from "../../store/types.ts";
import type { WorkTracker } from "../../work-tracker.ts";
import type { EventMemory } from "../dedupe.ts";
import type { Departures } from "../departures.ts";
import type { PeopleOf } from "../people/by-workspace.ts";
import type { Permissions } from "../permissions.ts";
import type { HomeContent } from "../render/home.ts";

type WebClient = webApi.WebClient;

/**
 * The core engine as the Slack adapter sees it; the core's Rolecall satisfies it. Read on every request:
 * when the knowledge is reloaded, the same object answers from the new knowledge.
 */
export interface AnswerSource extends Pick<Rolecall, "needsProfile" | "readStanding" | "describeProfile"> {
  ask: Rolecall["ask"];
  readonly knowledge: KnowledgeBase;
  readonly index: SearchIndex;
}

/** Votes on answers, the record of answers given, and the knowledge-gaps report. */
export interface FeedbackDeps {
  recorder: AnswerRecorder;
  store: Pick<Store, "castVote" | "listAnswerFeedback" | "listSubscriptions">;
  hasher: KeyedHasher;
  permissions: Pick<Permissions, "mayReadReports">;
  /** the outcome of the last publish since start-up, for the admins' App Home */
  lastPublish(): { at: Date; outcome: PublishOutcome } | undefined;
}

/** People's profiles (/role me), kept in the store. */
export interface ProfileDeps {
  store: Pick<Store, "setProfile" | "getProfile" | "clearProfile">;
}

/** Who is asking, from the signed request; never from what they typed. */
export interface Person {
  userId: string;
  /** undefined where Slack's payload has no team (then no profile is looked up) */
  teamId?: string;
}

/** Framework-update subscriptions, their Details button and /role reload. */
export interface NotificationDeps {
  store: Pick<
    Store,
    "addSubscription" | "removeSubscriptions" | "listSubscriptions" | "getSnapshot" | "recordReview"
  >;
  permissions: Permissions;
  /** publishes the knowledge folder now (the same publish a file edit or SIGHUP starts) */
  reload(): Promise<PublishOutcome>;
  /** after a "Still correct" is recorded: answers and reminders count from it at once */
  reviewed?(): Promise<void>;
}

export interface ListenerDeps {
  rolecall: AnswerSource;
  logger: Logger;
  tracker: WorkTracker;
  /** example questions for help and App Home, from the knowledge served now */
  readonly examples: readonly string[];
  /** the App Home content for a person, without an answer; the client checks whether they are an admin */
  homeContent(person: Person, client: WebClient): Promise<Omit<HomeContent, "answer">>;
  /** undefined when the app runs without a store (subscription commands then say so) */
  notifications?: NotificationDeps;
  /** told of each redelivered event skipped as already handled */
  onDuplicateEvent?: () => void;
  /** the people behind the roles: user groups looked up in Slack, and how answers name them */
  people?: PeopleOf;
  /** which events were already handled; in memory when left out */
  eventMemory?: EventMemory;
  /** undefined when the app runs without a store or a hash key: answers then carry no feedback buttons */
  feedback?: FeedbackDeps;
  /** forgets a workspace that uninstalled Rolecall or revoked its token; undefined without a store */
  departures?: Departures;
  /** undefined when the app runs without a store (/role me then says so) */
  profiles?: ProfileDeps;
}
