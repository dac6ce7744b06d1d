// Publishing: read the knowledge folder, serve it if it is valid, and record what changed since the last
// published snapshot together with one outbox row per subscribed channel, in one store transaction. The
// delivery worker posts the rows; this file never talks to Slack.
import { randomUUID } from "node:crypto";
import {
  type Change,
  diffSnapshots,
  type KnowledgeSnapshot,
  parseSnapshot,
  SnapshotError,
  snapshotHash,
  toSnapshot,
} from "../core/changes/index.ts";
import { buildKnowledge, readAndBuildKnowledge } from "../core/knowledge/load.ts";
import type { KnowledgeBase } from "../core/knowledge/model.ts";
import { formatProblem, KnowledgeError, type KnowledgeProblem } from "../core/knowledge/problems.ts";
import { errorFields, type Logger } from "../log.ts";
import { StoreError } from "../store/errors.ts";
import { isOlder } from "../store/publish-rules.ts";
import type { ContentVersion, Snapshot, Store } from "../store/types.ts";
import { appVersion } from "./app-version.ts";
import { planDeliveries } from "./fan-out.ts";

export type PublishReason = "startup" | "watch" | "sighup" | "command" | "cli" | "retry";

export type PublishOutcome =
  | {
      status: "published";
      reason: PublishReason;
      snapshotId: string;
      hash: string;
      changes: Change[];
      /** outbox rows written: one per channel that follows something that changed */
      deliveries: number;
      /** true when there was nothing to compare with (first publish, or a stored snapshot of another format) */
      baseline: boolean;
    }
  | { status: "unchanged"; reason: PublishReason; snapshotId: string; hash: string }
  | { status: "invalid"; reason: PublishReason; problems: readonly KnowledgeProblem[] }
  /** other instances kept publishing first, every attempt; their publishes already announced the news */
  | { status: "conflict"; reason: PublishReason; hash: string }
  /**
   * Another instance already published newer knowledge (see ContentVersion): announcing this one would
   * tell channels that the newer changes were reverted. Nothing is written; this instance still serves
   * its own knowledge until it is replaced or its folder catches up.
   */
  | { status: "older"; reason: PublishReason; hash: string; latestSnapshotId: string }
  /** the store failed; the knowledge is served, and the next publish announces the changes */
  | { status: "failed"; reason: PublishReason; error: Error }
  /**
   * The store refuses this knowledge for good (a snapshot over its size cap): it is served, but not
   * recorded or announced, and not tried again until the folder changes. The next publish that is stored
   * announces everything since the last stored snapshot.
   */
  | { status: "rejected"; reason: PublishReason; error: StoreError };

export type PublishedOutcome = Extract<PublishOutcome, { status: "published" }>;

export interface Preview {
  changes: Change[];
  previousSnapshotId: string | null;
  /** true when publishing now would store a baseline and notify nobody */
  baseline: boolean;
}

export interface PublisherOptions {
  knowledgeDir: string;
  /** the parsed-knowledge cache, so a publish parses only the files that changed */
  cacheFile?: string;
  store: Store;
  logger: Logger;
  /** the knowledge to serve from now on; called only with valid knowledge, and only when it changed */
  /** also given the knowledge's content hash: the version answers from it are recorded with */
  onKnowledge?: (kb: KnowledgeBase, contentHash: string) => void | Promise<void>;
  /**
   * The content hash (readAndBuildKnowledge's) of the knowledge already being served, loaded at start-up:
   * a publish of the same files does not hand it over again, which would build its index a second time.
   */
  servedContentHash?: string;
  /** the knowledge folder has problems (each with file:line:col); the last good knowledge is still served */
  onInvalid?: (problems: readonly KnowledgeProblem[]) => void;
  /** the store refused the knowledge for good (see the "rejected" outcome); called once per content */
  onRejected?: (error: StoreError) => void;
  /** after outbox rows were written: wire to the delivery worker's wake() */
  onPublished?: (outcome: PublishedOutcome) => void;
  /**
   * What stamps this instance's knowledge besides its framework versions: the app version and the
   * deploy's knowledge revision. A publish older than the published knowledge is refused (see "older").
   * Defaults to this Rolecall's version (package.json) and no revision.
   */
  versionStamp?: Omit<ContentVersion, "frameworks">;
  now?: () => Date;
}

export interface Publisher {
  /**
   * Publishes the folder as it is now. Never rejects. Runs one at a time: calls made while one runs share
   * a single follow-up run, which reads the folder again.
   */
  publish(reason: PublishReason): Promise<PublishOutcome>;
  /** What publishing now would announce, without writing anything. Throws KnowledgeError when invalid. */
  preview(): Promise<Preview>;
}

/** How often a publish re-reads the latest snapshot when other instances publish in between. */
const MAX_STALE_ATTEMPTS = 3;

