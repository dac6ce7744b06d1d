// Feedback and knowledge gaps end to end, on both stores: answers carry Slack's feedback buttons, a vote is
// recorded, changed and refused when repeated; a not-found question is counted as a gap; admins get the
// report through /role gaps, App Home and `rolecall report gaps`; question words are kept only as
// ROLECALL_RECORD_QUESTIONS allows.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fill } from "../../src/core/text/template.ts";
import { createKeyedHasher } from "../../src/feedback/hash.ts";
import {
  ADMIN_TITLE,
  GAPS_REFUSED,
  GAPS_TITLE,
  VOTE_CHANGED,
  VOTE_RECORDED,
  VOTE_REPEATED,
  VOTE_WORDS,
} from "../../src/slack/messages.ts";
import { FEEDBACK_BLOCK_ID, FEEDBACK_NOTE_BLOCK_ID } from "../../src/slack/render/answer.ts";
import { createStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";
import { answerIdIn } from "../support/feedback.ts";
import { runCli } from "../support/run-cli.ts";
import { useSlackApp } from "../support/slack-app.ts";
import {
  appHomeOpenedEvent,
  blockActionBody,
  eventBody,
  messageEvent,
  slashCommand,
  TEAM,
} from "../support/slack-payloads.ts";
import { postSigned } from "../support/slack-signer.ts";
import { createTempSchema, postgresUnavailable, type TempSchema } from "../support/stores.ts";

const SECRET = "feedback-test-signing-secret";
const ADMIN = "U0FBADMIN";
const MEMBER = "U0FBMEMBER";
const MISSING_QUESTION = "what does a chief banana officer do";

const skipPostgres = await postgresUnavailable();

interface StoreUnderTest {
  name: string;
  /** the app's environment for this store */
  env(): Record<string, string>;
  /** a second connection to the app's store, to read what it wrote */
  open(): Promise<Store>;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
}

function sqliteUnderTest(): StoreUnderTest {
  let dataDir = "";
  return {
    name: "SQLite",
    env: () => ({ DATA_DIR: dataDir }),
    open: () => createStore({ dataDir }),
    setUp: async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-feedback-"));
    },
    tearDown: () => rm(dataDir, { recursive: true, force: true }),
  };
}

