// `npm start`: read the configuration, load the knowledge, then talk to Slack (Socket Mode or HTTP)
// or, with no Slack credentials, run the local console. Either way an edit of the knowledge folder is
// picked up while running; in Slack mode it is also published to the channels subscribed to it, and with
// OPS_PORT set, /livez, /readyz and /metrics are served on that port.
import { setTimeout as delay } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { type Config, ConfigError, loadConfig, secretsOf } from "./config.ts";
import type { RolecallOptions } from "./core/engine.ts";
import { knowledgeCachePath } from "./core/knowledge/cache.ts";
import { readAndBuildKnowledge } from "./core/knowledge/load.ts";
import { KnowledgeError } from "./core/knowledge/problems.ts";
import { type LiveRolecall, liveRolecall } from "./core/live.ts";
import { createKeyedHasher } from "./feedback/hash.ts";
import { createAnswerRecorder } from "./feedback/recorder.ts";
import { createQuestionRetention, type QuestionRetention } from "./feedback/retention.ts";
import { createLogger, createRedactor, errorFields, type Logger, newErrorRef, problemsOnly } from "./log.ts";
import { versionStamp } from "./notify/app-version.ts";
import { createFreshnessTracker, type FreshnessTracker } from "./notify/freshness.ts";
import type { PublishOutcome } from "./notify/publisher.ts";
import { createReviewReminders, REVIEW_DEFAULTS, type ReviewReminders } from "./notify/reviews.ts";
import { createNotificationRuntime, type NotificationRuntimeOptions } from "./notify/runtime.ts";
import { subscriptionChannelsOf } from "./notify/subscriptions.ts";
import { createMetrics, type Metrics } from "./ops/metrics.ts";
import { createOpsServer, type OpsServer, OpsServerError } from "./ops/server.ts";
import {
  createSlackApp,
  type SlackApp,
  type SlackConnection,
  type SlackCredentials,
  SlackStartError,
} from "./slack/app.ts";
import { createStoreEventMemory } from "./slack/dedupe.ts";
import { createDepartures } from "./slack/departures.ts";
import { createInstallationStore } from "./slack/installations.ts";
import { createObservedFetch } from "./slack/observed-fetch.ts";
import { createPermissions } from "./slack/permissions.ts";
import { createAdminAlert, createTooLargeAlert } from "./slack/updates/admin-alert.ts";
import { createDeliveryClient } from "./slack/updates/client.ts";
import { createSlackCourier } from "./slack/updates/courier.ts";
import { createStore } from "./store/index.ts";
import type { Store } from "./store/types.ts";
import { runConsole } from "./terminal/console.ts";
import { CONSOLE_HINT, CONSOLE_RELOADED } from "./terminal/messages.ts";
import { createProfileFile } from "./terminal/profile-file.ts";

export interface MainIo {
  /** the environment to configure from; config.ts reads the process's own when left out */
  env?: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** resolves when the process is asked to stop (SIGINT/SIGTERM) */
  stopSignal: Promise<string>;
  /** called as a drain starts; resolves when asked to stop again, which skips the rest of SHUTDOWN_DRAIN_MS */
  nextStopSignal?: () => Promise<string>;
}

/** What /readyz checks and /metrics reports, filled in as the bot starts. */
interface Operations {
  metrics: Metrics;
  server: OpsServer;
  state: { knowledgeLoaded: boolean; store?: Store; slack?: SlackApp };
}

/** Runs Rolecall and resolves with the process exit code. */
export async function main(io: MainIo): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(io, error.message);
    throw error;
  }
  const logger = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    secrets: secretsOf(config),
    write: (line) => io.stderr.write(`${line}\n`),
  });
  process.on("unhandledRejection", (reason) => {
    // A listener's promise that escaped every guard: log it and keep serving.
    logger.error("Unhandled promise rejection", { ref: newErrorRef(), ...errorFields(reason) });
  });

  let ops: Operations | undefined;
  if (config.mode !== "console" && config.opsPort !== undefined) {
    // Before the knowledge loads, so a slow start is alive (and not ready) rather than unreachable.
    try {
      ops = await startOperations(config.opsPort, logger);
    } catch (error) {
      if (error instanceof OpsServerError) return fail(io, error.message);
      throw error;
    }
  }
  try {
    return await run(config, ops, logger, io);
  } finally {
    await ops?.server.stop();
  }
}

