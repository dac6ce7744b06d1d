// A lean stand-in for Slack's Web API and response_url endpoints on 127.0.0.1, in its own process so
// the load generator's event loop stays its own. It answers at once and only counts what it received:
//   POST /api/<method>      {"ok":true,...}   (auth.test answers with the bot's identity)
//   POST /response/<id>     ok                (an answer delivered to a slash command's response_url)
//   GET  /stats             {"api":n,"responses":n,"responseBytes":n}
// Prints "STAND-IN <port>" once listening.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const counts = { api: 0, responses: 0, responseBytes: 0 };
const AUTH_TEST = JSON.stringify({
  ok: true,
  url: "https://rolecall-bench.slack.com/",
  team: "Rolecall Bench",
  user: "rolecall",
  team_id: "T0BENCH",
  user_id: "U0BOT",
  bot_id: "B0BOT",
  app_id: "A0ROLECALL",
  is_enterprise_install: false,
});

const server = createServer((req, res) => {
  const path = req.url ?? "/";
  if (req.method === "GET" && path === "/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(counts));
    return;
  }
  // Count the body without keeping it: the stand-in only has to be fast.
  let bytes = 0;
  req.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
  });
  req.on("end", () => {
    if (path.startsWith("/response/")) {
      counts.responses++;
      counts.responseBytes += bytes;
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    if (path.startsWith("/api/")) {
      counts.api++;
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(path === "/api/auth.test" ? AUTH_TEST : '{"ok":true}');
      return;
    }
    res.writeHead(404);
    res.end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`STAND-IN ${(server.address() as AddressInfo).port}\n`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
