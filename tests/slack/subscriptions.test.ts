// /role subscribe, unsubscribe, subscriptions and reload, and the App Home's subscriptions, end to end over
// signed HTTP against the app as npm start runs it, with users.info saying who is a workspace admin.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fill } from "../../src/core/text/template.ts";
import {
  ALREADY_SUBSCRIBED,
  NO_CHANNEL_SUBSCRIPTIONS,
  NOT_SUBSCRIBED_TO,
  PERMISSION_CHECK_FAILED,
  RELOAD_REFUSED,
  RELOAD_UNCHANGED,
  STORE_FAILURE_REASONS,
  SUBSCRIBE_IN_DM,
  SUBSCRIBE_INVITE,
  SUBSCRIBE_REFUSED,
  SUBSCRIBE_STORE_FAILED,
  SUBSCRIBED,
  SUBSCRIBED_ANNOUNCEMENT,
  TARGET_NOT_FOLLOWABLE,
  TARGET_UNKNOWN,
  UNSUBSCRIBED,
  UNSUBSCRIBED_ALL,
} from "../../src/slack/messages.ts";
import { SQLITE_FILE_NAME } from "../../src/store/sqlite.ts";
import { SHIPPED_KNOWLEDGE } from "../support/app-process.ts";
import { copyKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import { useSlackApp } from "../support/slack-app.ts";
import { appHomeOpenedEvent, eventBody, slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";

const SECRET = "subscriptions-test-signing-secret";
/** users.info: is_admin */
const ADMIN = "U0ADMIN";
/** users.info: is_owner */
const OWNER = "U0OWNER";
/** a plain member listed in ROLECALL_ADMINS */
const OPERATOR = "U0OPERATOR";
const MEMBER = "U0MEMBER";
const ITMG = "SFIA skill ITMG (IT management)";

let knowledge: TempKnowledge;

beforeAll(async () => {
  knowledge = await copyKnowledge(SHIPPED_KNOWLEDGE);
});

afterAll(async () => {
  await knowledge?.destroy();
});

const running = useSlackApp({
  signingSecret: SECRET,
  env: () => ({ KNOWLEDGE_DIR: knowledge.dir, ROLECALL_ADMINS: OPERATOR }),
  beforeStart: (api) => {
    api.setUser(ADMIN, { is_admin: true });
    api.setUser(OWNER, { is_owner: true });
  },
});

let replies = 0;

/** Runs /role <text> as user in channel and resolves with the ephemeral reply. */
async function role(text: string, user: string, channel: string): Promise<Record<string, unknown>> {
  replies += 1;
  const id = `subscriptions-${replies}`;
  const response = await postSigned(
    running.app.eventsUrl,
    SECRET,
    slashCommand({ command: "/role", text, user, channel, responseUrl: running.api.responseUrl(id) }),
  );
  expect(response.status).toBe(200);
  const [reply] = await running.api.waitForResponses(id);
  return reply?.body ?? {};
}

const ephemeral = (text: string) => ({ response_type: "ephemeral", replace_original: false, text });
const postsTo = (channel: string) =>
  running.api.callsOf("chat.postMessage", (c) => c.body.channel === channel);

describe("/role subscribe by a workspace admin", () => {
  it("announces the subscription in the channel and confirms it to the admin", async () => {
    expect(await role("subscribe ITMG", ADMIN, "C0SKILLS")).toEqual(
      ephemeral(fill(SUBSCRIBED, { what: ITMG, command: "ITMG" })),
    );
    expect(postsTo("C0SKILLS").map((c) => c.body.text)).toEqual([
      fill(SUBSCRIBED_ANNOUNCEMENT, { user: `<@${ADMIN}>`, what: ITMG }),
    ]);
  });

  it("is listed by /role subscriptions, for anyone to see", async () => {
    const reply = await role("subscriptions", MEMBER, "C0SKILLS");
    expect(reply.text).toMatch(
      new RegExp(
        `^\\*This channel's subscriptions\\*\\n• ${ITMG.replace(/[()]/g, "\\$&")}, subscribed by <@${ADMIN}> <!date\\^\\d+\\^on \\{date_short\\}\\|on \\d{4}-\\d\\d-\\d\\d>$`,
      ),
    );
    expect(reply.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: reply.text, verbatim: true } },
    ]);
  });

  it("says so when the channel already follows it, and posts nothing", async () => {
    expect(await role("subscribe itmg", ADMIN, "C0SKILLS")).toEqual(
      ephemeral(fill(ALREADY_SUBSCRIBED, { what: ITMG })),
    );
    expect(postsTo("C0SKILLS")).toHaveLength(1);
  });

  it("with no words follows everything", async () => {
    expect(await role("subscribe", ADMIN, "C0EVERYTHING")).toEqual(
      ephemeral(fill(SUBSCRIBED, { what: "everything", command: "all" })),
    );
  });

  it("follows a framework or a role by name", async () => {
    expect(await role("subscribe DDaT", ADMIN, "C0FRAMEWORK")).toEqual(
      ephemeral(fill(SUBSCRIBED, { what: "the DDaT framework", command: "DDaT" })),
    );
    expect(await role("subscribe IT service manager", ADMIN, "C0ROLE")).toEqual(
      ephemeral(fill(SUBSCRIBED, { what: "the IT service manager role", command: "IT service manager" })),
    );
  });
});

