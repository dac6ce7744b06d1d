// Reading a running bot's operations endpoints (OPS_PORT=0: the port is read from its log) and its
// Prometheus text.
import type { RolecallProcess } from "./app-process.ts";

/** The ops port the bot logged, in either log format. */
export async function opsPortOf(app: RolecallProcess): Promise<number> {
  const match = await app.waitForLog(/Operations endpoints on port (\d+)/);
  return Number(match[1]);
}

export async function getOps(port: number, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
}

/** The value of one sample, e.g. `rolecall_answers_total{intent="level"}`; undefined when absent. */
export function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

export async function scrape(port: number): Promise<string> {
  const { status, body } = await getOps(port, "/metrics");
  if (status !== 200) throw new Error(`/metrics answered ${status}`);
  return body;
}

/**
 * /readyz's answer once it is status: for a change the bot notices on its own time (a dropped connection),
 * asked again every 10 ms, 1000 times at most; the last answer otherwise, for the test to report.
 */
export async function untilReadyz(port: number, status: number): Promise<{ status: number; body: string }> {
  let last = await getOps(port, "/readyz");
  for (let tries = 0; last.status !== status && tries < 1000; tries += 1) {
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    last = await getOps(port, "/readyz");
  }
  return last;
}