function postgresUnderTest(): StoreUnderTest {
  let schema: TempSchema | undefined;
  let dataDir = "";
  return {
    name: "PostgreSQL",
    env: () => ({ DATA_DIR: dataDir, DATABASE_URL: schema?.url ?? "" }),
    open: () => createStore({ databaseUrl: schema?.url ?? "", dataDir }),
    setUp: async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "rolecall-feedback-"));
      schema = await createTempSchema();
    },
    tearDown: async () => {
      await schema?.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const STORES = [sqliteUnderTest(), ...(skipPostgres ? [] : [postgresUnderTest()])];
if (skipPostgres) console.warn(`Skipping the PostgreSQL feedback tests: ${skipPostgres}`);

describe.each(STORES)("feedback and gaps on $name", (under) => {
  let store: Store | undefined;
  beforeAll(() => under.setUp());
  // Registered first, so it runs last: after the app has stopped.
  afterAll(async () => {
    await store?.close();
    await under.tearDown();
  });

  const running = useSlackApp({
    signingSecret: SECRET,
    env: () => ({ ...under.env(), ROLECALL_ADMINS: ADMIN, ROLECALL_RECORD_QUESTIONS: "unanswered" }),
  });

  /** A second connection to the app's store, opened once the app has made it. */
  async function appStore(): Promise<Store> {
    store ??= await under.open();
    return store;
  }

  let calls = 0;
  async function command(text: string, user: string): Promise<Record<string, unknown>> {
    calls += 1;
    const id = `feedback-${under.name}-${calls}`;
    const response = await postSigned(
      running.app.eventsUrl,
      SECRET,
      slashCommand({ command: "/role", text, user, responseUrl: running.api.responseUrl(id) }),
    );
    expect(response.status).toBe(200);
    const body = await response.text();
    if (body !== "") return JSON.parse(body) as Record<string, unknown>;
    const [reply] = await running.api.waitForResponses(id);
    return reply?.body ?? {};
  }

  /** Presses the answer's native feedback button and resolves with what came back through response_url. */
  async function vote(answer: unknown, which: "helpful" | "not_helpful", user: string) {
    const block = (answer as { blocks: Array<Record<string, unknown>> }).blocks.find(
      (b) => b.block_id === FEEDBACK_BLOCK_ID,
    ) as { elements: Array<Record<string, { value: string }>> };
    const element = block.elements[0] as Record<string, { value: string }>;
    const value = (which === "helpful" ? element.positive_button : element.negative_button)?.value ?? "";
    calls += 1;
    const id = `vote-${under.name}-${calls}`;
    const response = await postSigned(
      running.app.eventsUrl,
      SECRET,
      blockActionBody({
        actionId: "rolecall_feedback",
        actionType: "feedback_buttons",
        blockId: FEEDBACK_BLOCK_ID,
        value,
        user,
        responseUrl: running.api.responseUrl(id),
        message: { channel: "C0GENERAL", ephemeral: true },
      }),
    );
    expect(response.status).toBe(200);
    const [reply] = await running.api.waitForResponses(id);
    return reply?.body as {
      replace_original?: boolean;
      blocks?: Array<Record<string, unknown>>;
      text?: string;
    };
  }

  const noteIn = (body: { blocks?: Array<Record<string, unknown>> }) =>
    (
      body.blocks?.find((b) => b.block_id === FEEDBACK_NOTE_BLOCK_ID) as
        | { elements: Array<{ text: string }> }
        | undefined
    )?.elements[0]?.text;

  describe("a vote on an answer", () => {
    it("is recorded with the answer's intent, subjects and knowledge version, and acknowledged in place", async () => {
      const answer = await command("ITMG 5", MEMBER);
      const answerId = answerIdIn(answer);
      expect(answerId).toMatch(/^[0-9a-f-]{36}$/);

      const reply = await vote(answer, "helpful", MEMBER);
      expect(reply.replace_original).toBe(true);
      expect(noteIn(reply)).toBe(fill(VOTE_RECORDED, { vote: VOTE_WORDS.helpful }));
      // The answer is kept: the same title, and the buttons to vote again.
      expect(reply.blocks?.[0]).toEqual((answer as { blocks: unknown[] }).blocks[0]);
      expect(answerIdIn(reply)).toBe(answerId);

      const voter = createKeyedHasher(SECRET).user(TEAM.id, MEMBER);
      const stored = await (await appStore()).getVote(answerId ?? "", voter);
      expect(stored).toMatchObject({
        vote: "helpful",
        intent: "level",
        subjects: expect.arrayContaining(["skill:sfia:ITMG"]),
      });
      expect(stored?.knowledgeVersion).toMatch(/^[0-9a-f]{16,}$/);
      expect(stored?.votedAt).toBeInstanceOf(Date);
      // No Slack user id is stored anywhere in the vote.
      expect(JSON.stringify(stored)).not.toContain(MEMBER);
    });

    it("can be changed, and the same vote again is refused with a clear message", async () => {
      const answer = await command("ITMG 6", MEMBER);
      expect(noteIn(await vote(answer, "helpful", MEMBER))).toBe(
        fill(VOTE_RECORDED, { vote: VOTE_WORDS.helpful }),
      );
      expect(noteIn(await vote(answer, "not_helpful", MEMBER))).toBe(
        fill(VOTE_CHANGED, { vote: VOTE_WORDS.not_helpful }),
      );
      expect(noteIn(await vote(answer, "not_helpful", MEMBER))).toBe(
        fill(VOTE_REPEATED, { vote: VOTE_WORDS.not_helpful }),
      );
      const voter = createKeyedHasher(SECRET).user(TEAM.id, MEMBER);
      expect(await (await appStore()).getVote(answerIdIn(answer) ?? "", voter)).toMatchObject({
        vote: "not_helpful",
        changedAt: expect.any(Date),
      });
    });
  });

  describe("a question the knowledge cannot answer", () => {
    it("is counted as a gap, with its words kept because ROLECALL_RECORD_QUESTIONS=unanswered", async () => {
      const response = await postSigned(
        running.app.eventsUrl,
        SECRET,
        eventBody(messageEvent({ text: MISSING_QUESTION, channel: "D0FBGAP", user: MEMBER })),
      );
      expect(response.status).toBe(200);
      const posted = await running.api.waitForCall("chat.postMessage", (c) => c.body.channel === "D0FBGAP");
      const answerId = answerIdIn(posted.body);
      await expect
        .poll(async () => (await appStore()).getAnswer(answerId ?? ""))
        .toMatchObject({
          outcome: "not_found",
          surface: "dm",
          questionText: MISSING_QUESTION,
          knowledgeFile: expect.stringMatching(/\.yaml$/),
        });
      const answered = await (await appStore()).listAnswerFeedback({ since: new Date(0) });
      expect(answered.map((f) => f.answer.id)).toContain(answerId);
    });

    it("keeps no words of a question that was answered", async () => {
      const answer = await command("ITMG 4", MEMBER);
      await expect
        .poll(async () => (await appStore()).getAnswer(answerIdIn(answer) ?? ""))
        .toMatchObject({ outcome: "answered" });
      expect((await (await appStore()).getAnswer(answerIdIn(answer) ?? ""))?.questionText).toBeUndefined();
    });
  });

  describe("/role gaps", () => {
    it("shows an admin the gaps, with where each answer belongs", async () => {
      const reply = await command("gaps", ADMIN);
      const text = String(reply.text);
      expect(text).toContain(`*${fill(GAPS_TITLE, { days: 30 })}*`);
      expect(text).toContain(`• *${MISSING_QUESTION}*: asked once (1 not found)`);
      expect(text).toMatch(/↳ next: .*add the answer to `[^`]+\.yaml`/);
      expect(reply.replace_original).toBe(false);
    });

    it("is refused to anyone else", async () => {
      const reply = await command("gaps", MEMBER);
      expect(reply).toEqual({ response_type: "ephemeral", replace_original: false, text: GAPS_REFUSED });
    });
  });

  describe("App Home", () => {
    async function openHome(user: string) {
      const response = await postSigned(running.app.eventsUrl, SECRET, eventBody(appHomeOpenedEvent(user)));
      expect(response.status).toBe(200);
      const published = await running.api.waitForCall("views.publish", (c) => c.body.user_id === user);
      return JSON.stringify(published.body.view);
    }

    it("gives admins the gaps, the last publish, knowledge problems and switched-off subscriptions", async () => {
      const view = await openHome(ADMIN);
      expect(view).toContain(ADMIN_TITLE);
      expect(view).toContain(MISSING_QUESTION);
      expect(view).toContain("Last publish");
      expect(view).toContain("Switched-off subscriptions");
    });

    it("shows members no admin section", async () => {
      expect(await openHome(MEMBER)).not.toContain(ADMIN_TITLE);
    });
  });

  describe("rolecall report gaps", () => {
    it("prints the gaps as JSON", async () => {
      const result = await runCli(["report", "gaps", "--json", "--since", "7d"], { env: under.env() });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as {
        days: number;
        gaps: Array<{ label?: string; notFound: number; notHelpful: number; knowledgeFile?: string }>;
      };
      expect(report.days).toBe(7);
      expect(report.gaps).toContainEqual(
        expect.objectContaining({ label: MISSING_QUESTION, notFound: 1, knowledgeFile: expect.any(String) }),
      );
      // The not-helpful vote on "ITMG 6" makes that answer a gap too, under its subject.
      expect(report.gaps.some((g) => g.notHelpful === 1)).toBe(true);
    });

    it("prints the gaps as text", async () => {
      const result = await runCli(["report", "gaps"], { env: under.env() });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Knowledge gaps in the last 30 days \(\d+ answers looked at\)/);
      expect(result.stdout).toContain(`1x  ${MISSING_QUESTION}  [1 not found]`);
      expect(result.stdout).toMatch(/belongs in: \S+\.yaml/);
      expect(result.stdout).toContain("Answers marked not helpful most:");
    });
  });
});