describe("who may change a channel's subscriptions", () => {
  it("refuses a member who is not a workspace admin, and changes nothing", async () => {
    expect(await role("subscribe", MEMBER, "C0REFUSED")).toEqual(ephemeral(SUBSCRIBE_REFUSED));
    expect(postsTo("C0REFUSED")).toEqual([]);
    expect(await role("subscriptions", MEMBER, "C0REFUSED")).toEqual(ephemeral(NO_CHANNEL_SUBSCRIPTIONS));
  });

  it("refuses a member's unsubscribe too", async () => {
    expect(await role("unsubscribe ITMG", MEMBER, "C0SKILLS")).toEqual(ephemeral(SUBSCRIBE_REFUSED));
    expect((await role("subscriptions", MEMBER, "C0SKILLS")).text).toContain(ITMG);
  });

  it.each([
    ["a workspace owner", OWNER, "C0BYOWNER"],
    ["a plain member listed in ROLECALL_ADMINS", OPERATOR, "C0BYOPERATOR"],
  ])("allows %s", async (_who, user, channel) => {
    expect(await role("subscribe SFIA", user, channel)).toEqual(
      ephemeral(fill(SUBSCRIBED, { what: "the SFIA framework", command: "SFIA" })),
    );
  });

  it("refuses, naming Slack's error, when users.info fails", async () => {
    running.api.failNext("users.info", { error: "missing_scope" });
    expect(await role("subscribe", ADMIN, "C0NOSCOPE")).toEqual(
      ephemeral(fill(PERMISSION_CHECK_FAILED, { error: "missing_scope" })),
    );
    expect(await role("subscriptions", ADMIN, "C0NOSCOPE")).toEqual(ephemeral(NO_CHANNEL_SUBSCRIPTIONS));
  });
});

describe("a channel Rolecall cannot post in", () => {
  it.each(["not_in_channel", "channel_not_found"])(
    "(%s) gets an invitation to invite Rolecall, and no subscription",
    async (error) => {
      const channel = `C0${error.toUpperCase().replace(/_/g, "")}`;
      running.api.refuseChannel(channel, error);
      expect(await role("subscribe ITMG", ADMIN, channel)).toEqual(ephemeral(SUBSCRIBE_INVITE));
      expect(await role("subscriptions", ADMIN, channel)).toEqual(ephemeral(NO_CHANNEL_SUBSCRIPTIONS));
    },
  );

  it("a direct message cannot be subscribed", async () => {
    expect(await role("subscribe", ADMIN, "D0ADMIN")).toEqual(ephemeral(SUBSCRIBE_IN_DM));
    expect(postsTo("D0ADMIN")).toEqual([]);
  });
});

