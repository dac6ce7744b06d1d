// Slash command requests signed exactly as Slack signs them: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"),
// with a fresh timestamp each time (the app refuses requests more than five minutes old).
import { createHmac } from "node:crypto";

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

let sequence = 0;

/** A /role command body with the fields Slack sends, form-encoded. */
export function slashCommandBody(text: string, responseUrl: string): string {
  sequence += 1;
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: "T0BENCH",
    team_domain: "rolecall-bench",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: "U0ALICE",
    user_name: "alice",
    command: "/role",
    text,
    api_app_id: "A0ROLECALL",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `${Date.now()}.${sequence}.bench`,
  }).toString();
}

export function signedHeaders(secret: string, body: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(secret, timestamp, body),
  };
}