async function run(config: Config, ops: Operations | undefined, logger: Logger, io: MainIo): Promise<number> {
  let live: LiveRolecall;
  // Answers are dated from the store's publish history once a store is open (see datedBy).
  const dating: AnswerDating = {};
  try {
    const initial = await readAndBuildKnowledge(config.knowledgeDir, {
      cacheFile: knowledgeCacheFile(config),
    });
    if (initial.problems.length > 0) throw new KnowledgeError(initial.problems);
    live = liveRolecall(initial.kb, initial.contentHash, rolecallOptions(config, dating));
    if (config.defaultFramework && !initial.kb.frameworks.has(config.defaultFramework)) {
      logger.warn(
        `ROLECALL_DEFAULT_FRAMEWORK is ${config.defaultFramework}, which the knowledge does not define (it has ${[...initial.kb.frameworks.keys()].join(", ")}); no framework is preferred.`,
      );
    }
  } catch (error) {
    if (error instanceof KnowledgeError) return fail(io, error.message);
    throw error;
  }

  if (config.mode === "console") return runLocalConsole(config, live, logger, io, dating);
  if (ops) ops.state.knowledgeLoaded = true;
  return runSlack(config, live, logger, io, ops, dating);
}

async function startOperations(port: number, logger: Logger): Promise<Operations> {
  const metrics = createMetrics();
  const state: Operations["state"] = { knowledgeLoaded: false };
  const server = createOpsServer({
    port,
    metrics,
    checks: {
      knowledge: () => state.knowledgeLoaded,
      store: async () => {
        if (!state.store) return false;
        await state.store.outboxStats();
        return true;
      },
      slack: () => state.slack?.connected() ?? false,
    },
  });
  const started = await server.start();
  logger.info(`Operations endpoints on port ${started.port}: GET /livez, /readyz and /metrics`, {
    ops_port: started.port,
  });
  return { metrics, server, state };
}

async function runLocalConsole(
  config: Config,
  live: LiveRolecall,
  logger: Logger,
  io: MainIo,
  dating: AnswerDating,
): Promise<number> {
  io.stderr.write(`${CONSOLE_HINT}\n`);
  // Hot reload needs somewhere to keep the last published knowledge. The console uses the embedded store
  // in DATA_DIR even when DATABASE_URL is set, so trying Rolecall locally never needs (or touches) PostgreSQL.
  let store: Store | undefined;
  try {
    store = await createStore({ dataDir: config.dataDir });
    await store.migrate();
  } catch (error) {
    await store?.close();
    store = undefined;
    logger.warn("Knowledge edits will not be picked up until Rolecall restarts", errorFields(error));
  }
  let started = false;
  const freshness = store ? datedBy(dating, store, problemsOnly(logger)) : undefined;
  const runtime = store
    ? createNotificationRuntime({
        knowledgeDir: config.knowledgeDir,
        cacheFile: knowledgeCacheFile(config),
        store,
        // The console's screen is for answers: only problems with the knowledge are worth a line.
        logger: problemsOnly(logger),
        servedContentHash: live.contentHash,
        ...instanceSettings(config),
        onKnowledge: async (kb) => {
          await live.swap(kb);
          if (started) io.stderr.write(`${CONSOLE_RELOADED}\n`);
        },
        ...(freshness ? { onPublished: () => void freshness.refresh() } : {}),
      })
    : undefined;
  await runtime?.publish("startup");
  await freshness?.refresh();
  started = true;
  try {
    const profile = createProfileFile(config.profileFile);
    await Promise.race([
      runConsole({ rolecall: live, input: io.stdin, output: io.stdout, profile }),
      io.stopSignal,
    ]);
  } finally {
    await runtime?.stop();
    await store?.close();
  }
  return 0;
}

