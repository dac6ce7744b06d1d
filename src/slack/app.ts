// The Slack app: Bolt wired to the core, over HTTP or Socket Mode, with every listener registered.
import { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AnyMiddlewareArgs,
  App,
  type InstallationStore,
  type Middleware,
  SocketModeReceiver,
  type webApi,
} from "@slack/bolt";
import type { ProfileOverview } from "../core/answer/personal.ts";
import type { Logger, LogLevel } from "../log.ts";
import { errorFields, newErrorRef } from "../log.ts";
import { createWorkTracker } from "../work-tracker.ts";
import { adminHomeContent } from "./admin-home.ts";
import { apiFailure, WEB_API_ERROR } from "./api-errors.ts";
import { boltLogLevel, createBoltLogger } from "./bolt-logger.ts";
import { type EventMemory, RecentSet } from "./dedupe.ts";
import type { Departures } from "./departures.ts";
import { exampleQuestions } from "./examples.ts";
import {
  createSlackHttpReceiver,
  type ReceiverOAuthOptions,
  SLACK_EVENTS_PATH,
  SLACK_INSTALL_PATH,
  SLACK_OAUTH_REDIRECT_PATH,
  type SlackHttpReceiver,
} from "./http-receiver.ts";
import { BOT_SCOPES } from "./ids.ts";
import {
  installedWorkspaceTokens,
  singleWorkspaceTokens,
  type WorkspaceLinks,
  type WorkspaceTokens,
} from "./installations.ts";
import type {
  AnswerSource,
  FeedbackDeps,
  ListenerDeps,
  NotificationDeps,
  ProfileDeps,
} from "./listeners/deps.ts";
import { registerListeners } from "./listeners/index.ts";
import { createLogContext } from "./log-context.ts";
import { createObservedFetch } from "./observed-fetch.ts";
import { createPeopleByWorkspace } from "./people/by-workspace.ts";
import { createPeopleDirectory } from "./people/directory.ts";
import { peopleNotes } from "./people/notes.ts";
import type { Permissions } from "./permissions.ts";
import type { FrameworkSummary } from "./render/home.ts";

/** One workspace's bot token, or Bolt's OAuth: installed per workspace, each with its own token. */
export type SlackCredentials = { botToken: string; oauth?: never } | { botToken?: never; oauth: SlackOAuth };

export interface SlackOAuth {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  installationStore: InstallationStore;
  /** where the workspaces an org-wide install serves are remembered, for posts outside a request */
  links: WorkspaceLinks;
  /** Socket Mode: the port the install page and the OAuth redirect are served on (0: any free port) */
  installPort?: number;
}

export type SlackConnection = SlackCredentials &
  (
    | { mode: "socket"; appToken: string }
    | {
        mode: "http";
        signingSecret: string;
        port: number;
        /** see HttpLimits in config.ts; the receiver's defaults when left out */
        maxConnections?: number;
        requestTimeoutMs?: number;
      }
  );

export interface SlackAppOptions {
  connection: SlackConnection;
  /** Web API base URL, ending in / */
  apiUrl: string;
  /** read on every request, so a source that swaps its knowledge (hot reload) is answered from at once */
  rolecall: AnswerSource;
  logger: Logger;
  logLevel: LogLevel;
  /** channels a person's subscriptions post to, for App Home; provided by the notifications feature */
  subscriptionChannels?: (userId: string) => Promise<string[]>;
  /** the store, permissions and publishing behind /role subscribe, unsubscribe, subscriptions and reload */
  notifications?: NotificationDeps;
  /** votes, the record of answers and the gaps report; without it answers carry no feedback buttons */
  feedback?: FeedbackDeps;
  /** forgets a workspace that uninstalled Rolecall or revoked its token */
  departures?: Departures;
  /** the store behind /role me and the profile on App Home */
  profiles?: ProfileDeps;
  /** how long a shutdown waits for answers still being sent */
  drainTimeoutMs?: number;
  /** what the adapter reports for /metrics (src/ops/metrics.ts implements it) */
  metrics?: SlackMetrics;
  /** how long a user group's members and people's names are trusted without an event (see config.ts) */
  peopleRefreshMs?: number;
  /** who is an admin, for the App Home notes about people that cannot be looked up */
  permissions?: Permissions;
  /** which events were already handled: the store's when instances share PostgreSQL; in memory by default */
  eventMemory?: EventMemory;
}

/** What the Slack adapter counts and times; kept to plain calls so this adapter needs no metrics library. */
export interface SlackMetrics {
  answered(intent: string, seconds: number): void;
  slackApiError(method: string, code: string): void;
  eventDeduplicated(): void;
}

