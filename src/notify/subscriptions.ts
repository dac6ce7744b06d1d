// The channels a person's subscriptions post to, for the App Home's "Your subscriptions".
import type { Store } from "../store/types.ts";

/** Active subscriptions only, each channel once, oldest subscription first. */
export async function subscriptionChannelsOf(
  store: Pick<Store, "listSubscriptions">,
  userId: string,
): Promise<string[]> {
  const subscriptions = await store.listSubscriptions({ createdBy: userId });
  return [...new Set(subscriptions.map((s) => s.channelId))];
}