describe("/role subscribe when the store fails the write", () => {
  const channel = "C0STOREFAILS";
  let db: Database.Database;

  beforeAll(() => {
    // The running bot's own database, made to refuse new subscriptions as a full disk would.
    db = new Database(path.join(running.app.process.cwd, "data", SQLITE_FILE_NAME));
    db.exec(`CREATE TRIGGER refuse_subscriptions BEFORE INSERT ON subscriptions
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`);
  });

  afterAll(() => {
    db?.exec("DROP TRIGGER IF EXISTS refuse_subscriptions");
    db?.close();
  });

  it("tells the person what failed, with a reference the log also has", async () => {
    const reply = await role("subscribe ITMG", ADMIN, channel);
    const ref = /reference: ([0-9A-F]{8})/.exec(String(reply.text))?.[1] ?? "no ref";
    expect(reply).toEqual(
      ephemeral(fill(SUBSCRIBE_STORE_FAILED, { reason: STORE_FAILURE_REASONS.refused, ref })),
    );
    await running.app.process.waitForLog(new RegExp(`ERROR Could not store a subscription ref=${ref}`));
  });

  it("announces nothing in the channel", () => {
    expect(postsTo(channel)).toEqual([]);
  });

  it("subscribes and announces once the store takes writes again", async () => {
    db.exec("DROP TRIGGER refuse_subscriptions");
    expect(await role("subscribe ITMG", ADMIN, channel)).toEqual(
      ephemeral(fill(SUBSCRIBED, { what: ITMG, command: "ITMG" })),
    );
    expect(postsTo(channel)).toHaveLength(1);
  });
});

describe("words that name nothing to follow", () => {
  it("a misspelt role gets suggestions to run instead", async () => {
    const reply = await role("subscribe IT servce manager", ADMIN, "C0TYPO");
    expect(reply.text).toMatch(
      new RegExp(
        `^${escapeRegExp(fill(TARGET_UNKNOWN, { text: "IT servce manager" }))} Did you mean .*\`/role subscribe IT service manager\` \\(the IT service manager role\\)`,
      ),
    );
    expect(postsTo("C0TYPO")).toEqual([]);
  });

  it("a RACI row is explained", async () => {
    expect(await role("subscribe change management", ADMIN, "C0RACI")).toEqual(
      ephemeral(fill(TARGET_NOT_FOLLOWABLE, { name: "Change management", kind: "process" })),
    );
  });
});

describe("/role unsubscribe", () => {
  it("removes one subscription by the name it was made with", async () => {
    await role("subscribe ITMG", ADMIN, "C0UNSUB");
    expect(await role("unsubscribe ITMG", ADMIN, "C0UNSUB")).toEqual(
      ephemeral(fill(UNSUBSCRIBED, { what: ITMG })),
    );
    expect(await role("subscriptions", ADMIN, "C0UNSUB")).toEqual(ephemeral(NO_CHANNEL_SUBSCRIPTIONS));
  });

  it("says when the channel does not follow what is named", async () => {
    await role("subscribe SFIA", ADMIN, "C0UNSUBOTHER");
    expect(await role("unsubscribe ITMG", ADMIN, "C0UNSUBOTHER")).toEqual(
      ephemeral(fill(NOT_SUBSCRIBED_TO, { what: ITMG })),
    );
  });

  it("with no words removes every subscription of the channel", async () => {
    await role("subscribe", ADMIN, "C0UNSUBALL");
    await role("subscribe ITMG", ADMIN, "C0UNSUBALL");
    expect(await role("unsubscribe", ADMIN, "C0UNSUBALL")).toEqual(
      ephemeral(fill(UNSUBSCRIBED_ALL, { count: 2 })),
    );
    expect(await role("subscriptions", ADMIN, "C0UNSUBALL")).toEqual(ephemeral(NO_CHANNEL_SUBSCRIPTIONS));
  });
});

describe("/role reload", () => {
  it("publishes for an admin and says what came of it", async () => {
    expect(await role("reload", ADMIN, "C0GENERAL")).toEqual(ephemeral(RELOAD_UNCHANGED));
  });

  it("is refused to a member", async () => {
    expect(await role("reload", MEMBER, "C0GENERAL")).toEqual(ephemeral(RELOAD_REFUSED));
  });
});

describe("App Home", () => {
  it("lists the channels the person's subscriptions post to", async () => {
    await role("subscribe ITMG", OWNER, "C0HOMEA");
    await role("subscribe", OWNER, "C0HOMEB");
    const response = await postSigned(running.app.eventsUrl, SECRET, eventBody(appHomeOpenedEvent(OWNER)));
    expect(response.status).toBe(200);
    const published = await running.api.waitForCall("views.publish", (c) => c.body.user_id === OWNER);
    const blocks = (published.body.view as { blocks: unknown[] }).blocks;
    // An owner also gets the admins' section below it.
    expect(blocks).toContainEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "*Your subscriptions*\n• <#C0BYOWNER>\n• <#C0HOMEA>\n• <#C0HOMEB>",
        verbatim: true,
      },
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
