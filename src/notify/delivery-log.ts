// One log line per posted update, and one when the worker has nothing left to do after working, so an
// operator (and an end-to-end test) can see a publish reach every channel and then stop.

import type { Logger } from "../log.ts";
import type { DeliveryEvent } from "./delivery.ts";

export const DELIVERY_IDLE_MESSAGE = "delivery worker idle: nothing is due";

/** The worker's onEvent. Retries and failures are logged by the worker itself. */
export function createDeliveryEventLogger(logger: Logger): (event: DeliveryEvent) => void {
  let worked = false;
  let pacedBefore = 0;
  return (event) => {
    if (event.type === "delivered") {
      logger.info("posted a framework update", {
        channel: event.row.channelId,
        snapshot: event.row.snapshotId,
        row: event.row.id,
      });
    }
    if (event.type !== "idle") {
      worked = true;
      return;
    }
    // Channels just posted to are paced, so rows for them may still wait: say so again once they are not.
    const paced = event.pacedChannels.length;
    if (worked || (pacedBefore > 0 && paced === 0)) logger.info(DELIVERY_IDLE_MESSAGE, { paced });
    worked = false;
    pacedBefore = paced;
  };
}
