// Builds requests exactly as Slack signs them: v0=HMAC-SHA256(secret, "v0:{timestamp}:{raw body}").
import { createHmac } from "node:crypto";

export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedRequestOptions {
  secret: string;
  body: string;
  contentType: "application/json" | "application/x-www-form-urlencoded";
  /** seconds since the epoch; now by default */
  timestamp?: number;
  /** extra headers, e.g. X-Slack-Retry-Num */
  headers?: Record<string, string>;
}

export function signedHeaders(options: SignedRequestOptions): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    "content-type": options.contentType,
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(options.secret, timestamp, options.body),
    ...options.headers,
  };
}

/** A slash command body: form fields, as Slack posts them. */
export function formBody(fields: Record<string, string | number | boolean>): string {
  return new URLSearchParams(
    Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
}

/** An interactivity body: the JSON payload in a single form field named payload. */
export function interactivityBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface SlackBody {
  body: string;
  contentType: SignedRequestOptions["contentType"];
}

/** Posts a correctly signed request to the app's Slack endpoint. */
export async function postSigned(
  url: string,
  secret: string,
  request: SlackBody,
  extra: { timestamp?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: signedHeaders({ secret, body: request.body, contentType: request.contentType, ...extra }),
    body: request.body,
  });
}