export interface SlackApp {
  /** checks the token with Slack and starts receiving; resolves once connected or listening */
  start(): Promise<{ port?: number; installPort?: number }>;
  /** each workspace's bot token, for posting outside a request (updates, DMs); refreshed when rotating */
  readonly workspaceTokens: WorkspaceTokens;
  /** stops receiving, then lets answers in flight finish */
  stop(): Promise<void>;
  /** true while requests can reach us: HTTP listening, or the Socket Mode connection open */
  connected(): boolean;
}

/** An hour: user groups rarely change, and their events refresh them at once anyway. */
const DEFAULT_PEOPLE_REFRESH_MS = 60 * 60 * 1000;

export class SlackStartError extends Error {
  constructor(
    readonly code: "SLACK_AUTH_FAILED" | "SLACK_UNREACHABLE" | "SLACK_START_FAILED",
    message: string,
  ) {
    super(message);
    this.name = "SlackStartError";
  }
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { connection, logger } = options;
  const boltLogger = createBoltLogger(logger);
  const tracker = createWorkTracker();
  const metrics = options.metrics;
  const clientOptions = {
    slackApiUrl: options.apiUrl,
    ...(metrics ? { fetch: createObservedFetch(options.apiUrl, metrics.slackApiError) } : {}),
    // A chat reply that waits minutes is worse than a clear "try again": few retries, and 429s are
    // reported to the person instead of waited out (see errors.ts).
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  };

  const oauth: ReceiverOAuthOptions | undefined = connection.oauth && {
    clientId: connection.oauth.clientId,
    clientSecret: connection.oauth.clientSecret,
    stateSecret: connection.oauth.stateSecret,
    installationStore: connection.oauth.installationStore,
    scopes: [...BOT_SCOPES],
    // Bolt hands its own receivers the client options; ours pass them on, so oauth.v2.access and the
    // auth.test after it go to SLACK_API_URL like every other call.
    installerOptions: { clientOptions },
  };
  const receiver =
    connection.mode === "http"
      ? createSlackHttpReceiver({
          signingSecret: connection.signingSecret,
          logger,
          boltLogger,
          ...(connection.maxConnections ? { maxConnections: connection.maxConnections } : {}),
          ...(connection.requestTimeoutMs ? { requestTimeoutMs: connection.requestTimeoutMs } : {}),
          ...(oauth ? { oauth } : {}),
        })
      : undefined;
  // Made here rather than by Bolt (as socketMode: true alone would), to follow the connection's state and,
  // with OAuth, to reach the installer behind it (workspaceTokens). With OAuth it also serves the install
  // pages on an HTTP port beside the WebSocket.
  const socketReceiver =
    connection.mode === "socket"
      ? new SocketModeReceiver({
          appToken: connection.appToken,
          logger: boltLogger,
          logLevel: boltLogLevel(options.logLevel),
          installerOptions: { clientOptions },
          ...(oauth
            ? {
                ...oauth,
                installerOptions: {
                  ...oauth.installerOptions,
                  port: connection.oauth?.installPort ?? 3000,
                  installPath: SLACK_INSTALL_PATH,
                  redirectUriPath: SLACK_OAUTH_REDIRECT_PATH,
                },
              }
            : {}),
        })
      : undefined;
  let connected = false;
  socketReceiver?.client.on("connected", () => {
    connected = true;
  });
  for (const state of ["reconnecting", "disconnecting", "disconnected"]) {
    socketReceiver?.client.on(state, () => {
      connected = false;
    });
  }
  const bolt = new App({
    ...(connection.botToken ? { token: connection.botToken } : {}),
    ...(socketReceiver
      ? { receiver: socketReceiver, socketMode: true }
      : { receiver: receiver as SlackHttpReceiver }),
    logger: boltLogger,
    logLevel: boltLogLevel(options.logLevel),
    clientOptions,
    // No listener keeps conversation state; Bolt's default in-memory store would otherwise look it up
    // (and throw "Conversation not found") on every request.
    convoStore: false,
    deferInitialization: true,
  });