export function createPublisher(options: PublisherOptions): Publisher {
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());
  let servedContent: string | undefined = options.servedContentHash;
  let reportedInvalidContent: string | undefined;
  /** the folder content the store refused for good, and why: not offered to it again */
  let rejected: { content: string; error: StoreError } | undefined;
  let active: Promise<PublishOutcome> | undefined;
  let followUp: Promise<PublishOutcome> | undefined;

  const publish = (reason: PublishReason): Promise<PublishOutcome> => {
    if (followUp) return followUp;
    if (!active) return start(reason);
    followUp = active.then(() => {
      followUp = undefined;
      return start(reason);
    });
    return followUp;
  };

  const start = (reason: PublishReason): Promise<PublishOutcome> => {
    const run = publishOnce(reason).finally(() => {
      if (active === run) active = undefined;
    });
    active = run;
    return run;
  };

  const publishOnce = async (reason: PublishReason): Promise<PublishOutcome> => {
    let loaded: Loaded;
    try {
      loaded = await load(options.knowledgeDir, options.cacheFile);
    } catch (error) {
      return failed(reason, error);
    }
    if (loaded.problems.length > 0) return invalid(reason, loaded);
    reportedInvalidContent = undefined;
    await serve(loaded);
    if (rejected?.content === loaded.contentHash) {
      // Building and offering the same snapshot again would freeze the process for nothing.
      logger.info("knowledge not published: still too large for the store; waiting for an edit", { reason });
      return { status: "rejected", reason, error: rejected.error };
    }
    rejected = undefined;
    try {
      await turn();
      return await record(reason, loaded.kb);
    } catch (error) {
      if (isPermanent(error)) {
        rejected = { content: loaded.contentHash, error };
        logger.error("knowledge not published: the store refuses it, and will until the folder changes", {
          reason,
          ...errorFields(error),
        });
        guard("onRejected", () => options.onRejected?.(error));
        return { status: "rejected", reason, error };
      }
      return failed(reason, error);
    }
  };

  const invalid = (reason: PublishReason, loaded: Loaded): PublishOutcome => {
    const { problems } = loaded;
    for (const problem of problems) logger.warn(`knowledge problem: ${formatProblem(problem)}`, { reason });
    logger.warn("knowledge not published: the folder has problems; still serving the last good knowledge", {
      reason,
      problems: problems.length,
    });
    // Saving the same broken text again (or a second trigger) should not tell the admins twice.
    if (reportedInvalidContent !== loaded.contentHash) {
      reportedInvalidContent = loaded.contentHash;
      guard("onInvalid", () => options.onInvalid?.(problems));
    }
    return { status: "invalid", reason, problems };
  };

  /** Resolves once the new knowledge answers, so a publish never announces what is not served yet. */
  const serve = async (loaded: Loaded) => {
    // Compared by file text, not snapshot hash: a reordered list is no news, but it is served as written.
    if (servedContent === loaded.contentHash) return;
    servedContent = loaded.contentHash;
    try {
      await options.onKnowledge?.(loaded.kb, loaded.contentHash);
    } catch (error) {
      logger.error("onKnowledge callback failed", errorFields(error));
    }
  };

  const record = async (reason: PublishReason, kb: KnowledgeBase): Promise<PublishOutcome> => {
    const snapshot = toSnapshot(kb);
    await turn();
    const hash = snapshotHash(snapshot);
    const version = contentVersion(snapshot, options.versionStamp ?? { app: appVersion() });
    for (let attempt = 1; attempt <= MAX_STALE_ATTEMPTS; attempt++) {
      const latest = await store.latestSnapshot();
      if (latest?.hash === hash) {
        logger.info("knowledge unchanged since the last publish", { reason, snapshot: latest.id });
        return { status: "unchanged", reason, snapshotId: latest.id, hash };
      }
      // Checked before diffing, and by the store again as it writes: an old instance in a rolling deploy
      // would otherwise diff its older knowledge against the newer snapshot, announcing every change reverted.
      if (latest && isOlder(version, latest.version)) return older(reason, hash, latest, version);
      const before = previousSnapshot(latest);
      await turn();
      const changes = before ? diffSnapshots(before, snapshot) : [];
      await turn();
      const snapshotId = randomUUID();
      const subscriptions = changes.length > 0 ? await store.listSubscriptions() : [];
      const deliveries = planDeliveries({
        changes,
        subscriptions,
        frameworkNames: frameworkNames(kb, before),
      });
      const result = await store.publish({
        snapshotId,
        hash,
        knowledge: snapshot,
        changes,
        previousSnapshotId: latest?.id ?? null,
        version,
        deliveries: deliveries.map(({ teamId, channelId, subscriptionIds, payload }) => ({
          teamId,
          channelId,
          subscriptionIds,
          payload,
        })),
        at: now(),
      });
      if (result.published) {
        const outcome: PublishedOutcome = {
          status: "published",
          reason,
          snapshotId: result.snapshot.id,
          hash,
          changes,
          deliveries: result.outbox.length,
          baseline: !before,
        };
        logger.info(before ? "knowledge published" : "knowledge published as the new baseline", {
          reason,
          snapshot: outcome.snapshotId,
          changes: changes.length,
          deliveries: outcome.deliveries,
        });
        guard("onPublished", () => options.onPublished?.(outcome));
        return outcome;
      }
      if (result.reason === "unchanged") {
        return { status: "unchanged", reason, snapshotId: result.latest?.id ?? "", hash };
      }
      if (result.reason === "older" && result.latest) return older(reason, hash, result.latest, version);
      // Another instance published between our read and our write. Diffing again against theirs keeps
      // every change announced exactly once: what they announced is not repeated, what only we have is.
      logger.info("another instance published first; comparing with its snapshot", { reason, attempt });
    }
    logger.warn("knowledge not published: other instances kept publishing first", { reason });
    return { status: "conflict", reason, hash };
  };

  const older = (
    reason: PublishReason,
    hash: string,
    latest: Snapshot,
    version: ContentVersion,
  ): PublishOutcome => {
    logger.warn(OLDER_KNOWLEDGE_LOG, {
      reason,
      snapshot: latest.id,
      version: describeVersion(version),
      published_version: latest.version ? describeVersion(latest.version) : undefined,
    });
    return { status: "older", reason, hash, latestSnapshotId: latest.id };
  };

  const previousSnapshot = (latest: Snapshot | undefined): KnowledgeSnapshot | undefined => {
    if (!latest) return undefined;
    try {
      return parseSnapshot(latest.knowledge);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      // An older or newer Rolecall stored it. Announcing a diff across formats would be noise or wrong, so
      // this publish becomes the new baseline and notifies nobody.
      logger.warn("the last published snapshot cannot be compared; publishing a new baseline", {
        snapshot: latest.id,
        error_code: error.code,
        error: error.message,
      });
      return undefined;
    }
  };

  const failed = (reason: PublishReason, error: unknown): PublishOutcome => {
    const coded = error instanceof Error ? error : new Error(String(error));
    logger.error("knowledge publish failed", { reason, ...errorFields(coded) });
    return { status: "failed", reason, error: coded };
  };

  const guard = (name: string, callback: () => void) => {
    try {
      callback();
    } catch (error) {
      logger.error(`${name} callback failed`, errorFields(error));
    }
  };

  const preview = async (): Promise<Preview> => {
    const loaded = await load(options.knowledgeDir, options.cacheFile);
    if (loaded.problems.length > 0) throw new KnowledgeError(loaded.problems);
    const snapshot = toSnapshot(loaded.kb);
    const latest = await store.latestSnapshot();
    const before = previousSnapshot(latest);
    return {
      changes: before ? diffSnapshots(before, snapshot) : [],
      previousSnapshotId: latest?.id ?? null,
      baseline: !before,
    };
  };

  return { publish, preview };
}

