// Two bots sharing one PostgreSQL database and one knowledge folder, as two replicas would: both publish
// at start-up and both see the same file edit, yet each subscribed channel gets the update exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELIVERY_IDLE_MESSAGE } from "../../src/notify/delivery-log.ts";
import { type RunningHttpApp, SHIPPED_KNOWLEDGE, startHttpApp } from "../support/app-process.ts";
import { copyKnowledge, type TempKnowledge } from "../support/knowledge.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { slashCommand } from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";
import { createTempSchema, postgresUnavailable, type TempSchema } from "../support/stores.ts";

const SECRET = "notify-two-instances-secret";
const ADMIN = "U0OPS";
const CHANNELS = ["C0FIRST", "C0SECOND", "C0THIRD"];
const skipReason = await postgresUnavailable();

describe.skipIf(skipReason !== undefined)("two bots sharing PostgreSQL", () => {
  let api: SlackApiStandIn;
  let knowledge: TempKnowledge;
  let schema: TempSchema;
  let apps: RunningHttpApp[] = [];

  beforeAll(async () => {
    api = await startSlackApiStandIn();
    knowledge = await copyKnowledge(SHIPPED_KNOWLEDGE);
    schema = await createTempSchema();
    const env = { KNOWLEDGE_DIR: knowledge.dir, DATABASE_URL: schema.url, ROLECALL_ADMINS: ADMIN };
    apps = await Promise.all(
      [1, 2].map(() => startHttpApp({ signingSecret: SECRET, apiUrl: api.apiUrl, env })),
    );
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.process.stop()));
    await api?.close();
    await schema?.destroy();
    await knowledge?.destroy();
  });

  it("post each channel's update once, whichever of them publishes it", async () => {
    for (const [index, channel] of CHANNELS.entries()) {
      const app = apps[index % apps.length] as RunningHttpApp;
      const id = `two-instances-${channel}`;
      await postSigned(
        app.eventsUrl,
        SECRET,
        slashCommand({
          command: "/role",
          text: "subscribe",
          user: ADMIN,
          channel,
          responseUrl: api.responseUrl(id),
        }),
      );
      const [reply] = await api.waitForResponses(id);
      expect(reply?.body.text).toMatch(/^Done: /);
    }
    const fromLines = apps.map((app) => app.process.logLines.length);
    const fromCall = api.calls.length;

    const text = await knowledge.read("raci.yaml");
    const row = /(- id: change-management\n(?:[ \t]+.*\n)*?[ \t]+accountable: )([\w-]+)/.exec(text);
    if (!row?.[1] || !row[2]) throw new Error("raci.yaml has no accountable for change-management");
    await knowledge.write(
      "raci.yaml",
      text.replace(row[0], `${row[1]}${row[2] === "cio" ? "it-manager" : "cio"}`),
    );

    // Both see the edit; one publishes it, the other finds it already published.
    const outcomes = await Promise.all(
      apps.map((app, i) =>
        app.process.waitForLog(
          /knowledge (published|unchanged since the last publish) .*reason=watch/,
          fromLines[i],
        ),
      ),
    );
    expect(outcomes.map((m) => m[1]).sort()).toEqual(["published", "unchanged since the last publish"]);
    // Each channel's update is posted by one of them; every worker that posted then goes idle with nothing
    // paced, so no post is still to come.
    const posters = await Promise.all(
      CHANNELS.map((channel) =>
        Promise.race(
          apps.map((app, i) =>
            app.process
              .waitForLog(new RegExp(`posted a framework update channel=${channel} `), fromLines[i])
              .then(() => i),
          ),
        ),
      ),
    );
    await Promise.all(
      [...new Set(posters)].map((i) =>
        apps[i]?.process.waitForLog(new RegExp(`${DELIVERY_IDLE_MESSAGE} paced=0$`), fromLines[i]),
      ),
    );
    const posts = api.calls.slice(fromCall).filter((c) => c.method === "chat.postMessage");
    expect(posts.map((p) => p.body.channel).sort()).toEqual([...CHANNELS].sort());
  });
});
