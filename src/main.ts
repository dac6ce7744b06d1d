// `npm start`: read the configuration, load the knowledge, then talk to Slack (Socket Mode or HTTP)
// or, with no Slack credentials, run the local console.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Config, ConfigError, loadConfig, secretsOf } from "./config.ts";
import { createRolecall } from "./core/engine.ts";
import { loadKnowledge } from "./core/knowledge/load.ts";
import { KnowledgeError } from "./core/knowledge/problems.ts";
import { createSlackApp, type SlackConnection, SlackStartError } from "./slack/app.ts";
import { errorFields, newErrorRef } from "./slack/errors.ts";
import { createLogger } from "./slack/logging.ts";
import { CONSOLE_HINT } from "./slack/messages.ts";
import { runConsole } from "./terminal/console.ts";

export interface MainIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** resolves when the process is asked to stop (SIGINT/SIGTERM) */
  stopSignal: Promise<string>;
}

/** Runs Rolecall and resolves with the process exit code. */
export async function main(io: MainIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`${message}\n`);
    return 1;
  };

  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
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

  let rolecall: ReturnType<typeof createRolecall>;
  try {
    const cacheFile = path.resolve(config.dataDir, "knowledge-cache.json");
    rolecall = createRolecall(await loadKnowledge(config.knowledgeDir, { cacheFile }));
  } catch (error) {
    if (error instanceof KnowledgeError) return fail(error.message);
    throw error;
  }

  const connection = slackConnection(config);
  if (!connection) {
    io.stderr.write(`${CONSOLE_HINT}\n`);
    await Promise.race([runConsole({ rolecall, input: io.stdin, output: io.stdout }), io.stopSignal]);
    return 0;
  }

  const slack = createSlackApp({
    connection,
    apiUrl: config.slack.apiUrl,
    rolecall,
    logger,
    logLevel: config.logLevel,
  });
  try {
    await slack.start();
  } catch (error) {
    if (error instanceof SlackStartError) return fail(error.message);
    throw error;
  }
  const signal = await io.stopSignal;
  logger.info("Shutting down", { signal });
  await slack.stop();
  logger.info("Stopped");
  return 0;
}

function slackConnection(config: Config): SlackConnection | undefined {
  const { botToken, appToken, signingSecret } = config.slack;
  if (config.mode === "socket" && botToken && appToken) return { mode: "socket", botToken, appToken };
  if (config.mode === "http" && botToken && signingSecret) {
    return { mode: "http", botToken, signingSecret, port: config.port };
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
    env: process.env,
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
