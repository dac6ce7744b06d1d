// The rules for subscribing a channel, in one place: a filter the channel already follows is kept as it
// is, one switched off is switched back on, and a new one is refused once the channel has as many
// subscriptions as it may. Both stores apply them inside their transaction; the /role subscribe listener
// applies them first too, so it can say no before announcing anything in the channel.
import { StoreError } from "./errors.ts";
import { STORE_LIMITS } from "./input.ts";
import type { SubscriptionFilter } from "./types.ts";

export type SubscribePlan<T> =
  | { action: "keep"; existing: T }
  | { action: "reenable"; existing: T }
  | { action: "refuse"; count: number; max: number }
  | { action: "insert" };

/** The same identity as stored: kind and id, exactly (the UNIQUE key of the subscriptions table). */
export function sameStoredFilter(a: SubscriptionFilter, b: SubscriptionFilter): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === "all" || b.kind === "all" || a.id === b.id;
}

/**
 * What subscribing to `filter` does, given every subscription the channel has (switched-off ones too).
 * `same` says which existing one is this filter; the store compares exactly, a listener may be kinder.
 */
export function planSubscribe<T extends { filter: SubscriptionFilter; disabledAt?: Date | undefined }>(
  channel: readonly T[],
  filter: SubscriptionFilter,
  same: (a: SubscriptionFilter, b: SubscriptionFilter) => boolean = sameStoredFilter,
): SubscribePlan<T> {
  const existing = channel.find((subscription) => same(subscription.filter, filter));
  if (existing) return existing.disabledAt ? { action: "reenable", existing } : { action: "keep", existing };
  const max = STORE_LIMITS.maxSubscriptionsPerChannel;
  if (channel.length >= max) return { action: "refuse", count: channel.length, max };
  return { action: "insert" };
}

/** What a store throws for a refused plan. */
export function subscriptionLimitError(channelId: string, plan: { count: number; max: number }): StoreError {
  return new StoreError(
    "STORE_LIMIT_EXCEEDED",
    `Channel ${channelId} already has ${plan.count} subscriptions; the limit is ${plan.max}`,
  );
}
