// The set-up every end-to-end Slack test file shares: before its tests, the Slack Web API stand-in starts
// and Rolecall starts over HTTP against it, as npm start runs it; after them, both stop.
import { afterAll, beforeAll } from "vitest";
import { type RunningHttpApp, startHttpApp } from "./app-process.ts";
import { type AppHistory, createAppHistory } from "./dated-answers.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "./slack-api-stand-in.ts";

export interface SlackAppOptions {
  signingSecret: string;
  botToken?: string;
  /** more environment for the app, read when it starts (so it may name folders made in an earlier hook) */
  env?: () => Record<string, string>;
  /** prepares the stand-in before the app starts, e.g. who users.info says is an admin */
  beforeStart?: (api: SlackApiStandIn) => void;
}

export interface SlackTestApp {
  readonly api: SlackApiStandIn;
  readonly app: RunningHttpApp;
  /** the app's publish history, for answers rendered in the test to carry the app's dates */
  readonly history: AppHistory;
}

/** Registers the hooks; read api and app from inside tests and hooks, once they have started. */
export function useSlackApp(options: SlackAppOptions): SlackTestApp {
  let api: SlackApiStandIn | undefined;
  let app: RunningHttpApp | undefined;
  const history = createAppHistory();
  beforeAll(async () => {
    api = await startSlackApiStandIn();
    options.beforeStart?.(api);
    const env = options.env?.();
    app = await startHttpApp({
      signingSecret: options.signingSecret,
      apiUrl: api.apiUrl,
      ...(options.botToken ? { botToken: options.botToken } : {}),
      ...(options.env ? { env: env } : {}),
    });
    await history.load({
      cwd: app.process.cwd,
      ...(env?.DATA_DIR ? { dataDir: env.DATA_DIR } : {}),
      ...(env?.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    });
  });
  afterAll(async () => {
    await app?.process.stop();
    await api?.close();
  });
  return {
    history,
    get api() {
      if (!api) throw new Error("the Slack API stand-in has not started");
      return api;
    },
    get app() {
      if (!app) throw new Error("the app has not started");
      return app;
    },
  };
}