/** The log line of a publish refused because newer knowledge is already published. */
export const OLDER_KNOWLEDGE_LOG =
  "knowledge not published: it is older than the published knowledge (another instance runs newer knowledge); nobody is notified";

function contentVersion(
  snapshot: KnowledgeSnapshot,
  stamp: { revision?: string | undefined; app?: string | undefined },
): ContentVersion {
  return {
    ...(stamp.revision ? { revision: stamp.revision } : {}),
    ...(stamp.app ? { app: stamp.app } : {}),
    // A framework with no usable version says nothing about order (and must not make the store refuse it).
    frameworks: Object.fromEntries(
      snapshot.frameworks
        .filter((f) => f.version.trim() !== "" && f.version.length <= 100 && f.id.length <= 100)
        .map((f) => [f.id, f.version.trim()]),
    ),
  };
}

/** e.g. "revision 41, app 1.4.0, sfia 9, ddat 2025-03" */
function describeVersion(version: ContentVersion): string {
  return [
    ...(version.revision ? [`revision ${version.revision}`] : []),
    ...(version.app ? [`app ${version.app}`] : []),
    ...Object.entries(version.frameworks).map(([id, v]) => `${id} ${v}`),
  ].join(", ");
}

interface Loaded {
  kb: KnowledgeBase;
  problems: readonly KnowledgeProblem[];
  /** sha256 over every file's name and text */
  contentHash: string;
}

/** Errors that the same knowledge would meet again on every retry. */
function isPermanent(error: unknown): error is StoreError {
  return (
    error instanceof StoreError && (error.code === "STORE_TOO_LARGE" || error.code === "STORE_INVALID_INPUT")
  );
}

/** Lets waiting requests be answered between the long steps of a publish. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function load(dir: string, cacheFile: string | undefined): Promise<Loaded> {
  let read: Awaited<ReturnType<typeof readAndBuildKnowledge>>;
  try {
    read = await readAndBuildKnowledge(dir, cacheFile ? { cacheFile } : {});
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    // A missing or empty folder is a problem with the knowledge, reported like any other.
    return { kb: buildKnowledge([]).kb, problems: error.problems, contentHash: "" };
  }
  return { kb: read.kb, problems: read.problems, contentHash: read.contentHash };
}

function frameworkNames(kb: KnowledgeBase, before: KnowledgeSnapshot | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const framework of before?.frameworks ?? []) names.set(framework.id, framework.name);
  for (const framework of kb.frameworks.values()) names.set(framework.id, framework.name);
  return names;
}
