// `npm start`: read the configuration, load the knowledge, then talk to Slack (Socket Mode or HTTP)
// or, with no Slack credentials, run the local console. Either way an edit of the knowledge folder is
// picked up while running; in Slack mode it is also published to the channels subscribed to it.
import { pathToFileURL } from "node:url";
import { type Config, ConfigError, loadConfig, secretsOf } from "./config.ts";
import { createRolecall, type Rolecall, type RolecallOptions } from "./core/engine.ts";
import { knowledgeCachePath } from "./core/knowledge/cache.ts";
import { readAndBuildKnowledge } from "./core/knowledge/load.ts";
import type { KnowledgeBase } from "./core/knowledge/model.ts";
import { KnowledgeError } from "./core/knowledge/problems.ts";
import { createLogger, createRedactor, errorFields, type Logger, newErrorRef, problemsOnly } from "./log.ts";
import { createNotificationRuntime } from "./notify/runtime.ts";
import { subscriptionChannelsOf } from "./notify/subscriptions.ts";
import { createSlackApp, type SlackConnection, SlackStartError } from "./slack/app.ts";
import { createPermissions } from "./slack/permissions.ts";
import { createAdminAlert, createTooLargeAlert } from "./slack/updates/admin-alert.ts";
import { createDeliveryClient } from "./slack/updates/client.ts";
import { createSlackCourier } from "./slack/updates/courier.ts";
import { createStore } from "./store/index.ts";
import type { Store } from "./store/types.ts";
import { runConsole } from "./terminal/console.ts";
import { CONSOLE_HINT, CONSOLE_RELOADED } from "./terminal/messages.ts";

export interface MainIo {
  /** the environment to configure from; config.ts reads the process's own when left out */
  env?: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** resolves when the process is asked to stop (SIGINT/SIGTERM) */
  stopSignal: Promise<string>;
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
    secrets: secretsOf(config),
    write: (line) => io.stderr.write(`${line}\n`),
  });
  process.on("unhandledRejection", (reason) => {
    // A listener's promise that escaped every guard: log it and keep serving.
    logger.error("Unhandled promise rejection", { ref: newErrorRef(), ...errorFields(reason) });
  });

  let live: LiveRolecall;
  try {
    const initial = await readAndBuildKnowledge(config.knowledgeDir, {
      cacheFile: knowledgeCacheFile(config),
    });
    if (initial.problems.length > 0) throw new KnowledgeError(initial.problems);
    live = liveRolecall(initial.kb, initial.contentHash, rolecallOptions(config));
    if (config.defaultFramework && !initial.kb.frameworks.has(config.defaultFramework)) {
      logger.warn(
        `ROLECALL_DEFAULT_FRAMEWORK is ${config.defaultFramework}, which the knowledge does not define (it has ${[...initial.kb.frameworks.keys()].join(", ")}); no framework is preferred.`,
      );
    }
  } catch (error) {
    if (error instanceof KnowledgeError) return fail(io, error.message);
    throw error;
  }

  const connection = slackConnection(config);
  if (!connection) return runLocalConsole(config, live, logger, io);
  return runSlack(config, connection, live, logger, io);
}

async function runLocalConsole(
  config: Config,
  live: LiveRolecall,
  logger: Logger,
  io: MainIo,
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
  const runtime = store
    ? createNotificationRuntime({
        knowledgeDir: config.knowledgeDir,
        cacheFile: knowledgeCacheFile(config),
        store,
        // The console's screen is for answers: only problems with the knowledge are worth a line.
        logger: problemsOnly(logger),
        servedContentHash: live.contentHash,
        onKnowledge: (kb) => {
          live.swap(kb);
          if (started) io.stderr.write(`${CONSOLE_RELOADED}\n`);
        },
      })
    : undefined;
  await runtime?.publish("startup");
  started = true;
  try {
    await Promise.race([runConsole({ rolecall: live, input: io.stdin, output: io.stdout }), io.stopSignal]);
  } finally {
    await runtime?.stop();
    await store?.close();
  }
  return 0;
}

async function runSlack(
  config: Config,
  connection: SlackConnection,
  live: LiveRolecall,
  logger: Logger,
  io: MainIo,
): Promise<number> {
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

  const client = createDeliveryClient({ token: connection.botToken, apiUrl: config.slack.apiUrl });
  const notifications = createNotificationRuntime({
    knowledgeDir: config.knowledgeDir,
    cacheFile: knowledgeCacheFile(config),
    store,
    logger,
    servedContentHash: live.contentHash,
    onKnowledge: (kb) => live.swap(kb),
    courier: createSlackCourier({ client, logger }),
    alertAdmins: createAdminAlert({ client, admins: config.admins, logger }),
    alertTooLarge: createTooLargeAlert({ client, admins: config.admins, logger }),
  });
  const openStore = store;
  const permissions = createPermissions({ admins: config.admins, subscribers: config.subscribers });
  const slack = createSlackApp({
    connection,
    apiUrl: config.slack.apiUrl,
    rolecall: live,
    logger,
    logLevel: config.logLevel,
    peopleRefreshMs: config.peopleRefreshMs,
    permissions,
    subscriptionChannels: (userId) => subscriptionChannelsOf(openStore, userId),
    notifications: {
      store,
      permissions,
      reload: () => notifications.publish("command"),
    },
  });
  try {
    // Published before Slack connects, so the first answer already comes from the knowledge on disk.
    await notifications.publish("startup");
    await slack.start();
  } catch (error) {
    await notifications.stop();
    await store.close();
    if (error instanceof SlackStartError) return fail(io, error.message);
    throw error;
  }
  notifications.startDelivery();

  const signal = await io.stopSignal;
  logger.info("Shutting down", { signal });
  await notifications.stop();
  await slack.stop();
  await store.close();
  logger.info("Stopped");
  return 0;
}

/** Validated knowledge cached by content hash, so unchanged YAML is not parsed again at start or on edits. */
function knowledgeCacheFile(config: Config): string {
  return knowledgeCachePath(config.dataDir);
}

function rolecallOptions(config: Config): RolecallOptions {
  return config.defaultFramework ? { defaultFramework: config.defaultFramework } : {};
}

type LiveRolecall = Rolecall & {
  swap(kb: KnowledgeBase): void;
  /** of the knowledge loaded at start-up, so the start-up publish does not hand the same over again */
  readonly contentHash: string;
};

/** One object for every adapter to hold, answering from whichever knowledge was loaded last. */
function liveRolecall(initial: KnowledgeBase, contentHash: string, options: RolecallOptions): LiveRolecall {
  let current = createRolecall(initial, options);
  return {
    contentHash,
    get knowledge() {
      return current.knowledge;
    },
    get index() {
      return current.index;
    },
    ask: (question) => current.ask(question),
    understand: (question) => current.understand(question),
    swap: (kb) => {
      current = createRolecall(kb, options);
    },
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

function slackConnection(config: Config): SlackConnection | undefined {
  const { botToken, appToken, signingSecret } = config.slack;
  if (config.mode === "socket" && botToken && appToken) return { mode: "socket", botToken, appToken };
  if (config.mode === "http" && botToken && signingSecret) {
    return {
      mode: "http",
      botToken,
      signingSecret,
      port: config.port,
      maxConnections: config.http.maxConnections,
      requestTimeoutMs: config.http.requestTimeoutMs,
    };
  }
  return undefined;
}

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main({
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stopSignal: stopSignal(),
  })
    // Idle keep-alive sockets and stdin must not keep a finished process alive.
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`Rolecall stopped: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