async function runSlack(
  config: Config,
  live: LiveRolecall,
  logger: Logger,
  io: MainIo,
  ops: Operations | undefined,
  dating: AnswerDating,
): Promise<number> {
  const metrics = ops?.metrics;
  let store: Store | undefined;
  try {
    store = await createStore({
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      dataDir: config.dataDir,
      logger: { warn: (message) => logger.warn(message) },
    });
    const migration = await store.migrate();
    logger.info("Notifications store ready", {
      store: store.kind,
      target: store.target,
      schema: migration.databaseVersion,
    });
  } catch (error) {
    await store?.close().catch(() => undefined);
    return fail(io, storeStartMessage(config, error), createRedactor(secretsOf(config)));
  }

  const connection = slackConnection(config, store);
  if (!connection) {
    await store.close();
    return fail(io, "Slack mode needs a bot token or OAuth, and an app token or a signing secret.");
  }
  const openStore = store;
  if (ops) ops.state.store = openStore;
  metrics?.watchOutbox(() => openStore.outboxStats());
  let lastPublish: { at: Date; outcome: PublishOutcome } | undefined;
  const reminders = createReviewReminders({ store, logger });
  const freshness = datedBy(dating, store, logger, reminders);
  // Due dates pass between publishes too; each check queues only what was not reminded this interval.
  const checkReviews = async () => {
    if ((await reminders.check(live.knowledge)) > 0) notifications.deliverNow();
  };
  const redate = () => freshness.refresh().then(checkReviews);
  /** the new dates of the last recorded publish, whatever started it; /role reload waits for them */
  let redatedAfterPublish: Promise<void> = Promise.resolve();
  const permissions = createPermissions({ admins: config.admins, subscribers: config.subscribers });
  const { hashSecret } = config.feedback;
  // One keyed hasher for recording answers and counting votes: both must hash a voter the same way.
  const hasher = hashSecret ? createKeyedHasher(hashSecret) : undefined;
  const retention: QuestionRetention | undefined = hashSecret
    ? createQuestionRetention({ store, retentionDays: config.feedback.questionRetentionDays, logger })
    : undefined;
  const slack = createSlackApp({
    connection,
    apiUrl: config.slack.apiUrl,
    rolecall: live,
    logger,
    logLevel: config.logLevel,
    peopleRefreshMs: config.peopleRefreshMs,
    permissions,
    // Instances sharing PostgreSQL may each receive a redelivery of the same event; one process on the
    // embedded store only ever sees its own, and remembering them in memory costs no write per event.
    ...(store.kind === "postgres" ? { eventMemory: createStoreEventMemory({ store, logger }) } : {}),
    subscriptionChannels: (userId) => subscriptionChannelsOf(openStore, userId),
    notifications: {
      store,
      permissions,
      reload: async () => {
        const outcome = await notifications.publish("command");
        // Answered after the reply, a question already carries the new dates: the ones the publish read
        // when it recorded one, else read now (another instance may have published this knowledge).
        await (outcome.status === "published" ? redatedAfterPublish : redate());
        return outcome;
      },
      reviewed: () => freshness.refresh(),
    },
    ...(metrics ? { metrics } : {}),
    ...(hasher
      ? {
          feedback: {
            recorder: createAnswerRecorder({
              store,
              hasher,
              recordQuestions: config.feedback.recordQuestions,
              source: live,
              knowledgeVersion: () => live.contentHash,
              knowledgeDir: config.knowledgeDir,
              logger,
            }),
            store,
            hasher,
            permissions,
            lastPublish: () => lastPublish,
          },
        }
      : {}),
    departures: createDepartures({ store, logger }),
    profiles: { store },
  });
  // Posts outside any request go out with the token of the workspace they concern.
  const tokens = slack.workspaceTokens;
  const client = createDeliveryClient({
    apiUrl: config.slack.apiUrl,
    ...(metrics ? { fetch: createObservedFetch(config.slack.apiUrl, metrics.slackApiError) } : {}),
  });
  const admins = {
    client,
    admins: config.admins,
    token: () => tokens.botToken(config.adminTeam ?? ""),
    logger,
  };
  const notifications = createNotificationRuntime({
    knowledgeDir: config.knowledgeDir,
    cacheFile: knowledgeCacheFile(config),
    store,
    logger,
    servedContentHash: live.contentHash,
    ...instanceSettings(config),
    onKnowledge: (kb, contentHash) => live.swap(kb, contentHash),
    courier: createSlackCourier({
      client,
      tokens,
      logger,
      ...(config.adminTeam ? { reviewTeam: config.adminTeam } : {}),
    }),
    alertAdmins: createAdminAlert(admins),
    alertTooLarge: createTooLargeAlert(admins),
    // Every publish's outcome, whatever started it: the admins' App Home shows the last.
    onPublishOutcome: (outcome) => {
      lastPublish = { at: new Date(), outcome };
      metrics?.published(outcome.status);
    },
    ...(metrics
      ? {
          onDeliveryEvent: (event) => {
            if (event.type === "delivered") {
              metrics.delivered((Date.now() - event.row.createdAt.getTime()) / 1000);
            }
          },
        }
      : {}),
    onPublished: () => {
      redatedAfterPublish = redate();
    },
  });
  if (ops) ops.state.slack = slack;
  try {
    // Published before Slack connects, so the first answer already comes from the knowledge on disk.
    await notifications.publish("startup");
    await freshness.refresh();
    await slack.start();
  } catch (error) {
    await notifications.stop();
    await store.close();
    if (error instanceof SlackStartError) return fail(io, error.message);
    throw error;
  }
  notifications.startDelivery();
  retention?.start();
  await checkReviews();
  const reviewTimer = setInterval(() => void checkReviews(), REVIEW_DEFAULTS.checkIntervalMs);
  reviewTimer.unref();

  const signal = await io.stopSignal;
  clearInterval(reviewTimer);
  logger.info("Shutting down", { signal });
  retention?.stop();
  if (ops) {
    ops.server.drain();
    if (config.shutdownDrainMs > 0) {
      // Still answering while load balancers see /readyz fail and send the next requests elsewhere.
      logger.info("Draining: /readyz says 503 until the bot stops taking work", {
        drain_ms: config.shutdownDrainMs,
      });
      const hurried = await Promise.race([
        delay(config.shutdownDrainMs).then(() => false),
        (io.nextStopSignal?.() ?? new Promise<never>(() => undefined)).then(() => true),
      ]);
      if (hurried) logger.info("Asked again to stop: ending the drain early");
    }
  }
  await notifications.stop();
  await slack.stop();
  await store.close();
  logger.info("Stopped");
  return 0;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How this instance orders its publishes against other instances', and what it prunes. */
function instanceSettings(config: Config): Pick<NotificationRuntimeOptions, "versionStamp" | "retention"> {
  return {
    versionStamp: versionStamp(config.knowledgeRevision),
    retention: { retentionMs: config.retentionDays * DAY_MS },
  };
}

/** Validated knowledge cached by content hash, so unchanged YAML is not parsed again at start or on edits. */
function knowledgeCacheFile(config: Config): string {
  return knowledgeCachePath(config.dataDir);
}

/** Where answers read their dates from: set once the store is open. */
interface AnswerDating {
  tracker?: FreshnessTracker;
}

function datedBy(
  dating: AnswerDating,
  store: Store,
  logger: Logger,
  reviews?: ReviewReminders,
): FreshnessTracker {
  dating.tracker = createFreshnessTracker({
    store,
    logger,
    ...(reviews ? { reviews: () => reviews.reviewedAt() } : {}),
  });
  return dating.tracker;
}

function rolecallOptions(config: Config, dating: AnswerDating): RolecallOptions {
  return {
    ...(config.defaultFramework ? { defaultFramework: config.defaultFramework } : {}),
    freshness: { history: () => dating.tracker?.history(), now: () => new Date() },
  };
}

/** One line naming the variable to fix; the store's target already has the password replaced by ***. */
function storeStartMessage(config: Config, error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " ");
  return config.databaseUrl
    ? `DATABASE_URL: ${reason}. Check the host, port, user, password and database name, or leave DATABASE_URL empty to use the embedded store in DATA_DIR.`
    : `DATA_DIR: ${reason}. Point DATA_DIR at a folder Rolecall can create and write to.`;
}