  bolt.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    logger.error("Unhandled error while handling a Slack request", {
      ref: newErrorRef(),
      ...errorFields(original),
    });
  });

  // First, so every line logged while handling a request says which team and event it was.
  bolt.use(createLogContext());

  const summary = knowledgeSummary(options.rolecall);
  const peopleOf = createPeopleByWorkspace(
    (teamId) =>
      createPeopleDirectory({
        client: bolt.client,
        logger,
        refreshMs: options.peopleRefreshMs ?? DEFAULT_PEOPLE_REFRESH_MS,
        // With OAuth the app's own client has no token: each workspace's lookups use its installation's.
        ...(connection.oauth ? { token: () => workspaceTokens.botToken(teamId ?? "") } : {}),
      }),
    connection.oauth !== undefined,
  );
  const deps: ListenerDeps = {
    rolecall: metrics ? timedAnswers(options.rolecall, metrics) : options.rolecall,
    ...(metrics ? { onDuplicateEvent: metrics.eventDeduplicated } : {}),
    logger,
    tracker,
    get examples() {
      return summary().examples;
    },
    homeContent: async (person, client) => {
      const admin = options.feedback
        ? await adminHomeContent(options.feedback, client, person.userId)
        : undefined;
      return {
        frameworks: summary().frameworks,
        examples: summary().examples,
        ...(options.profiles && person.teamId
          ? {
              profile: await homeProfile(options.rolecall, options.profiles, {
                ...person,
                teamId: person.teamId,
              }),
            }
          : {}),
        ...(options.subscriptionChannels
          ? { subscriptionChannels: await options.subscriptionChannels(person.userId) }
          : {}),
        ...(await adminPeopleNotes(person, client)),
        ...(admin ? { admin } : {}),
      };
    },
    people: peopleOf,
    ...(options.notifications ? { notifications: options.notifications } : {}),
    ...(options.eventMemory ? { eventMemory: options.eventMemory } : {}),
    ...(options.feedback ? { feedback: options.feedback } : {}),
    ...(options.departures ? { departures: options.departures } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
  };
  if (connection.oauth) bolt.use(linkWorkspaces(connection.oauth.links, logger));
  registerListeners(bolt, deps);

  /** Notes about people Rolecall cannot look up, for admins only; nobody is asked about when there are none. */
  async function adminPeopleNotes(
    person: { userId: string; teamId?: string },
    client: webApi.WebClient,
  ): Promise<{ peopleNotes?: string[] }> {
    const problems = peopleOf(person.teamId).directory.problems();
    if (problems.length === 0 || !options.permissions) return {};
    const verdict = await options.permissions.mayReload(client, person.userId);
    return verdict.allowed ? { peopleNotes: peopleNotes(problems) } : {};
  }

  const workspaceTokens = connection.oauth
    ? installedWorkspaceTokens(installerOf(receiver ?? socketReceiver), connection.oauth.links)
    : singleWorkspaceTokens(connection.botToken);

  return {
    workspaceTokens,
    async start() {
      try {
        await bolt.init();
      } catch (error) {
        throw startError(error, "SLACK_BOT_TOKEN", options.apiUrl);
      }
      if (connection.mode === "http") {
        try {
          await bolt.start(connection.port);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
          throw new SlackStartError(
            "SLACK_START_FAILED",
            `PORT ${connection.port} is already in use: stop the other program or set PORT to a free port.`,
          );
        }
        connected = true;
        const port = receiver?.port;
        // The pid is the process to send SIGHUP to (publish the knowledge now).
        logger.info(`Rolecall is connected to Slack over HTTP: POST ${SLACK_EVENTS_PATH} on port ${port}`, {
          mode: "http",
          port,
          pid: process.pid,
        });
        if (oauth) logger.info(`Rolecall's install page is GET ${SLACK_INSTALL_PATH} on port ${port}`);
        return { port };
      }
      const installServer = socketReceiver && installServerOf(socketReceiver);
      const installListening = installServer ? listening(installServer) : undefined;
      try {
        await bolt.start();
      } catch (error) {
        throw startError(error, "SLACK_APP_TOKEN", options.apiUrl);
      }
      logger.info("Rolecall is connected to Slack in Socket Mode", { mode: "socket", pid: process.pid });
      if (!installListening) return {};
      let installPort: number;
      try {
        installPort = await installListening;
      } catch (error) {
        await bolt.stop().catch(() => undefined);
        const port = connection.oauth?.installPort;
        throw new SlackStartError(
          "SLACK_START_FAILED",
          (error as NodeJS.ErrnoException).code === "EADDRINUSE"
            ? `SLACK_INSTALL_PORT ${port} is already in use: stop the other program or set SLACK_INSTALL_PORT to a free port.`
            : `Could not serve the install page on SLACK_INSTALL_PORT ${port}: ${String((error as Error).message)}`,
        );
      }
      logger.info(
        `Rolecall's install page is served on port ${installPort}: GET ${SLACK_INSTALL_PATH}, redirect ${SLACK_OAUTH_REDIRECT_PATH}`,
        { install_port: installPort },
      );
      return { installPort };
    },
    connected: () => connected,
    async stop() {
      connected = false;
      await bolt.stop();
      const drained = await tracker.idle(options.drainTimeoutMs ?? 5000);
      if (!drained) logger.warn("Stopped with answers still being sent", { running: tracker.running });
    },
  };
}

