// Puts notifications in the outbox the way a publish does: each channel subscribed (to everything, by
// U0SUBSCRIBER) and one notice per channel; and the Slack message a stored row is posted as.
import { randomUUID } from "node:crypto";
import { type Change, noticeFor, parseNotice, toNoticePayload } from "../../src/core/changes/index.ts";
import { renderChangeNotice, type SlackMessage } from "../../src/slack/updates/message.ts";
import type { OutboxRow, Store } from "../../src/store/types.ts";

export const TEAM_ID = "T0TEAM";
export const SUBSCRIBER = "U0SUBSCRIBER";

export function renameChange(n: number): Change {
  return {
    type: "skill_renamed",
    kind: "skill",
    id: "sfia:ITMG",
    name: `Name ${n}`,
    framework: "sfia",
    before: `Name ${n - 1}`,
    after: `Name ${n}`,
    summary: `ITMG renamed from Name ${n - 1} to Name ${n}`,
  };
}

let updates = 0;

/** One publish with a row for each channel; rows are due from `at`. */
export async function seedUpdate(
  store: Store,
  channels: readonly string[],
  at = new Date(),
): Promise<OutboxRow[]> {
  updates++;
  const changes = [renameChange(updates)];
  const snapshotId = randomUUID();
  const deliveries = [];
  for (const channelId of channels) {
    const { subscription } = await store.addSubscription({
      teamId: TEAM_ID,
      channelId,
      filter: { kind: "all" },
      createdBy: SUBSCRIBER,
    });
    const notice = noticeFor(changes, [subscription.filter], {});
    deliveries.push({
      teamId: TEAM_ID,
      channelId,
      subscriptionIds: [subscription.id],
      payload: notice && toNoticePayload(notice),
    });
  }
  const latest = await store.latestSnapshot();
  const result = await store.publish({
    snapshotId,
    hash: `hash-${snapshotId}`,
    knowledge: {},
    changes,
    previousSnapshotId: latest?.id ?? null,
    deliveries,
    at,
  });
  if (!result.published) throw new Error(`seeding failed: ${result.reason}`);
  return result.outbox;
}

/** A clock the test moves by hand. */
export function manualClock(start: Date) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** The Slack message the delivery worker posts for a stored row. */
export function messageOf(row: OutboxRow | undefined): SlackMessage {
  if (!row) throw new Error("no outbox row");
  return renderChangeNotice(row.snapshotId, parseNotice(row.payload));
}
