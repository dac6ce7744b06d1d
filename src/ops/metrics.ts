// Every Prometheus metric Rolecall exports, in one registry per running bot. The adapters and main.ts feed
// it through the plain methods below, so nothing outside this file knows prom-client, and the core not at all.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface OutboxCounts {
  pending: number;
  failed: number;
}

export interface Metrics {
  /** one answer given through Slack, with how long ask() took */
  answered(intent: string, seconds: number): void;
  /** a Web API call that failed: its method (chat.postMessage) and Slack's error or the HTTP failure */
  slackApiError(method: string, code: string): void;
  /** a redelivered event that was not answered again */
  eventDeduplicated(): void;
  /** an update posted, lagSeconds after it was queued */
  delivered(lagSeconds: number): void;
  /** how a publish ended: published, unchanged, invalid, conflict, older, failed or rejected */
  published(outcome: string): void;
  /** what the outbox gauges read at each scrape */
  watchOutbox(read: () => Promise<OutboxCounts>): void;
  /** the exposition text for GET /metrics */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** ask() answers in well under a millisecond; a slow one is a regression worth seeing. */
const ASK_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** Queued to posted: about a second when all is well; minutes under rate limits; hours when Slack is down. */
const LAG_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const answers = new Counter({
    name: "rolecall_answers_total",
    help: "Answers given through Slack, by intent",
    labelNames: ["intent"] as const,
    registers: [registry],
  });
  const askSeconds = new Histogram({
    name: "rolecall_ask_duration_seconds",
    help: "How long the engine's ask() took to answer a question from Slack",
    buckets: ASK_BUCKETS,
    registers: [registry],
  });
  const apiErrors = new Counter({
    name: "rolecall_slack_api_errors_total",
    help: "Slack Web API calls that failed, by method and Slack's error (or http_<status>, request_failed)",
    labelNames: ["method", "code"] as const,
    registers: [registry],
  });
  const deduplicated = new Counter({
    name: "rolecall_slack_events_deduplicated_total",
    help: "Redelivered Slack events that were skipped because they had already been handled",
    registers: [registry],
  });
  const deliveryLag = new Histogram({
    name: "rolecall_delivery_lag_seconds",
    help: "Time from a framework update being queued in the outbox to it being posted",
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const publishes = new Counter({
    name: "rolecall_publishes_total",
    help: "Knowledge publishes, by outcome",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  let readOutbox: (() => Promise<OutboxCounts>) | undefined;
  /** one store query per scrape feeds both gauges */
  let outboxRead: Promise<OutboxCounts | undefined> | undefined;
  const outbox = (): Promise<OutboxCounts | undefined> => {
    if (!readOutbox) return Promise.resolve(undefined);
    outboxRead ??= readOutbox()
      .catch(() => undefined)
      .finally(() => {
        outboxRead = undefined;
      });
    return outboxRead;
  };
  const outboxGauge = (name: string, help: string, pick: (counts: OutboxCounts) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const counts = await outbox();
        // An unreachable store keeps the last count read (/readyz says the store is down), so a scrape
        // never fails or reports a made-up zero.
        if (counts) this.set(pick(counts));
      },
    });
  outboxGauge("rolecall_outbox_pending", "Outbox rows waiting to be posted", (c) => c.pending);
  outboxGauge("rolecall_outbox_failed", "Outbox rows given up on", (c) => c.failed);

  return {
    answered(intent, seconds) {
      answers.inc({ intent });
      askSeconds.observe(seconds);
    },
    slackApiError: (method, code) => apiErrors.inc({ method, code }),
    eventDeduplicated: () => deduplicated.inc(),
    delivered: (lagSeconds) => deliveryLag.observe(Math.max(0, lagSeconds)),
    published: (outcome) => publishes.inc({ outcome }),
    watchOutbox(read) {
      readOutbox = read;
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
