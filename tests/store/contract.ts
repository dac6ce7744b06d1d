// The behaviour every Store must have. Each implementation's test file runs this suite against real storage.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Standing } from "../../src/core/profile/standing.ts";
import { STORE_LIMITS, type StoreError } from "../../src/store/index.ts";
import type {
  Delivery,
  NewAnswerRecord,
  PublishInput,
  Store,
  SubscriptionFilter,
} from "../../src/store/types.ts";

/** Fresh, empty storage for one test. open() may be called again to simulate a restart or a second instance. */
export interface StoreHarness {
  open(): Promise<Store>;
  destroy(): Promise<void>;
}

export const T0 = new Date("2025-03-01T09:00:00.000Z");
export const at = (ms: number) => new Date(T0.getTime() + ms);

const SKILL_PROG: SubscriptionFilter = {
  kind: "skill",
  id: "PROG",
  label: "Programming/software development",
};
const ROLE_DEV: SubscriptionFilter = { kind: "role", id: "software-developer", label: "Software developer" };

export function delivery(channelId: string, payload: unknown = { text: `news for ${channelId}` }): Delivery {
  return { teamId: "T1", channelId, subscriptionIds: [`sub-${channelId}`], payload };
}

export function answerRecord(id: string, extra: Partial<NewAnswerRecord> = {}): NewAnswerRecord {
  return {
    id,
    teamId: "T1",
    surface: "command",
    askedAt: T0,
    intent: "level",
    outcome: "answered",
    subjects: ["skill:sfia:ITMG"],
    nearestSubject: "skill:sfia:ITMG",
    nearestSubjectName: "IT management",
    knowledgeFile: "sfia-skills.yaml",
    knowledgeVersion: "hash-1",
    questionKey: `key-${id}`,
    ...extra,
  };
}

export async function publishTo(
  store: Store,
  deliveries: Delivery[],
  extra: Partial<PublishInput> = {},
): Promise<Extract<Awaited<ReturnType<Store["publish"]>>, { published: true }>> {
  const latest = await store.latestSnapshot();
  const result = await store.publish({
    hash: `hash-${latest ? "next" : "first"}-${Math.random()}`,
    knowledge: { skills: ["PROG"] },
    changes: [{ type: "skill_added", id: "PROG" }],
    previousSnapshotId: latest?.id ?? null,
    deliveries,
    at: T0,
    ...extra,
  });
  if (!result.published) throw new Error(`expected a publish, got ${result.reason}`);
  return result;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as StoreError).code;
  }
  throw new Error("expected the call to fail");
}

