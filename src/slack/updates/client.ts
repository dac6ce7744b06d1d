// The Web API client the delivery worker posts with. The outbox owns retrying, so the client does not
// retry and reports a 429 at once (with Retry-After) instead of pausing every other call behind it.
import { LogLevel, webApi } from "@slack/bolt";
import { DELIVERY_DEFAULTS } from "../../notify/delivery.ts";

export interface DeliveryClientOptions {
  /** the bot token (xoxb-…); left out when each call names its workspace's token (OAuth) */
  token?: string;
  /** Web API base URL ending in /; defaults to Slack's */
  apiUrl?: string;
  /** keep below the worker's leaseMs */
  timeoutMs?: number;
  /** what the client calls Slack with; see ../observed-fetch.ts */
  fetch?: typeof fetch;
}

export function createDeliveryClient(options: DeliveryClientOptions): webApi.WebClient {
  return new webApi.WebClient(options.token, {
    slackApiUrl: options.apiUrl ?? "https://slack.com/api/",
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? DELIVERY_DEFAULTS.clientTimeoutMs,
    // Failures reach the worker as errors and are logged there, through the redacting logger.
    logLevel: LogLevel.ERROR,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
