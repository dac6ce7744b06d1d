// The channels a person's subscriptions post to, for the App Home's "Your subscriptions".
import type { Store } from "../store/types.ts";

/** Active subscriptions only, each channel once, sorted by channel id. */
export async function subscriptionChannelsOf(
  store: Pick<Store, "listSubscriptions">,
  userId: string,
): Promise<string[]> {
  const subscriptions = await store.listSubscriptions({ createdBy: userId });
  // Sorted, so App Home lists them in the same order every time: subscriptions made within the same
  // millisecond have no order of their own.
  return [...new Set(subscriptions.map((s) => s.channelId))].sort();
}