/** The same answers, each counted by intent with the time ask() took. Help examples are not counted. */
function timedAnswers(source: AnswerSource, metrics: SlackMetrics): AnswerSource {
  return {
    get knowledge() {
      return source.knowledge;
    },
    get index() {
      return source.index;
    },
    ask(question, context) {
      const started = performance.now();
      const answer = source.ask(question, context);
      metrics.answered(answer.intent, (performance.now() - started) / 1000);
      return answer;
    },
    needsProfile: (question) => source.needsProfile(question),
    readStanding: (text) => source.readStanding(text),
    describeProfile: (standing, context) => source.describeProfile(standing, context),
  };
}

function installerOf(receiver: SlackHttpReceiver | SocketModeReceiver | undefined) {
  const installer = receiver?.installer;
  if (!installer) throw new Error("Bolt did not set up OAuth for the receiver");
  return installer;
}

/** Workspaces already linked by this process; the store keeps them all, this only saves writes. */
const LINKS_REMEMBERED = 10_000;

/**
 * A request from a workspace served by an org-wide install: remember which installation serves it, so an
 * update to one of its channels (outside any request) finds the organisation's token. Never blocks the
 * request: a failure is logged and tried again on the workspace's next request.
 */
function linkWorkspaces(links: WorkspaceLinks, logger: Logger): Middleware<AnyMiddlewareArgs> {
  const linked = new RecentSet(LINKS_REMEMBERED);
  return async ({ context, next }) => {
    const { teamId, enterpriseId, isEnterpriseInstall } = context;
    if (isEnterpriseInstall && teamId && enterpriseId && linked.add(`${teamId}:${enterpriseId}`)) {
      try {
        await links.linkTeam(teamId, enterpriseId);
      } catch (error) {
        linked.delete(`${teamId}:${enterpriseId}`);
        logger.warn("could not remember the org-wide installation a workspace uses", {
          team: teamId,
          enterprise: enterpriseId,
          ...errorFields(error),
        });
      }
    }
    await next();
  };
}

/**
 * Bolt's Socket Mode receiver keeps its install server private; it is read here for its port (0 picks a free
 * one) and its listen errors, which Bolt leaves unhandled (a port in use would otherwise crash the process).
 */
function installServerOf(receiver: SocketModeReceiver): Server | undefined {
  const server = (receiver as unknown as { httpServer?: unknown }).httpServer;
  return server instanceof Server ? server : undefined;
}

/** Resolves with the port once the server listens; rejects if listening fails (a port in use). */
function listening(server: Server): Promise<number> {
  const bound = new Promise<number>((resolve, reject) => {
    server.once("listening", () => resolve((server.address() as AddressInfo).port));
    server.once("error", reject);
  });
  // Awaited only after Bolt has connected; a failure before then must not count as unhandled.
  bound.catch(() => undefined);
  return bound;
}

/** Example questions and the frameworks known, worked out again only when the knowledge was swapped. */
function knowledgeSummary(source: AnswerSource) {
  let cached: { knowledge: unknown; examples: string[]; frameworks: FrameworkSummary[] } | undefined;
  return () => {
    const knowledge = source.knowledge;
    if (cached?.knowledge !== knowledge) {
      cached = {
        knowledge,
        examples: exampleQuestions(source),
        frameworks: [...knowledge.frameworks.values()].map((f) => ({
          name: f.name,
          version: f.version,
          ...(f.fullName ? { fullName: f.fullName } : {}),
        })),
      };
    }
    return cached;
  };
}

function startError(error: unknown, variable: string, apiUrl: string): SlackStartError {
  const { code, slackError, meaning } = apiFailure(error);
  if (slackError && meaning?.badToken) {
    return new SlackStartError(
      "SLACK_AUTH_FAILED",
      `Slack rejected ${variable} (${slackError}). Copy it again from your app's settings at https://api.slack.com/apps, and reinstall the app if you changed its scopes.`,
    );
  }
  if (code === WEB_API_ERROR.request || code === WEB_API_ERROR.http) {
    return new SlackStartError(
      "SLACK_UNREACHABLE",
      `Could not reach Slack's Web API at ${apiUrl}: ${String((error as Error).message)}`,
    );
  }
  return new SlackStartError(
    "SLACK_START_FAILED",
    `Could not start the Slack app: ${String((error as Error)?.message ?? error)}`,
  );
}

async function homeProfile(
  rolecall: AnswerSource,
  profiles: ProfileDeps,
  person: { userId: string; teamId: string },
): Promise<{ overview?: ProfileOverview }> {
  const profile = await profiles.store.getProfile(person.teamId, person.userId);
  return profile ? { overview: rolecall.describeProfile(profile.standing).overview } : {};
}
