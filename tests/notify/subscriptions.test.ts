import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { subscriptionChannelsOf } from "../../src/notify/subscriptions.ts";
import { openTempSqlite, type TempSqlite } from "../support/stores.ts";

let db: TempSqlite;

beforeEach(async () => {
  db = await openTempSqlite();
  const add = (channelId: string, createdBy: string, id: string) =>
    db.store.addSubscription({
      teamId: "T0TEAM",
      channelId,
      filter: { kind: "skill", id, label: id },
      createdBy,
    });
  await add("C0ONE", "U0ALICE", "sfia:ITMG");
  await add("C0ONE", "U0ALICE", "sfia:CHMG");
  await add("C0TWO", "U0ALICE", "sfia:ITMG");
  await add("C0GONE", "U0ALICE", "sfia:ITMG");
  await add("C0BOB", "U0BOB", "sfia:ITMG");
  await db.store.disableSubscriptions("T0TEAM", "C0GONE", "is_archived");
});

afterEach(() => db.destroy());

describe("the channels a person's subscriptions post to", () => {
  it("lists each active channel once, and no one else's", async () => {
    expect(await subscriptionChannelsOf(db.store, "U0ALICE")).toEqual(["C0ONE", "C0TWO"]);
  });
});
