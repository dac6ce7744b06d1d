// The baseline for the HTTP load benchmark: a bare Bolt app over HTTP whose /role command only acks.
// With BARE_BOLT_RESPOND=1 it also posts a one-word reply to the response_url, as Rolecall posts its
// answer, which separates the cost of replying at all from the cost of Rolecall's work.
// Same environment variables as Rolecall (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT);
// prints "BARE-BOLT <port>" once listening.
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";

const token = process.env.SLACK_BOT_TOKEN;
const signingSecret = process.env.SLACK_SIGNING_SECRET;
if (!token || !signingSecret) throw new Error("set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET");

const app = new App({
  token,
  signingSecret,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? "https://slack.com/api/" },
  deferInitialization: true,
});
const reply = process.env.BARE_BOLT_RESPOND === "1";
app.command("/role", async ({ ack, respond }) => {
  await ack();
  if (reply) await respond({ response_type: "ephemeral", text: "ok" });
});

await app.init();
const server = await app.start(Number(process.env.PORT ?? 0));
process.stdout.write(`BARE-BOLT ${(server.address() as AddressInfo).port}\n`);
process.once("SIGTERM", () => {
  void app.stop().then(() => process.exit(0));
});