export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`${name} store contract`, () => {
    let harness: StoreHarness;
    let opened: Store[];
    let store: Store;

    const open = async (): Promise<Store> => {
      const next = await harness.open();
      opened.push(next);
      return next;
    };

    beforeEach(async () => {
      harness = await makeHarness();
      opened = [];
      store = await open();
      await store.migrate();
    });

    afterEach(async () => {
      for (const each of opened) await each.close();
      await harness.destroy();
    });

    describe("migrate", () => {
      it("applies nothing when run a second time", async () => {
        const again = await store.migrate();
        expect(again.applied).toEqual([]);
        expect(again.databaseVersion).toBe(again.codeVersion);
      });

      it("applies every migration on an empty database", async () => {
        const fresh = await makeHarness();
        const empty = await fresh.open();
        try {
          const result = await empty.migrate();
          expect(result.applied.length).toBeGreaterThan(0);
          expect(result.applied.at(-1)).toBe(result.codeVersion);
        } finally {
          await empty.close();
          await fresh.destroy();
        }
      });

      it("keeps existing data when run again", async () => {
        await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: { kind: "all" },
          createdBy: "U1",
        });
        await store.migrate();
        expect(await store.listSubscriptions()).toHaveLength(1);
      });

      it("succeeds for two instances migrating an empty database at once", async () => {
        const fresh = await makeHarness();
        const first = await fresh.open();
        const second = await fresh.open();
        try {
          const results = await Promise.all([first.migrate(), second.migrate()]);
          const applied = results.map((result) => result.applied.length).sort();
          expect(applied[0]).toBe(0);
          expect(applied[1]).toBeGreaterThan(0);
        } finally {
          await first.close();
          await second.close();
          await fresh.destroy();
        }
      });

      it("refuses queries before migrate with STORE_NOT_MIGRATED", async () => {
        const fresh = await makeHarness();
        const empty = await fresh.open();
        try {
          expect(await codeOf(empty.listSubscriptions())).toBe("STORE_NOT_MIGRATED");
        } finally {
          await empty.close();
          await fresh.destroy();
        }
      });
    });

    describe("subscriptions", () => {
      it("adds a subscription and lists it", async () => {
        const { subscription, created } = await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: SKILL_PROG,
          createdBy: "U1",
          at: T0,
        });
        expect(created).toBe(true);
        expect(subscription).toMatchObject({
          teamId: "T1",
          channelId: "C1",
          filter: SKILL_PROG,
          createdBy: "U1",
        });
        expect(subscription.createdAt).toEqual(T0);
        expect(await store.listSubscriptions()).toEqual([subscription]);
      });

      it("returns the existing subscription when the same filter is added again", async () => {
        const first = await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: SKILL_PROG,
          createdBy: "U1",
        });
        const renamed = { ...SKILL_PROG, label: "Programming" };
        const again = await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: renamed,
          createdBy: "U2",
        });
        expect(again).toEqual({ subscription: first.subscription, created: false, reenabled: false });
        expect(await store.listSubscriptions()).toHaveLength(1);
      });

      it("keeps different filters on one channel apart", async () => {
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: SKILL_PROG, createdBy: "U1" });
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: ROLE_DEV, createdBy: "U1" });
        await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: { kind: "all" },
          createdBy: "U1",
        });
        expect(await store.listSubscriptions({ channelId: "C1" })).toHaveLength(3);
      });

      it("removes only the given filter", async () => {
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: SKILL_PROG, createdBy: "U1" });
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: ROLE_DEV, createdBy: "U1" });
        expect(await store.removeSubscriptions("T1", "C1", SKILL_PROG)).toBe(1);
        const left = await store.listSubscriptions();
        expect(left.map((s) => s.filter)).toEqual([ROLE_DEV]);
      });

      it("removes all of a channel's subscriptions when no filter is given, and no other channel's", async () => {
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: SKILL_PROG, createdBy: "U1" });
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: ROLE_DEV, createdBy: "U1" });
        await store.addSubscription({ teamId: "T1", channelId: "C2", filter: ROLE_DEV, createdBy: "U1" });
        expect(await store.removeSubscriptions("T1", "C1")).toBe(2);
        expect((await store.listSubscriptions()).map((s) => s.channelId)).toEqual(["C2"]);
      });

      it("lists by team, channel and creator, oldest first", async () => {
        await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: SKILL_PROG,
          createdBy: "U1",
          at: at(2),
        });
        await store.addSubscription({
          teamId: "T1",
          channelId: "C2",
          filter: SKILL_PROG,
          createdBy: "U2",
          at: at(1),
        });
        await store.addSubscription({
          teamId: "T2",
          channelId: "C3",
          filter: SKILL_PROG,
          createdBy: "U1",
          at: at(0),
        });
        const channels = async (query: Parameters<Store["listSubscriptions"]>[0]) =>
          (await store.listSubscriptions(query)).map((s) => s.channelId);
        expect(await channels({ teamId: "T1" })).toEqual(["C2", "C1"]);
        expect(await channels({ channelId: "C2" })).toEqual(["C2"]);
        expect(await channels({ createdBy: "U1" })).toEqual(["C3", "C1"]);
        expect(await channels(undefined)).toEqual(["C3", "C2", "C1"]);
      });

      it("disables a channel's subscriptions and returns them with the reason", async () => {
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: SKILL_PROG, createdBy: "U1" });
        await store.addSubscription({ teamId: "T1", channelId: "C2", filter: SKILL_PROG, createdBy: "U1" });
        const disabled = await store.disableSubscriptions("T1", "C1", "channel_not_found", at(5));
        expect(disabled).toHaveLength(1);
        expect(disabled[0]).toMatchObject({
          channelId: "C1",
          disabledAt: at(5),
          disabledReason: "channel_not_found",
        });
      });

      it("hides disabled subscriptions unless asked to include them", async () => {
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: SKILL_PROG, createdBy: "U1" });
        await store.disableSubscriptions("T1", "C1", "archived");
        expect(await store.listSubscriptions()).toEqual([]);
        const all = await store.listSubscriptions({ includeDisabled: true });
        expect(all.map((s) => s.disabledReason)).toEqual(["archived"]);
      });

      it("returns nothing when disabling a channel that is already disabled", async () => {
        await store.addSubscription({ teamId: "T1", channelId: "C1", filter: SKILL_PROG, createdBy: "U1" });
        await store.disableSubscriptions("T1", "C1", "archived");
        expect(await store.disableSubscriptions("T1", "C1", "archived")).toEqual([]);
      });

      it("re-enables a disabled subscription when it is added again", async () => {
        const first = await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: SKILL_PROG,
          createdBy: "U1",
        });
        await store.disableSubscriptions("T1", "C1", "bot removed");
        const again = await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: SKILL_PROG,
          createdBy: "U2",
          at: at(9),
        });
        expect(again.created).toBe(false);
        expect(again.reenabled).toBe(true);
        expect(again.subscription).toMatchObject({
          id: first.subscription.id,
          createdBy: "U2",
          createdAt: at(9),
        });
        expect(again.subscription.disabledAt).toBeUndefined();
        expect(await store.listSubscriptions()).toEqual([again.subscription]);
      });

      it("refuses more subscriptions than the per-channel limit", async () => {
        for (let i = 0; i < STORE_LIMITS.maxSubscriptionsPerChannel; i++) {
          await store.addSubscription({
            teamId: "T1",
            channelId: "C1",
            filter: { kind: "skill", id: `S${i}`, label: `Skill ${i}` },
            createdBy: "U1",
          });
        }
        const over = store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: { kind: "skill", id: "ONE-TOO-MANY", label: "x" },
          createdBy: "U1",
        });
        expect(await codeOf(over)).toBe("STORE_LIMIT_EXCEEDED");
      });

      it("refuses an empty team id", async () => {
        const bad = store.addSubscription({
          teamId: "",
          channelId: "C1",
          filter: { kind: "all" },
          createdBy: "U1",
        });
        expect(await codeOf(bad)).toBe("STORE_INVALID_INPUT");
      });
    });

    describe("publishing snapshots", () => {
      it("has no latest snapshot when nothing was published", async () => {
        expect(await store.latestSnapshot()).toBeUndefined();
      });

      it("stores the snapshot and one pending outbox row per delivery", async () => {
        const result = await store.publish({
          hash: "h1",
          knowledge: { skills: [{ code: "PROG", levels: [2, 3, 4] }] },
          changes: [{ type: "skill_added", id: "PROG" }],
          previousSnapshotId: null,
          deliveries: [delivery("C1"), delivery("C2")],
          at: T0,
        });
        if (!result.published) throw new Error("expected a publish");
        expect(result.snapshot).toMatchObject({ hash: "h1", createdAt: T0 });
        expect(await store.latestSnapshot()).toEqual(result.snapshot);
        expect(result.outbox).toHaveLength(2);
        expect(result.outbox[0]).toMatchObject({
          snapshotId: result.snapshot.id,
          teamId: "T1",
          channelId: "C1",
          subscriptionIds: ["sub-C1"],
          payload: { text: "news for C1" },
          status: "pending",
          attempts: 0,
          nextAttemptAt: T0,
        });
        expect(await store.listOutbox()).toEqual(result.outbox);
      });

      it("returns the knowledge and changes exactly as given", async () => {
        const knowledge = { name: 'naïve ✓ \u0000 "quoted"', nested: { list: [1, null, true, "x"] } };
        const { snapshot } = await publishTo(store, [], { knowledge, changes: { added: ["ä"] } });
        expect((await store.latestSnapshot())?.knowledge).toEqual(knowledge);
        expect(snapshot.changes).toEqual({ added: ["ä"] });
      });

      it("stores the snapshot under the id the caller chose", async () => {
        const { snapshot } = await publishTo(store, [delivery("C1")], { snapshotId: "snap-chosen-1" });
        expect(snapshot.id).toBe("snap-chosen-1");
        expect((await store.listOutbox())[0]?.snapshotId).toBe("snap-chosen-1");
      });

      it("refuses a chosen snapshot id that is already stored, and writes nothing", async () => {
        await publishTo(store, [], { snapshotId: "snap-1", hash: "h1" });
        const again = store.publish({
          snapshotId: "snap-1",
          hash: "h2",
          knowledge: {},
          changes: [],
          previousSnapshotId: "snap-1",
          deliveries: [delivery("C1")],
        });
        expect(await codeOf(again)).toBe("STORE_QUERY_FAILED");
        expect((await store.latestSnapshot())?.hash).toBe("h1");
        expect(await store.listOutbox()).toEqual([]);
      });

      it("fetches an earlier snapshot by id", async () => {
        const first = await publishTo(store, [], { hash: "h1", changes: [{ type: "first" }] });
        await publishTo(store, [], { hash: "h2" });
        expect(await store.getSnapshot(first.snapshot.id)).toEqual(first.snapshot);
      });

      it("lists every snapshot's id, time and changes, oldest first, without the knowledge", async () => {
        expect(await store.snapshotHistory()).toEqual([]);
        const later = new Date(T0.getTime() + 86_400_000);
        const first = await publishTo(store, [], { hash: "h1", changes: [{ type: "first" }], at: T0 });
        const second = await publishTo(store, [delivery("C1")], {
          hash: "h2",
          changes: [{ id: "ä" }],
          at: later,
        });
        expect(await store.snapshotHistory()).toEqual([
          { id: first.snapshot.id, createdAt: T0, changes: [{ type: "first" }] },
          { id: second.snapshot.id, createdAt: later, changes: [{ id: "ä" }] },
        ]);
      });

      it("returns undefined for a snapshot id that was never stored", async () => {
        expect(await store.getSnapshot("no-such-snapshot")).toBeUndefined();
      });

      it("makes the newest publish the latest snapshot", async () => {
        await publishTo(store, [], { hash: "h1" });
        const second = await publishTo(store, [], { hash: "h2" });
        expect((await store.latestSnapshot())?.id).toBe(second.snapshot.id);
      });

      it("writes nothing when another publish happened since the caller's snapshot", async () => {
        const first = await publishTo(store, [], { hash: "h1" });
        await publishTo(store, [], { hash: "h2" });
        const late = await store.publish({
          hash: "h3",
          knowledge: {},
          changes: [],
          previousSnapshotId: first.snapshot.id,
          deliveries: [delivery("C1")],
        });
        expect(late).toMatchObject({ published: false, reason: "stale", latest: { hash: "h2" } });
        expect(await store.listOutbox()).toEqual([]);
      });

      it("writes nothing when the knowledge hash has not changed", async () => {
        const first = await publishTo(store, [], { hash: "h1" });
        const same = await store.publish({
          hash: "h1",
          knowledge: {},
          changes: [],
          previousSnapshotId: first.snapshot.id,
          deliveries: [delivery("C1")],
        });
        expect(same).toMatchObject({ published: false, reason: "unchanged" });
        expect(await store.listOutbox()).toEqual([]);
      });

      it("leaves no snapshot and no outbox rows when a delivery fails midway", async () => {
        const tooBig = { text: "x".repeat(STORE_LIMITS.maxPayloadBytes) };
        const failing = store.publish({
          hash: "h1",
          knowledge: { big: true },
          changes: [],
          previousSnapshotId: null,
          deliveries: [delivery("C1"), delivery("C2"), delivery("C3", tooBig), delivery("C4")],
        });
        expect(await codeOf(failing)).toBe("STORE_TOO_LARGE");
        expect(await store.latestSnapshot()).toBeUndefined();
        expect(await store.listOutbox()).toEqual([]);
        expect(await store.outboxStats()).toEqual({ pending: 0, delivered: 0, failed: 0 });
      });

      it("still publishes after a failed publish", async () => {
        const tooBig = { text: "x".repeat(STORE_LIMITS.maxPayloadBytes) };
        await codeOf(
          store.publish({
            hash: "h1",
            knowledge: {},
            changes: [],
            previousSnapshotId: null,
            deliveries: [delivery("C1", tooBig)],
          }),
        );
        const result = await publishTo(store, [delivery("C1")]);
        expect(await store.listOutbox()).toEqual(result.outbox);
      });

      it("accepts a payload just under the size limit", async () => {
        const payload = { text: "y".repeat(STORE_LIMITS.maxPayloadBytes - 20) };
        const { outbox } = await publishTo(store, [delivery("C1", payload)]);
        expect(outbox[0]?.payload).toEqual(payload);
      });

      it("refuses a payload that is not JSON", async () => {
        const circular: Record<string, unknown> = {};
        circular.self = circular;
        const bad = store.publish({
          hash: "h1",
          knowledge: {},
          changes: [],
          previousSnapshotId: null,
          deliveries: [delivery("C1", circular)],
        });
        expect(await codeOf(bad)).toBe("STORE_INVALID_INPUT");
      });
    });

    describe("claiming deliveries", () => {
      const claim = (by: string, now: Date, extra: Partial<Parameters<Store["claimDeliveries"]>[0]> = {}) =>
        store.claimDeliveries({ instanceId: by, limit: 10, now, leaseMs: 60_000, ...extra });

      it("leases due rows to the claiming instance", async () => {
        await publishTo(store, [delivery("C1"), delivery("C2")]);
        const rows = await claim("A", at(1_000));
        expect(rows.map((r) => r.channelId)).toEqual(["C1", "C2"]);
        expect(rows[0]).toMatchObject({ leasedBy: "A", leaseUntil: at(61_000), status: "pending" });
      });

      it("does not claim rows before their next attempt time", async () => {
        await publishTo(store, [delivery("C1")], { at: at(5_000) });
        expect(await claim("A", at(4_999))).toEqual([]);
        expect(await claim("A", at(5_000))).toHaveLength(1);
      });

      it("does not give a leased row to another instance while the lease lasts", async () => {
        await publishTo(store, [delivery("C1")]);
        await claim("A", at(0));
        expect(await claim("B", at(59_999))).toEqual([]);
      });

      it("gives a row to another instance once the lease has expired", async () => {
        await publishTo(store, [delivery("C1")]);
        await claim("A", at(0));
        const rows = await claim("B", at(60_000));
        expect(rows.map((r) => r.leasedBy)).toEqual(["B"]);
      });

      it("claims no more than the limit, oldest first", async () => {
        await publishTo(store, [delivery("C1"), delivery("C2"), delivery("C3")]);
        const rows = await claim("A", at(0), { limit: 2 });
        expect(rows.map((r) => r.channelId)).toEqual(["C1", "C2"]);
      });

      it("skips excluded channels", async () => {
        await publishTo(store, [delivery("C1"), delivery("C2"), delivery("C3")]);
        const rows = await claim("A", at(0), { excludeChannels: ["C1", "C3"] });
        expect(rows.map((r) => r.channelId)).toEqual(["C2"]);
      });

      it("gives a channel its rows one at a time, in publish order", async () => {
        const first = await publishTo(store, [delivery("C1")], { hash: "h1" });
        const second = await publishTo(store, [delivery("C1")], { hash: "h2" });
        expect((await claim("A", at(0))).map((r) => r.id)).toEqual([first.outbox[0]?.id]);
        expect(await claim("B", at(0))).toEqual([]);
        await store.markDelivered(first.outbox[0]?.id ?? "", { instanceId: "A", at: at(1) });
        expect((await claim("B", at(2))).map((r) => r.id)).toEqual([second.outbox[0]?.id]);
      });

      it("holds back a channel's newer rows while its oldest waits for a retry", async () => {
        const first = await publishTo(store, [delivery("C1")], { hash: "h1" });
        await publishTo(store, [delivery("C1")], { hash: "h2" });
        const id = first.outbox[0]?.id ?? "";
        await claim("A", at(0));
        await store.scheduleRetry(id, { instanceId: "A", at: at(30_000), error: "ratelimited" });
        expect(await claim("A", at(1_000))).toEqual([]);
        expect((await claim("A", at(30_000))).map((r) => r.id)).toEqual([id]);
      });

      it("refuses a limit of zero", async () => {
        expect(await codeOf(claim("A", at(0), { limit: 0 }))).toBe("STORE_INVALID_INPUT");
      });
    });

    describe("finishing deliveries", () => {
      const claimOne = async (by = "A", now = at(0)) => {
        const [row] = await store.claimDeliveries({ instanceId: by, limit: 1, now, leaseMs: 60_000 });
        if (!row) throw new Error("nothing to claim");
        return row;
      };

      it("records a delivery with its message ts and clears the lease", async () => {
        await publishTo(store, [delivery("C1")]);
        const row = await claimOne();
        expect(
          await store.markDelivered(row.id, { instanceId: "A", at: at(10), messageTs: "1700000000.000100" }),
        ).toBe(true);
        const [stored] = await store.listOutbox();
        expect(stored).toMatchObject({
          status: "delivered",
          deliveredAt: at(10),
          messageTs: "1700000000.000100",
        });
        expect(stored?.attempts).toBe(1);
        expect(stored?.leasedBy).toBeUndefined();
        expect(stored?.leaseUntil).toBeUndefined();
      });

      it("never claims a delivered row again", async () => {
        await publishTo(store, [delivery("C1")]);
        const row = await claimOne();
        await store.markDelivered(row.id, { instanceId: "A", at: at(10) });
        expect(
          await store.claimDeliveries({ instanceId: "B", limit: 10, now: at(999_999), leaseMs: 1 }),
        ).toEqual([]);
      });

      it("reports false when a row is marked delivered twice", async () => {
        await publishTo(store, [delivery("C1")]);
        const row = await claimOne();
        await store.markDelivered(row.id, { instanceId: "A", at: at(10) });
        expect(await store.markDelivered(row.id, { instanceId: "A", at: at(11) })).toBe(false);
      });

      it("schedules a retry: one more attempt, the error kept, the lease cleared, due again later", async () => {
        await publishTo(store, [delivery("C1")]);
        const row = await claimOne();
        expect(
          await store.scheduleRetry(row.id, { instanceId: "A", at: at(5_000), error: "ratelimited" }),
        ).toBe(true);
        const [stored] = await store.listOutbox();
        expect(stored).toMatchObject({
          status: "pending",
          attempts: 1,
          nextAttemptAt: at(5_000),
          lastError: "ratelimited",
        });
        expect(stored?.leasedBy).toBeUndefined();
        expect((await claimOne("B", at(5_000))).id).toBe(row.id);
      });

      it("ignores a retry from an instance whose lease was taken over", async () => {
        await publishTo(store, [delivery("C1")]);
        const row = await claimOne("A", at(0));
        await claimOne("B", at(60_000));
        expect(await store.scheduleRetry(row.id, { instanceId: "A", at: at(61_000), error: "slow" })).toBe(
          false,
        );
        expect((await store.listOutbox())[0]).toMatchObject({ leasedBy: "B", attempts: 0 });
      });

      it("marks a row failed for good", async () => {
        await publishTo(store, [delivery("C1")]);
        const row = await claimOne();
        expect(
          await store.markFailed(row.id, { instanceId: "A", at: at(20), error: "channel_not_found" }),
        ).toBe(true);
        const [stored] = await store.listOutbox();
        expect(stored).toMatchObject({
          status: "failed",
          failedAt: at(20),
          lastError: "channel_not_found",
          attempts: 1,
        });
        expect(
          await store.claimDeliveries({ instanceId: "B", limit: 10, now: at(999_999), leaseMs: 1 }),
        ).toEqual([]);
      });

      it("lets a channel's next row through once the oldest has failed", async () => {
        await publishTo(store, [delivery("C1")], { hash: "h1" });
        const second = await publishTo(store, [delivery("C1")], { hash: "h2" });
        const row = await claimOne();
        await store.markFailed(row.id, { instanceId: "A", at: at(1), error: "invalid_blocks" });
        expect((await claimOne("A", at(2))).id).toBe(second.outbox[0]?.id);
      });

      it("cuts a very long error to the text limit", async () => {
        await publishTo(store, [delivery("C1")]);
        const row = await claimOne();
        await store.markFailed(row.id, { instanceId: "A", at: at(1), error: "e".repeat(50_000) });
        expect((await store.listOutbox())[0]?.lastError?.length).toBe(STORE_LIMITS.maxTextLength);
      });

      it("counts outbox rows by status", async () => {
        await publishTo(store, [delivery("C1"), delivery("C2"), delivery("C3")]);
        const [one, two] = await store.claimDeliveries({
          instanceId: "A",
          limit: 2,
          now: at(0),
          leaseMs: 60_000,
        });
        await store.markDelivered(one?.id ?? "", { instanceId: "A", at: at(1) });
        await store.markFailed(two?.id ?? "", { instanceId: "A", at: at(1), error: "x" });
        expect(await store.outboxStats()).toEqual({ pending: 1, delivered: 1, failed: 1 });
      });

      it("lists outbox rows by snapshot, status and channel", async () => {
        const first = await publishTo(store, [delivery("C1"), delivery("C2")], { hash: "h1" });
        const second = await publishTo(store, [delivery("C3")], { hash: "h2" });
        const row = await claimOne();
        await store.markDelivered(row.id, { instanceId: "A", at: at(1) });
        const ids = async (query: Parameters<Store["listOutbox"]>[0]) =>
          (await store.listOutbox(query)).map((r) => r.id);
        expect(await ids({ snapshotId: second.snapshot.id })).toEqual([second.outbox[0]?.id]);
        expect(await ids({ status: "delivered" })).toEqual([first.outbox[0]?.id]);
        expect(await ids({ snapshotId: first.snapshot.id, status: "pending" })).toEqual([
          first.outbox[1]?.id,
        ]);
        expect(await ids({ channelId: "C3" })).toEqual([second.outbox[0]?.id]);
        expect(await ids({ limit: 1 })).toEqual([first.outbox[0]?.id]);
      });
    });

    describe("content versions", () => {
      const SFIA9 = { app: "1.4.0", frameworks: { sfia: "9", ddat: "2025-03" } };

      it("keeps the version a snapshot was published with", async () => {
        const { snapshot } = await publishTo(store, [], { version: SFIA9 });
        expect(snapshot.version).toEqual(SFIA9);
        expect((await store.latestSnapshot())?.version).toEqual(SFIA9);
      });

      it("writes nothing, and says so, when the knowledge is older than the published knowledge", async () => {
        const newer = await publishTo(store, [], { hash: "new", version: SFIA9 });
        const older = await store.publish({
          hash: "old",
          knowledge: {},
          changes: [{ type: "skill_removed", id: "PROG" }],
          previousSnapshotId: newer.snapshot.id,
          version: { app: "1.3.2", frameworks: { sfia: "9", ddat: "2025-03" } },
          deliveries: [delivery("C1")],
        });
        expect(older).toMatchObject({ published: false, reason: "older", latest: { id: newer.snapshot.id } });
        expect(await store.listOutbox()).toEqual([]);
        expect((await store.latestSnapshot())?.id).toBe(newer.snapshot.id);
      });

      it("refuses an older framework version at the same app version", async () => {
        const newer = await publishTo(store, [], { hash: "new", version: SFIA9 });
        const older = await store.publish({
          hash: "old",
          knowledge: {},
          changes: [],
          previousSnapshotId: newer.snapshot.id,
          version: { app: "1.4.0", frameworks: { sfia: "8" } },
          deliveries: [],
        });
        expect(older).toMatchObject({ published: false, reason: "older" });
      });

      it("publishes an edit at the same version, and a newer version", async () => {
        const first = await publishTo(store, [], { hash: "a", version: SFIA9 });
        const edit = await publishTo(store, [delivery("C1")], {
          hash: "b",
          previousSnapshotId: first.snapshot.id,
          version: SFIA9,
        });
        const upgrade = await publishTo(store, [], {
          hash: "c",
          previousSnapshotId: edit.snapshot.id,
          version: { app: "1.10.0", frameworks: { sfia: "10" } },
        });
        expect(upgrade.snapshot.version?.app).toBe("1.10.0");
      });

      it("lets a raised knowledge revision publish an older app version (a deliberate rollback)", async () => {
        const newer = await publishTo(store, [], { hash: "new", version: { revision: "41", ...SFIA9 } });
        const rollback = await store.publish({
          hash: "rolled-back",
          knowledge: {},
          changes: [],
          previousSnapshotId: newer.snapshot.id,
          version: { revision: "42", app: "1.3.0", frameworks: { sfia: "9" } },
          deliveries: [],
        });
        expect(rollback.published).toBe(true);
      });

      it("compares nothing with a snapshot stored without a version", async () => {
        const unversioned = await publishTo(store, [], { hash: "plain" });
        const versioned = await publishTo(store, [], {
          hash: "versioned",
          previousSnapshotId: unversioned.snapshot.id,
          version: { frameworks: { sfia: "1" } },
        });
        expect(versioned.published).toBe(true);
      });

      it("refuses a version that is not one", async () => {
        const bad = store.publish({
          hash: "h",
          knowledge: {},
          changes: [],
          previousSnapshotId: null,
          version: { frameworks: { sfia: "" } },
          deliveries: [],
        });
        expect(await codeOf(bad)).toBe("STORE_INVALID_INPUT");
      });
    });

    describe("remembering deliveries (redelivered events)", () => {
      it("is true the first time a key is remembered and false while it is remembered", async () => {
        expect(await store.rememberDelivery({ key: "event:Ev1", now: T0, ttlMs: 60_000 })).toBe(true);
        expect(await store.rememberDelivery({ key: "event:Ev1", now: at(59_999), ttlMs: 60_000 })).toBe(
          false,
        );
        expect(await store.rememberDelivery({ key: "event:Ev2", now: at(1), ttlMs: 60_000 })).toBe(true);
      });

      it("answers once across instances remembering the same key at once", async () => {
        const other = await open();
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? other : store).rememberDelivery({ key: "event:EvSame", now: T0, ttlMs: 60_000 }),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it("remembers a key again once it has expired", async () => {
        await store.rememberDelivery({ key: "event:Ev1", now: T0, ttlMs: 60_000 });
        expect(await store.rememberDelivery({ key: "event:Ev1", now: at(60_000), ttlMs: 60_000 })).toBe(true);
        expect(await store.rememberDelivery({ key: "event:Ev1", now: at(60_001), ttlMs: 60_000 })).toBe(
          false,
        );
      });

      it("refuses a time to live of zero", async () => {
        expect(await codeOf(store.rememberDelivery({ key: "k", now: T0, ttlMs: 0 }))).toBe(
          "STORE_INVALID_INPUT",
        );
      });
    });

    describe("pausing a channel across instances", () => {
      const claim = (by: string, now: Date, limit = 10) =>
        store.claimDeliveries({ instanceId: by, limit, now, leaseMs: 60_000 });

      it("gives nobody a channel's next row until the pause recorded with a delivery ends", async () => {
        await publishTo(store, [delivery("C1")]);
        await publishTo(store, [delivery("C1"), delivery("C2")]);
        const [first] = await claim("A", T0, 1);
        expect(first?.channelId).toBe("C1");
        await store.markDelivered(first?.id ?? "", {
          instanceId: "A",
          at: T0,
          channelPausedUntil: at(1_000),
        });
        expect((await claim("B", at(999))).map((row) => row.channelId)).toEqual(["C2"]);
        expect((await claim("B", at(1_000))).map((row) => row.channelId)).toEqual(["C1"]);
      });

      it("keeps the later end when a channel is paused twice", async () => {
        await publishTo(store, [delivery("C1")]);
        await publishTo(store, [delivery("C1")]);
        const [first] = await claim("A", T0);
        await store.scheduleRetry(first?.id ?? "", {
          instanceId: "A",
          at: at(30_000),
          error: "rate limited",
          channelPausedUntil: at(30_000),
        });
        const [again] = await claim("B", at(30_000));
        await store.markDelivered(again?.id ?? "", {
          instanceId: "B",
          at: at(30_000),
          channelPausedUntil: at(31_000),
        });
        expect(await store.listChannelPauses(at(30_000))).toEqual([
          { teamId: "T1", channelId: "C1", until: at(31_000) },
        ]);
        expect(await store.listChannelPauses(at(31_000))).toEqual([]);
      });

      it("pauses nothing when the row was no longer the caller's", async () => {
        const { outbox } = await publishTo(store, [delivery("C1")]);
        await claim("A", T0);
        const late = await store.scheduleRetry(outbox[0]?.id ?? "", {
          instanceId: "B",
          at: at(5_000),
          error: "x",
          channelPausedUntil: at(5_000),
        });
        expect(late).toBe(false);
        expect(await store.listChannelPauses(T0)).toEqual([]);
      });
    });

    describe("pruning after the retention period", () => {
      const DAY = 24 * 60 * 60 * 1000;
      const prune = (now: Date, keepSnapshots = 1) =>
        store.prune({ now, retentionMs: 30 * DAY, keepSnapshots });

      const deliverAll = async (when: Date) => {
        for (const row of await store.claimDeliveries({
          instanceId: "A",
          limit: 100,
          now: when,
          leaseMs: 60_000,
        })) {
          await store.markDelivered(row.id, { instanceId: "A", at: when });
        }
      };

      it("removes delivered rows and their snapshots once past retention, keeping the latest snapshot", async () => {
        const old = await publishTo(store, [delivery("C1")], { at: T0 });
        await deliverAll(T0);
        const latest = await publishTo(store, [delivery("C2")], { at: at(DAY) });
        await deliverAll(at(DAY));

        const result = await prune(at(40 * DAY));
        expect(result).toMatchObject({ outbox: 2, snapshots: 1 });
        expect(await store.getSnapshot(old.snapshot.id)).toBeUndefined();
        expect((await store.latestSnapshot())?.id).toBe(latest.snapshot.id);
        expect(await store.listOutbox()).toEqual([]);
      });

      it("keeps rows and snapshots younger than the retention period, for the Details button", async () => {
        const recent = await publishTo(store, [delivery("C1")], { at: at(20 * DAY) });
        await deliverAll(at(20 * DAY));
        await publishTo(store, [], { at: at(21 * DAY) });
        expect(await prune(at(40 * DAY))).toMatchObject({ outbox: 0, snapshots: 0 });
        expect(await store.getSnapshot(recent.snapshot.id)).toBeDefined();
        expect(await store.listOutbox()).toHaveLength(1);
      });

      it("never removes a pending row, nor the snapshot it refers to", async () => {
        const waiting = await publishTo(store, [delivery("C1")], { at: T0 });
        await publishTo(store, [], { at: at(DAY) });
        expect(await prune(at(400 * DAY))).toMatchObject({ outbox: 0, snapshots: 0 });
        expect(await store.getSnapshot(waiting.snapshot.id)).toBeDefined();
        expect(await store.outboxStats()).toMatchObject({ pending: 1 });
      });

      it("keeps the newest snapshots it is asked to keep, whatever their age", async () => {
        const first = await publishTo(store, [], { at: T0 });
        const second = await publishTo(store, [], { at: at(1) });
        const third = await publishTo(store, [], { at: at(2) });
        expect(await prune(at(400 * DAY), 2)).toMatchObject({ snapshots: 1 });
        expect(await store.getSnapshot(first.snapshot.id)).toBeUndefined();
        expect(await store.getSnapshot(second.snapshot.id)).toBeDefined();
        expect(await store.getSnapshot(third.snapshot.id)).toBeDefined();
      });

      it("forgets expired delivery keys and ended channel pauses", async () => {
        await store.rememberDelivery({ key: "event:old", now: T0, ttlMs: 1_000 });
        await store.rememberDelivery({ key: "event:live", now: T0, ttlMs: 60_000 });
        const { outbox } = await publishTo(store, [delivery("C1")]);
        await store.claimDeliveries({ instanceId: "A", limit: 1, now: T0, leaseMs: 60_000 });
        await store.markDelivered(outbox[0]?.id ?? "", {
          instanceId: "A",
          at: T0,
          channelPausedUntil: at(1),
        });
        expect(await prune(at(1_000))).toMatchObject({ dedupeKeys: 1, channelPauses: 1 });
        expect(await store.rememberDelivery({ key: "event:live", now: at(1_000), ttlMs: 60_000 })).toBe(
          false,
        );
      });

      it("refuses to keep no snapshot at all", async () => {
        expect(await codeOf(store.prune({ now: T0, retentionMs: DAY, keepSnapshots: 0 }))).toBe(
          "STORE_INVALID_INPUT",
        );
      });
    });

    describe("installations", () => {
      const installation = { team: { id: "T1" }, bot: { token: "xoxb-test", userId: "UBOT" } };

      it("fetches what was saved", async () => {
        await store.saveInstallation("T1", installation);
        expect(await store.fetchInstallation("T1")).toEqual(installation);
      });

      it("replaces an installation saved again under the same key", async () => {
        await store.saveInstallation("T1", installation);
        await store.saveInstallation("T1", { ...installation, bot: { token: "xoxb-new" } });
        expect(await store.fetchInstallation("T1")).toMatchObject({ bot: { token: "xoxb-new" } });
      });

      it("returns undefined for an unknown key", async () => {
        expect(await store.fetchInstallation("T404")).toBeUndefined();
      });

      it("deletes an installation", async () => {
        await store.saveInstallation("T1", installation);
        expect(await store.deleteInstallation("T1")).toBe(true);
        expect(await store.fetchInstallation("T1")).toBeUndefined();
        expect(await store.deleteInstallation("T1")).toBe(false);
      });

      it("links workspaces to an org-wide installation, and finds them either way", async () => {
        await store.saveInstallation("E1", { enterprise: { id: "E1" }, isEnterpriseInstall: true });
        await store.linkTeam("T2", "E1", at(1));
        await store.linkTeam("T1", "E1", at(2));
        await store.linkTeam("T1", "E1", at(3));
        expect(await store.linkedInstallation("T1")).toBe("E1");
        expect(await store.linkedInstallation("T9")).toBeUndefined();
        expect(await store.linkedTeams("E1")).toEqual(["T1", "T2"]);
      });

      it("moves a workspace linked again to another installation", async () => {
        await store.linkTeam("T1", "E1");
        await store.linkTeam("T1", "E2");
        expect(await store.linkedInstallation("T1")).toBe("E2");
        expect(await store.linkedTeams("E1")).toEqual([]);
      });

      it("forgets an installation's workspaces when it is deleted", async () => {
        await store.saveInstallation("E1", { enterprise: { id: "E1" }, isEnterpriseInstall: true });
        await store.linkTeam("T1", "E1");
        await store.linkTeam("T3", "E3");
        await store.deleteInstallation("E1");
        expect(await store.linkedInstallation("T1")).toBeUndefined();
        expect(await store.linkedTeams("E3")).toEqual(["T3"]);
      });
    });

    describe("answers and votes", () => {
      it("reads back an answer as it was recorded, question text included", async () => {
        await store.recordAnswer(answerRecord("A1", { questionText: "what is ITMG 5" }));
        expect(await store.getAnswer("A1")).toEqual({
          ...answerRecord("A1"),
          questionText: "what is ITMG 5",
        });
        expect(await store.getAnswer("A404")).toBeUndefined();
      });

      it("leaves out what an answer does not have", async () => {
        const bare = answerRecord("A1", {
          outcome: "not_found",
          intent: "not_found",
          subjects: [],
          nearestSubject: undefined,
          nearestSubjectName: undefined,
          knowledgeFile: undefined,
        });
        await store.recordAnswer(bare);
        const read = await store.getAnswer("A1");
        expect(read).toEqual({
          id: "A1",
          teamId: "T1",
          surface: "command",
          askedAt: T0,
          intent: "not_found",
          outcome: "not_found",
          subjects: [],
          knowledgeVersion: "hash-1",
          questionKey: "key-A1",
        });
      });

      it("refuses a second answer with the same id, and an unknown outcome", async () => {
        await store.recordAnswer(answerRecord("A1"));
        expect(await codeOf(store.recordAnswer(answerRecord("A1")))).toBe("STORE_QUERY_FAILED");
        expect(await codeOf(store.recordAnswer(answerRecord("A2", { outcome: "great" as "answered" })))).toBe(
          "STORE_INVALID_INPUT",
        );
      });

      it("records a vote with the answer's intent, subjects and knowledge version, and the time", async () => {
        await store.recordAnswer(answerRecord("A1"));
        const result = await store.castVote({ answerId: "A1", voter: "V1", vote: "helpful", at: at(5) });
        expect(result).toMatchObject({ status: "recorded", vote: "helpful", answer: { id: "A1" } });
        expect(await store.getVote("A1", "V1")).toEqual({
          answerId: "A1",
          voter: "V1",
          vote: "helpful",
          intent: "level",
          subjects: ["skill:sfia:ITMG"],
          knowledgeVersion: "hash-1",
          votedAt: at(5),
        });
      });

      it("changes a vote, then refuses the same vote again without changing anything", async () => {
        await store.recordAnswer(answerRecord("A1"));
        await store.castVote({ answerId: "A1", voter: "V1", vote: "helpful", at: at(1) });
        expect(
          await store.castVote({ answerId: "A1", voter: "V1", vote: "not_helpful", at: at(2) }),
        ).toMatchObject({ status: "changed", vote: "not_helpful", previous: "helpful" });
        expect(
          await store.castVote({ answerId: "A1", voter: "V1", vote: "not_helpful", at: at(3) }),
        ).toMatchObject({ status: "repeated", vote: "not_helpful" });
        expect(await store.getVote("A1", "V1")).toMatchObject({
          vote: "not_helpful",
          votedAt: at(1),
          changedAt: at(2),
        });
      });

      it("keeps each voter's vote apart", async () => {
        await store.recordAnswer(answerRecord("A1"));
        await store.castVote({ answerId: "A1", voter: "V1", vote: "helpful" });
        expect(await store.castVote({ answerId: "A1", voter: "V2", vote: "helpful" })).toMatchObject({
          status: "recorded",
        });
      });

      it("says so when the answer voted on is unknown", async () => {
        expect(await store.castVote({ answerId: "A404", voter: "V1", vote: "helpful" })).toEqual({
          status: "unknown_answer",
        });
      });

      it("records one first vote when the same press arrives twice at once", async () => {
        await store.recordAnswer(answerRecord("A1"));
        const second = await open();
        const results = await Promise.all([
          store.castVote({ answerId: "A1", voter: "V1", vote: "helpful" }),
          second.castVote({ answerId: "A1", voter: "V1", vote: "helpful" }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(["recorded", "repeated"]);
      });

      it("lists gaps and not-helpful answers since a time, newest first, with their vote counts", async () => {
        await store.recordAnswer(answerRecord("OLD", { outcome: "not_found", askedAt: at(-10) }));
        await store.recordAnswer(answerRecord("GOOD", { askedAt: at(1) }));
        await store.recordAnswer(answerRecord("MISS", { outcome: "not_found", askedAt: at(2) }));
        await store.recordAnswer(answerRecord("WEAK", { outcome: "weak_search", askedAt: at(3) }));
        await store.recordAnswer(answerRecord("BAD", { askedAt: at(4) }));
        await store.recordAnswer(
          answerRecord("OTHER", { outcome: "not_found", teamId: "T2", askedAt: at(5) }),
        );
        await store.castVote({ answerId: "GOOD", voter: "V1", vote: "helpful" });
        await store.castVote({ answerId: "BAD", voter: "V1", vote: "not_helpful" });
        await store.castVote({ answerId: "BAD", voter: "V2", vote: "not_helpful" });
        await store.castVote({ answerId: "BAD", voter: "V3", vote: "helpful" });

        const listed = await store.listAnswerFeedback({ since: T0, teamId: "T1" });
        expect(listed.map((f) => [f.answer.id, f.helpful, f.notHelpful])).toEqual([
          ["BAD", 1, 2],
          ["WEAK", 0, 0],
          ["MISS", 0, 0],
        ]);
        expect((await store.listAnswerFeedback({ since: T0 })).map((f) => f.answer.id)).toEqual([
          "OTHER",
          "BAD",
          "WEAK",
          "MISS",
        ]);
        expect((await store.listAnswerFeedback({ since: T0, limit: 1 })).map((f) => f.answer.id)).toEqual([
          "OTHER",
        ]);
      });

      it("forgets the words of questions asked before a time, and keeps the rest of the answer", async () => {
        await store.recordAnswer(answerRecord("A1", { questionText: "old words", askedAt: at(-1) }));
        await store.recordAnswer(answerRecord("A2", { questionText: "new words", askedAt: at(1) }));
        await store.castVote({ answerId: "A1", voter: "V1", vote: "not_helpful" });
        expect(await store.forgetQuestionsBefore(T0)).toBe(1);
        expect(await store.getAnswer("A1")).toEqual(answerRecord("A1", { askedAt: at(-1) }));
        expect((await store.getAnswer("A2"))?.questionText).toBe("new words");
        expect(await store.getVote("A1", "V1")).toMatchObject({ vote: "not_helpful" });
        expect(await store.forgetQuestionsBefore(T0)).toBe(0);
      });
    });

    describe("switching a team off", () => {
      const subscribe = (teamId: string, channelId: string) =>
        store.addSubscription({ teamId, channelId, filter: SKILL_PROG, createdBy: "U1", at: T0 });

      it("disables every subscription of the team, in each channel, with the reason", async () => {
        await subscribe("T1", "C1");
        await subscribe("T1", "C2");
        await subscribe("T2", "C1");
        expect(await store.switchOffTeam("T1", "app uninstalled", at(5))).toMatchObject({ subscriptions: 2 });
        expect(await store.listSubscriptions({ teamId: "T1" })).toEqual([]);
        const off = await store.listSubscriptions({ teamId: "T1", includeDisabled: true });
        off.sort((a, b) => a.channelId.localeCompare(b.channelId));
        expect(off.map((s) => [s.channelId, s.disabledReason, s.disabledAt])).toEqual([
          ["C1", "app uninstalled", at(5)],
          ["C2", "app uninstalled", at(5)],
        ]);
        expect(await store.listSubscriptions({ teamId: "T2" })).toHaveLength(1);
      });

      it("gives up the team's pending rows, leased or not, and leaves finished rows and other teams alone", async () => {
        const other: Delivery = { ...delivery("C9"), teamId: "T2" };
        const first = await publishTo(store, [delivery("C1"), other]);
        const [done] = await store.claimDeliveries({
          instanceId: "A",
          limit: 1,
          now: at(0),
          leaseMs: 60_000,
        });
        if (!done) throw new Error("nothing to claim");
        await store.markDelivered(done.id, { instanceId: "A", at: at(1) });
        await publishTo(store, [delivery("C1"), delivery("C2")]);
        const [leased] = await store.claimDeliveries({
          instanceId: "A",
          limit: 5,
          now: at(2),
          leaseMs: 60_000,
          excludeChannels: ["C9"],
        });
        expect(leased?.teamId).toBe("T1");

        expect(await store.switchOffTeam("T1", "app uninstalled", at(5))).toEqual({
          subscriptions: 0,
          deliveries: 2,
        });
        const t1 = await store.listOutbox({ teamId: "T1" });
        expect(t1.map((row) => [row.status, row.lastError])).toEqual([
          ["delivered", undefined],
          ["failed", "app uninstalled"],
          ["failed", "app uninstalled"],
        ]);
        expect(t1[2]?.failedAt).toEqual(at(5));
        expect(t1.every((row) => row.leasedBy === undefined)).toBe(true);
        // A worker holding a dropped row's lease cannot record it as delivered afterwards.
        if (leased) expect(await store.markDelivered(leased.id, { instanceId: "A", at: at(6) })).toBe(false);
        expect(await store.listOutbox({ teamId: "T2", status: "pending" })).toEqual([
          expect.objectContaining({ id: first.outbox.find((row) => row.teamId === "T2")?.id }),
        ]);
      });

      it("changes nothing the second time (app_uninstalled and tokens_revoked both arrive)", async () => {
        await subscribe("T1", "C1");
        await publishTo(store, [delivery("C1")]);
        await store.switchOffTeam("T1", "app uninstalled", at(5));
        expect(await store.switchOffTeam("T1", "tokens revoked", at(6))).toEqual({
          subscriptions: 0,
          deliveries: 0,
        });
        const [subscription] = await store.listSubscriptions({ teamId: "T1", includeDisabled: true });
        expect(subscription?.disabledReason).toBe("app uninstalled");
      });
    });

    describe("profiles", () => {
      const ROLE_LEVEL: Standing = {
        kind: "role_level",
        roleId: "it-service-manager",
        roleLevelId: "senior-it-service-manager",
        name: "Senior IT service manager",
      };
      const SKILLS: Standing = {
        kind: "skills",
        skills: [
          { skillId: "sfia:ITMG", level: 5, name: "IT management (ITMG)" },
          { skillId: "sfia:PROG", level: 3, name: "Programming/software development (PROG)" },
        ],
      };

      it("returns undefined for a person with no profile", async () => {
        expect(await store.getProfile("T1", "U1")).toBeUndefined();
      });

      it("gets back a role level as it was set, with when", async () => {
        const set = await store.setProfile({ teamId: "T1", userId: "U1", standing: ROLE_LEVEL, at: T0 });
        expect(set).toEqual({ teamId: "T1", userId: "U1", standing: ROLE_LEVEL, updatedAt: T0 });
        expect(await store.getProfile("T1", "U1")).toEqual(set);
      });

      it("replaces a role level with skills at levels, and moves updatedAt on", async () => {
        await store.setProfile({ teamId: "T1", userId: "U1", standing: ROLE_LEVEL, at: T0 });
        await store.setProfile({ teamId: "T1", userId: "U1", standing: SKILLS, at: at(1_000) });
        expect(await store.getProfile("T1", "U1")).toEqual({
          teamId: "T1",
          userId: "U1",
          standing: SKILLS,
          updatedAt: at(1_000),
        });
      });

      it("keeps each person's profile apart, within and across workspaces", async () => {
        await store.setProfile({ teamId: "T1", userId: "U1", standing: ROLE_LEVEL, at: T0 });
        await store.setProfile({ teamId: "T1", userId: "U2", standing: SKILLS, at: T0 });
        await store.setProfile({ teamId: "T2", userId: "U1", standing: SKILLS, at: T0 });
        expect((await store.getProfile("T1", "U1"))?.standing).toEqual(ROLE_LEVEL);
        expect((await store.getProfile("T1", "U2"))?.standing).toEqual(SKILLS);
        expect((await store.getProfile("T2", "U1"))?.standing).toEqual(SKILLS);
      });

      it("clears only the person's own profile, and says whether there was one", async () => {
        await store.setProfile({ teamId: "T1", userId: "U1", standing: ROLE_LEVEL });
        await store.setProfile({ teamId: "T1", userId: "U2", standing: SKILLS });
        expect(await store.clearProfile("T1", "U1")).toBe(true);
        expect(await store.getProfile("T1", "U1")).toBeUndefined();
        expect(await store.clearProfile("T1", "U1")).toBe(false);
        expect((await store.getProfile("T1", "U2"))?.standing).toEqual(SKILLS);
      });

      it("refuses a standing that is not one, and stores nothing", async () => {
        const bad = { kind: "skills", skills: [] } as unknown as typeof SKILLS;
        expect(await codeOf(store.setProfile({ teamId: "T1", userId: "U1", standing: bad }))).toBe(
          "STORE_INVALID_INPUT",
        );
        expect(await store.getProfile("T1", "U1")).toBeUndefined();
      });

      it("refuses an empty user id", async () => {
        expect(await codeOf(store.setProfile({ teamId: "T1", userId: "", standing: SKILLS }))).toBe(
          "STORE_INVALID_INPUT",
        );
      });
    });

    describe("knowledge reviews", () => {
      const reminder = (
        scopes: string[],
        when: Date,
        notRemindedSince = new Date(when.getTime() - 30 * 86_400_000),
      ) => ({
        owner: "U0OWNER",
        teamId: "reviews",
        scopes: scopes.map((scope) => ({ scope, notRemindedSince })),
        payload: { format: "review_due", scopes },
        at: when,
      });

      it("records who said a scope is still correct, and when; a later review replaces it", async () => {
        await store.recordReview({ scope: "file:raci.yaml", reviewedBy: "U1", at: T0 });
        await store.recordReview({ scope: "file:raci.yaml", reviewedBy: "U2", at: at(1000) });
        expect(await store.listReviews()).toEqual([
          { scope: "file:raci.yaml", reviewedAt: at(1000), reviewedBy: "U2" },
        ]);
      });

      it("queues a reminder as an outbox row for the owner on the latest snapshot, and marks its scopes", async () => {
        const { snapshot } = await publishTo(store, []);
        const row = await store.queueReviewReminder(reminder(["file:raci.yaml", "source:sfia"], at(5)));
        expect(row).toMatchObject({
          snapshotId: snapshot.id,
          teamId: "reviews",
          channelId: "U0OWNER",
          subscriptionIds: [],
          payload: { format: "review_due", scopes: ["file:raci.yaml", "source:sfia"] },
          status: "pending",
          nextAttemptAt: at(5),
        });
        expect(await store.listOutbox()).toEqual([row]);
        expect(await store.listReviews()).toEqual([
          { scope: "file:raci.yaml", remindedAt: at(5) },
          { scope: "source:sfia", remindedAt: at(5) },
        ]);
      });

      it("refuses a second reminder within the interval and writes nothing, but allows one after it", async () => {
        await publishTo(store, []);
        expect(await store.queueReviewReminder(reminder(["file:raci.yaml"], at(0)))).toBeDefined();
        const day = 86_400_000;
        expect(
          await store.queueReviewReminder(reminder(["file:raci.yaml", "source:x"], at(29 * day))),
        ).toBeUndefined();
        expect(await store.listOutbox()).toHaveLength(1);
        expect((await store.listReviews()).map((r) => r.scope)).toEqual(["file:raci.yaml"]);
        expect(await store.queueReviewReminder(reminder(["file:raci.yaml"], at(31 * day)))).toBeDefined();
        expect(await store.listOutbox()).toHaveLength(2);
      });

      it("queues nothing before anything was published", async () => {
        expect(await store.queueReviewReminder(reminder(["file:raci.yaml"], T0))).toBeUndefined();
        expect(await store.listReviews()).toEqual([]);
      });

      it("keeps reviews and reminders across closing and reopening", async () => {
        await publishTo(store, []);
        await store.recordReview({ scope: "file:raci.yaml", reviewedBy: "U1", at: T0 });
        await store.queueReviewReminder(reminder(["source:sfia"], at(1)));
        const before = await store.listReviews();
        await store.close();
        const reopened = await open();
        expect(await reopened.listReviews()).toEqual(before);
        expect(await reopened.queueReviewReminder(reminder(["source:sfia"], at(2)))).toBeUndefined();
        store = reopened;
      });
    });

    describe("restart", () => {
      it("keeps every kind of state across closing and reopening", async () => {
        await store.addSubscription({
          teamId: "T1",
          channelId: "C1",
          filter: SKILL_PROG,
          createdBy: "U1",
          at: T0,
        });
        await store.addSubscription({
          teamId: "T1",
          channelId: "C2",
          filter: ROLE_DEV,
          createdBy: "U1",
          at: at(1),
        });
        await store.disableSubscriptions("T1", "C2", "archived", at(2));
        await publishTo(store, [delivery("C1"), delivery("C2")], { hash: "h1" });
        const [leased] = await store.claimDeliveries({
          instanceId: "A",
          limit: 1,
          now: at(3),
          leaseMs: 60_000,
        });
        await store.saveInstallation("T1", { bot: { token: "xoxb-test" } });
        await store.setProfile({
          teamId: "T1",
          userId: "U1",
          standing: { kind: "skills", skills: [{ skillId: "sfia:ITMG", level: 5, name: "ITMG" }] },
          at: T0,
        });
        const before = {
          subscriptions: await store.listSubscriptions({ includeDisabled: true }),
          snapshot: await store.latestSnapshot(),
          outbox: await store.listOutbox(),
          installation: await store.fetchInstallation("T1"),
          profile: await store.getProfile("T1", "U1"),
        };
        await store.close();

        const reopened = await open();
        expect((await reopened.migrate()).applied).toEqual([]);
        expect({
          subscriptions: await reopened.listSubscriptions({ includeDisabled: true }),
          snapshot: await reopened.latestSnapshot(),
          outbox: await reopened.listOutbox(),
          installation: await reopened.fetchInstallation("T1"),
          profile: await reopened.getProfile("T1", "U1"),
        }).toEqual(before);
        expect(before.outbox[0]).toMatchObject({ id: leased?.id, leasedBy: "A" });
        expect(before.subscriptions).toHaveLength(2);
      });

      it("refuses calls after close with STORE_CLOSED", async () => {
        await store.close();
        expect(await codeOf(store.listSubscriptions())).toBe("STORE_CLOSED");
      });
    });
  });
}