function fail(io: MainIo, message: string, redact: (text: string) => string = (t) => t): number {
  io.stderr.write(`${redact(message)}\n`);
  return 1;
}

function slackConnection(config: Config, store: Store): SlackConnection | undefined {
  const { botToken, appToken, signingSecret, oauth } = config.slack;
  const credentials: SlackCredentials | undefined = oauth
    ? {
        oauth: {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          installationStore: createInstallationStore(store),
          links: store,
          installPort: oauth.installPort,
        },
      }
    : botToken
      ? { botToken }
      : undefined;
  if (!credentials) return undefined;
  if (config.mode === "socket" && appToken) return { mode: "socket", appToken, ...credentials };
  if (config.mode === "http" && signingSecret) {
    return {
      mode: "http",
      ...credentials,
      signingSecret,
      port: config.port,
      maxConnections: config.http.maxConnections,
      requestTimeoutMs: config.http.requestTimeoutMs,
    };
  }
  return undefined;
}

/**
 * The next SIGINT or SIGTERM. Once it came, the handlers are gone again, so another signal ends the process
 * at once as usual, unless a drain is waiting for one.
 */
function nextStopSignal(): Promise<string> {
  return new Promise<string>((resolve) => {
    const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
      const handler = () => {
        for (const [name, h] of handlers) process.off(name, h);
        resolve(signal);
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main({
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stopSignal: nextStopSignal(),
    nextStopSignal,
  })
    // Idle keep-alive sockets and stdin must not keep a finished process alive.
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`Rolecall stopped: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
