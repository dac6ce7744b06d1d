// Question text is kept for ROLECALL_QUESTION_RETENTION_DAYS, then deleted; the rest of each answer (its
// subject, outcome and hashed question) stays, so gap counts survive. Run on both stores, with the clock
// injected instead of waiting days.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { createKeyedHasher } from "../../src/feedback/hash.ts";
import { createAnswerRecorder } from "../../src/feedback/recorder.ts";
import { createQuestionRetention, DAY_MS } from "../../src/feedback/retention.ts";
import { silentLogger } from "../../src/log.ts";
import { createStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";
import { FIXTURE_KNOWLEDGE } from "../support/knowledge.ts";
import { createTempSchema, openTempSqlite, postgresUnavailable } from "../support/stores.ts";

const skipPostgres = await postgresUnavailable();
const rolecall = createRolecall(await loadKnowledge(FIXTURE_KNOWLEDGE));
const T0 = new Date("2026-11-01T09:00:00.000Z");

const STORES: Array<{ name: string; open(): Promise<{ store: Store; destroy(): Promise<void> }> }> = [
  { name: "SQLite", open: openTempSqlite },
  ...(skipPostgres
    ? []
    : [
        {
          name: "PostgreSQL",
          open: async () => {
            const schema = await createTempSchema();
            const store = await createStore({ databaseUrl: schema.url, dataDir: "unused" });
            await store.migrate();
            return {
              store,
              destroy: async () => {
                await store.close();
                await schema.destroy();
              },
            };
          },
        },
      ]),
];

describe.each(STORES)("question retention on $name", ({ open }) => {
  let store: Store;
  let destroy: () => Promise<void>;
  let now: Date;

  beforeEach(async () => {
    ({ store, destroy } = await open());
    now = T0;
  });
  afterEach(() => destroy());

  const recorder = () =>
    createAnswerRecorder({
      store,
      hasher: createKeyedHasher("retention-test-hash-key"),
      recordQuestions: "all",
      source: rolecall,
      knowledgeVersion: () => "hash-1",
      logger: silentLogger,
      clock: () => now,
    });

  async function ask(question: string): Promise<string> {
    const { answerId, stored } = recorder().record({
      answer: rolecall.ask(question),
      question,
      teamId: "T1",
      surface: "dm",
    });
    await stored;
    return answerId;
  }

  it("deletes question text older than the retention period, and keeps the newer", async () => {
    const old = await ask("kxcd wrrt");
    now = new Date(T0.getTime() + 20 * DAY_MS);
    const recent = await ask("zzgl frop");
    now = new Date(T0.getTime() + 31 * DAY_MS);
    const retention = createQuestionRetention({
      store,
      retentionDays: 30,
      logger: silentLogger,
      clock: () => now,
    });

    expect(await retention.prune()).toBe(1);
    const forgotten = await store.getAnswer(old);
    expect(forgotten?.questionText).toBeUndefined();
    expect(forgotten).toMatchObject({
      outcome: "not_found",
      questionKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await store.getAnswer(recent))?.questionText).toBe("zzgl frop");
    expect(await retention.prune()).toBe(0);
  });

  it("keeps the gap counted after its words are gone", async () => {
    await ask("kxcd wrrt");
    now = new Date(T0.getTime() + 31 * DAY_MS);
    await createQuestionRetention({
      store,
      retentionDays: 30,
      logger: silentLogger,
      clock: () => now,
    }).prune();
    const gaps = await store.listAnswerFeedback({ since: T0 });
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.answer.questionText).toBeUndefined();
  });
});

describe("the keyed hash", () => {
  it("gives the same question, however written, one key, and another key under another secret", () => {
    const hasher = createKeyedHasher("a-secret-of-some-length");
    expect(hasher.question("ITMG 5?")).toBe(hasher.question("  itmg   5 "));
    expect(hasher.question("ITMG 5")).not.toBe(createKeyedHasher("another-secret-here").question("ITMG 5"));
    expect(hasher.user("T1", "U1")).not.toBe(hasher.user("T2", "U1"));
    expect(hasher.user("T1", "U1")).not.toContain("U1");
  });
});
