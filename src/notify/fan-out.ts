// Which channels hear about which changes: for each channel, the changes any of its subscriptions match,
// as one delivery (one message) naming the subscriptions that matched.
import { type Change, matchesSubscription } from "../core/changes/index.ts";
import type { Delivery, Subscription } from "../store/types.ts";
import { renderChangeMessage } from "./message.ts";
import { toPayload } from "./payload.ts";

export interface FanOutInput {
  changes: readonly Change[];
  /** active subscriptions, oldest first */
  subscriptions: readonly Subscription[];
  snapshotId: string;
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
    const matched = new Set<Subscription>();
    const changes = input.changes.filter((change) => {
      let any = false;
      for (const subscription of subscriptions) {
        if (matchesSubscription(change, subscription.filter)) {
          matched.add(subscription);
          any = true;
        }
      }
      return any;
    });
    const [first] = subscriptions;
    if (changes.length === 0 || !first) continue;
    const following = [...matched];
    const message = renderChangeMessage({
      changes,
      snapshotId: input.snapshotId,
      ...(input.frameworkNames ? { frameworkNames: input.frameworkNames } : {}),
      following: following.map((s) => s.filter),
    });
    deliveries.push({
      teamId: first.teamId,
      channelId: first.channelId,
      subscriptionIds: following.map((s) => s.id),
      payload: toPayload(message),
      changes,
    });
  }
  return deliveries;
}
