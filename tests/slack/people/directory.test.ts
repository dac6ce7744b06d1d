// The people directory against the Web API stand-in, with a clock the test moves: what is cached, when it
// is looked up again, and how a group the workspace lacks is reported.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RoleHolders } from "../../../src/core/answer/types.ts";
import { createLogger } from "../../../src/log.ts";
import { createPeopleDirectory, type PeopleDirectory } from "../../../src/slack/people/directory.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../../support/slack-api-stand-in.ts";

const REFRESH_MS = 60_000;
const GROUP = { id: "S0OPS0001", handle: "ops-leads", users: ["U0ONE0001", "U0TWO0001"] };
const HOLDERS: RoleHolders[] = [{ roleId: "ops", role: "Ops lead", userGroup: GROUP.handle, people: [] }];

let api: SlackApiStandIn;
let client: webApi.WebClient;
let clock: number;
let logLines: string[];
let directory: PeopleDirectory;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  client = new webApi.WebClient("xoxb-people-test", { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
});

afterAll(async () => {
  await api?.close();
});

beforeEach(() => {
  api.calls.length = 0;
  api.setUserGroup(GROUP);
  clock = 1_000_000;
  logLines = [];
  directory = createPeopleDirectory({
    client,
    logger: createLogger({ level: "info", write: (line) => logLines.push(line) }),
    refreshMs: REFRESH_MS,
    now: () => clock,
  });
});

const usergroupCalls = () => api.calls.filter((c) => c.method.startsWith("usergroups")).map((c) => c.method);

describe("a user group's members", () => {
  it("are not in the cache before the first look-up", () => {
    expect(directory.cached(HOLDERS)).toBeUndefined();
  });

  it("are cached after it, until refreshMs has passed", async () => {
    expect((await directory.resolve(HOLDERS))[0]?.users.map((u) => u.id)).toEqual(GROUP.users);
    clock += REFRESH_MS - 1;
    expect(directory.cached(HOLDERS)?.[0]?.users.map((u) => u.id)).toEqual(GROUP.users);
    clock += 1;
    expect(directory.cached(HOLDERS)).toBeUndefined();
    await directory.resolve(HOLDERS);
    expect(usergroupCalls()).toEqual([
      "usergroups.list",
      "usergroups.users.list",
      "usergroups.list",
      "usergroups.users.list",
    ]);
  });

  it("are looked up again after subteam_updated, the group list with them", async () => {
    await directory.resolve(HOLDERS);
    directory.groupUpdated();
    expect(directory.cached(HOLDERS)).toBeUndefined();
    api.setUserGroup({ ...GROUP, users: ["U0THREE01"] });
    expect((await directory.resolve(HOLDERS))[0]?.users.map((u) => u.id)).toEqual(["U0THREE01"]);
    expect(usergroupCalls().filter((m) => m === "usergroups.list")).toHaveLength(2);
  });

  it("are fetched once for answers asking at the same moment", async () => {
    await Promise.all([directory.resolve(HOLDERS), directory.resolve(HOLDERS), directory.resolve(HOLDERS)]);
    expect(usergroupCalls()).toEqual(["usergroups.list", "usergroups.users.list"]);
  });
});

describe("a group the workspace does not have", () => {
  const MISSING: RoleHolders[] = [{ roleId: "x", role: "X", userGroup: "no-such-group", people: [] }];

  it("is one log line and one problem, and the holders say it was not resolved", async () => {
    const [first] = await directory.resolve(MISSING);
    await directory.resolve(MISSING);
    expect(first?.group).toEqual({ handle: "no-such-group", resolved: false });
    expect(logLines.filter((l) => l.includes("@no-such-group"))).toHaveLength(1);
    expect(logLines[0]).toMatch(/WARN .*user group @no-such-group, which this workspace does not have/);
    expect(directory.problems()).toEqual([{ kind: "unknown_group", handle: "no-such-group" }]);
  });

  it("stops being a problem once Slack has it", async () => {
    await directory.resolve(MISSING);
    api.setUserGroup({ id: "S0NEW0001", handle: "no-such-group", users: ["U0NEW0001"] });
    directory.groupUpdated();
    expect((await directory.resolve(MISSING))[0]?.users.map((u) => u.id)).toEqual(["U0NEW0001"]);
    expect(directory.problems()).toEqual([]);
  });
});

describe("names for a copy that pings nobody", () => {
  it("are Slack's display name, else the real name, each looked up once while fresh", async () => {
    api.setUser("U0NAMED01", { real_name: "Real Name", displayName: "Shown Name" });
    api.setUser("U0PLAIN01", { real_name: "Plain Person" });
    const names = await directory.namesOf(["U0NAMED01", "U0PLAIN01", "U0NAMED01"]);
    expect(Object.fromEntries(names)).toEqual({ U0NAMED01: "Shown Name", U0PLAIN01: "Plain Person" });
    await directory.namesOf(["U0NAMED01"]);
    expect(api.callsOf("users.info")).toHaveLength(2);
  });

  it("leave out a person users.info cannot describe, and say why once", async () => {
    api.failNext("users.info", { error: "user_not_found" });
    expect((await directory.namesOf(["U0GONE001"])).size).toBe(0);
    expect(directory.problems()).toEqual([
      { kind: "lookup_failed", what: "people's names", error: "user_not_found" },
    ]);
  });
});
