// Which channels hear about which changes: for each channel, the changes any of its subscriptions match,
// as one delivery (one message) naming the subscriptions that matched. The outbox row holds the notice as
// plain data; the adapter that delivers it renders it.
import { type Change, noticeFor, toNoticePayload } from "../core/changes/index.ts";
import type { Delivery, Subscription } from "../store/types.ts";

export interface FanOutInput {
  changes: readonly Change[];
  /** active subscriptions, oldest first */
  subscriptions: readonly Subscription[];
  frameworkNames?: ReadonlyMap<string, string>;
}

export interface PlannedDelivery extends Delivery {
  /** the union of the changes the channel's subscriptions matched, in diff order */
  changes: Change[];
}

export function planDeliveries(input: FanOutInput): PlannedDelivery[] {
  if (input.changes.length === 0) return [];
  const channels = new Map<string, Subscription[]>();
  for (const subscription of input.subscriptions) {
    if (subscription.disabledAt) continue;
    const key = `${subscription.teamId}\u0000${subscription.channelId}`;
    const list = channels.get(key) ?? [];
    list.push(subscription);
    channels.set(key, list);
  }

  const deliveries: PlannedDelivery[] = [];
  for (const subscriptions of channels.values()) {
    const [first] = subscriptions;
    const notice = noticeFor(
      input.changes,
      subscriptions.map((s) => s.filter),
      input.frameworkNames ?? new Map(),
    );
    if (!notice || !first) continue;
    deliveries.push({
      teamId: first.teamId,
      channelId: first.channelId,
      subscriptionIds: notice.matched.flatMap((i) => subscriptions[i]?.id ?? []),
      payload: toNoticePayload(notice),
      changes: notice.changes,
    });
  }
  return deliveries;
}
