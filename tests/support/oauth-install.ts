// Installs Rolecall the way a person's browser does: GET /slack/install (the page with the Add to Slack link
// and the state cookie), then Slack sending the browser back to /slack/oauth_redirect with a code and that
// state. The Web API stand-in exchanges the code for the install granted here.
import { expect } from "vitest";
import type { SlackApiStandIn, StandInInstall } from "./slack-api-stand-in.ts";

export const OAUTH_CLIENT = Object.freeze({
  id: "1111111111.2222222222",
  secret: "oauthclientsecret0123456789abcdef",
});
export const STATE_SECRET = "state-secret-for-the-install-links";

/** The variables that switch OAuth on, for the app under test. */
export function oauthEnv(): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: "",
    SLACK_CLIENT_ID: OAUTH_CLIENT.id,
    SLACK_CLIENT_SECRET: OAUTH_CLIENT.secret,
    SLACK_STATE_SECRET: STATE_SECRET,
  };
}

export interface InstallPage {
  /** the Slack authorize URL the Add to Slack link points at */
  authorizeUrl: URL;
  /** the state cookie, as the browser sends it back */
  cookie: string;
}

/** GET /slack/install and read the link and the state cookie off the page. */
export async function openInstallPage(origin: string): Promise<InstallPage> {
  const page = await fetch(`${origin}/slack/install`);
  expect(page.status).toBe(200);
  const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const href = /<a href="([^"]+)"/.exec(await page.text())?.[1];
  if (!href) throw new Error("the install page has no Add to Slack link");
  return { authorizeUrl: new URL(href.replaceAll("&amp;", "&")), cookie };
}

let codes = 0;

/** The whole flow for one install; resolves with the redirect's response (Bolt's success page). */
export async function installThrough(
  origin: string,
  api: SlackApiStandIn,
  install: StandInInstall,
): Promise<Response> {
  codes += 1;
  const code = `code-${codes}`;
  const { authorizeUrl, cookie } = await openInstallPage(origin);
  // Slack grants what the link asked for.
  api.grantInstall(code, { scopes: authorizeUrl.searchParams.get("scope")?.split(",") ?? [], ...install });
  const state = authorizeUrl.searchParams.get("state") ?? "";
  return fetch(`${origin}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });
}
