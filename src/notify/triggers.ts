// When to publish: a file in the knowledge folder changed (debounced, editor temp files ignored), the
// process got SIGHUP, or someone asked (the Slack /role reload command, startup). A publish that failed
// because the store was unreachable is tried again later, so a change is never silently left unannounced.
import { type FSWatcher, watch } from "node:fs";
import path from "node:path";
import { errorFields, type Logger } from "../log.ts";
import type { Publisher, PublishOutcome, PublishReason } from "./publisher.ts";

export const TRIGGER_DEFAULTS = Object.freeze({
  /** quiet time after the last file event before publishing: editors write a file in several steps */
  debounceMs: 300,
  /** longest a publish waits while files keep changing */
  maxWaitMs: 3_000,
  /** first retry after a failed publish; doubles up to retryMaxMs */
  retryMinMs: 5_000,
  retryMaxMs: 5 * 60_000,
  /** how often a folder that cannot be watched (missing, deleted) is tried again */
  rewatchMs: 5_000,
});

export type TriggerSettings = { [Key in keyof typeof TRIGGER_DEFAULTS]: number };

export interface TriggerEvent {
  reason: PublishReason;
  /** for "watch": the changed paths, relative to the knowledge folder */
  files: string[];
}

export interface PublishTriggerOptions {
  knowledgeDir: string;
  publisher: Pick<Publisher, "publish">;
  logger: Logger;
  /** watch the folder (default true) */
  watch?: boolean;
  /** publish on SIGHUP (default true) */
  sighup?: boolean;
  settings?: Partial<TriggerSettings>;
  /** just before a triggered publish starts */
  onTrigger?: (event: TriggerEvent) => void;
  /** after each publish these triggers started */
  onOutcome?: (outcome: PublishOutcome) => void;
}

export interface PublishTriggers {
  /** Publishes now (coalescing with a publish already running). For startup and the Slack reload command. */
  requestPublish(reason: PublishReason): Promise<PublishOutcome>;
  /** Removes the watcher, the SIGHUP handler and every timer. */
  stop(): void;
}

/** Editor and tool leftovers that never hold knowledge: backups, swap files, lock files, atomic-save temps. */
const IGNORED_NAMES: readonly RegExp[] = [
  /~$/,
  /^\.#/,
  /^#.*#$/,
  /\.sw[a-px]$/i,
  /^4913$/,
  /\.(tmp|temp|bak|orig|crswap|part)$/i,
  /___jb_(tmp|old)___$/,
  /^\.goutputstream-/,
  /^\.DS_Store$/,
];

export function isIgnoredFile(file: string): boolean {
  const name = path.basename(file);
  return IGNORED_NAMES.some((pattern) => pattern.test(name));
}

export function createPublishTriggers(options: PublishTriggerOptions): PublishTriggers {
  const settings: TriggerSettings = { ...TRIGGER_DEFAULTS, ...options.settings };
  const { logger, publisher } = options;
  let stopped = false;
  let watcher: FSWatcher | undefined;
  let rewatchTimer: NodeJS.Timeout | undefined;
  let debounceTimer: NodeJS.Timeout | undefined;
  let burstStartedAt = 0;
  let changed = new Set<string>();
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = settings.retryMinMs;

  const requestPublish = async (reason: PublishReason): Promise<PublishOutcome> => {
    const outcome = await publisher.publish(reason);
    afterPublish(outcome);
    return outcome;
  };

  const afterPublish = (outcome: PublishOutcome) => {
    if (outcome.status === "failed" || outcome.status === "conflict") {
      scheduleRetry();
    } else {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      retryDelay = settings.retryMinMs;
    }
    try {
      options.onOutcome?.(outcome);
    } catch (error) {
      logger.error("onOutcome callback failed", errorFields(error));
    }
  };

  const scheduleRetry = () => {
    if (stopped || retryTimer) return;
    const delay = retryDelay;
    retryDelay = Math.min(retryDelay * 2, settings.retryMaxMs);
    logger.warn("publishing again later", { in_ms: delay });
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!stopped) fire("retry", []);
    }, delay);
    retryTimer.unref();
  };

  const fire = (reason: PublishReason, files: string[]) => {
    try {
      options.onTrigger?.({ reason, files });
    } catch (error) {
      logger.error("onTrigger callback failed", errorFields(error));
    }
    void requestPublish(reason);
  };

  const onFileEvent = (filename: string | null) => {
    if (stopped) return;
    const file = filename ?? "";
    if (file && isIgnoredFile(file)) return;
    const now = Date.now();
    if (changed.size === 0 && !debounceTimer) burstStartedAt = now;
    changed.add(file);
    clearTimeout(debounceTimer);
    const wait = Math.max(0, Math.min(settings.debounceMs, burstStartedAt + settings.maxWaitMs - now));
    debounceTimer = setTimeout(flushFileEvents, wait);
  };

  const flushFileEvents = () => {
    debounceTimer = undefined;
    const files = [...changed].filter(Boolean).sort();
    changed = new Set();
    if (!stopped) fire("watch", files);
  };

  const startWatching = (): boolean => {
    try {
      // Recursive watching works on Linux from Node 20, and on macOS and Windows natively.
      watcher = watch(options.knowledgeDir, { recursive: true }, (_event, filename) =>
        onFileEvent(filename === null ? null : String(filename)),
      );
    } catch (error) {
      logger.warn("cannot watch the knowledge folder; trying again later", {
        dir: options.knowledgeDir,
        ...errorFields(error),
      });
      scheduleRewatch();
      return false;
    }
    watcher.on("error", (error) => {
      logger.warn("the knowledge folder watcher stopped; watching again later", {
        dir: options.knowledgeDir,
        ...errorFields(error),
      });
      watcher?.close();
      watcher = undefined;
      scheduleRewatch();
    });
    return true;
  };

  const scheduleRewatch = () => {
    if (stopped || rewatchTimer) return;
    rewatchTimer = setTimeout(() => {
      rewatchTimer = undefined;
      // The folder may have changed while it was not watched.
      if (!stopped && startWatching()) onFileEvent(null);
    }, settings.rewatchMs);
    rewatchTimer.unref();
  };

  const onSighup = () => {
    logger.info("SIGHUP: publishing the knowledge folder");
    fire("sighup", []);
  };

  if (options.watch ?? true) startWatching();
  if (options.sighup ?? true) process.on("SIGHUP", onSighup);

  return {
    requestPublish,
    stop: () => {
      stopped = true;
      watcher?.close();
      watcher = undefined;
      for (const timer of [rewatchTimer, debounceTimer, retryTimer]) clearTimeout(timer);
      process.off("SIGHUP", onSighup);
    },
  };
}
