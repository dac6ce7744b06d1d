// Who may change subscriptions and publish, against users.info as the Web API stand-in answers it.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPermissions } from "../../src/slack/permissions.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";

let api: SlackApiStandIn;
let client: webApi.WebClient;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  api.setUser("U0ADMIN", { is_admin: true });
  api.setUser("U0OWNER", { is_owner: true });
  api.setUser("U0PRIMARY", { is_primary_owner: true });
  client = new webApi.WebClient("xoxb-permissions-test", {
    slackApiUrl: api.apiUrl,
    retryConfig: { retries: 0 },
  });
});

afterAll(async () => {
  await api?.close();
});

describe("by default (ROLECALL_SUBSCRIBERS=admins)", () => {
  const permissions = createPermissions({ admins: ["U0OPERATOR"], subscribers: "admins" });

  it.each([
    ["U0ADMIN", "workspace_admin"],
    ["U0OWNER", "workspace_admin"],
    ["U0PRIMARY", "workspace_admin"],
    ["U0OPERATOR", "rolecall_admin"],
  ])("%s may manage subscriptions and reload", async (user, why) => {
    expect(await permissions.mayManageSubscriptions(client, user)).toEqual({ allowed: true, why });
    expect(await permissions.mayReload(client, user)).toEqual({ allowed: true, why });
  });

  it("a plain member may do neither", async () => {
    expect(await permissions.mayManageSubscriptions(client, "U0MEMBER")).toEqual({
      allowed: false,
      why: "not_admin",
    });
    expect(await permissions.mayReload(client, "U0MEMBER")).toEqual({ allowed: false, why: "not_admin" });
  });

  it("ROLECALL_ADMINS are allowed without asking Slack", async () => {
    const before = api.callsOf("users.info").length;
    await permissions.mayReload(client, "U0OPERATOR");
    expect(api.callsOf("users.info")).toHaveLength(before);
  });

  it("nothing is allowed when users.info fails", async () => {
    api.failNext("users.info", { error: "missing_scope" });
    expect(await permissions.mayManageSubscriptions(client, "U0ADMIN")).toEqual({
      allowed: false,
      why: "check_failed",
      error: "missing_scope",
    });
  });
});

describe("with ROLECALL_SUBSCRIBERS=everyone", () => {
  const permissions = createPermissions({ admins: [], subscribers: "everyone" });

  it("anyone may manage subscriptions", async () => {
    expect(await permissions.mayManageSubscriptions(client, "U0MEMBER")).toEqual({
      allowed: true,
      why: "everyone",
    });
  });

  it("reloading still takes an admin", async () => {
    expect(await permissions.mayReload(client, "U0MEMBER")).toEqual({ allowed: false, why: "not_admin" });
    expect(await permissions.mayReload(client, "U0ADMIN")).toEqual({ allowed: true, why: "workspace_admin" });
  });
});
