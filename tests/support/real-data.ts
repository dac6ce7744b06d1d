// The licensed third-party data some tests read (../shared/realdata beside the repository; never copied
// into it). Without it those tests are skipped, announced once by the global setup; in CI they must run.
import { existsSync } from "node:fs";
import path from "node:path";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** ROLECALL_REALDATA overrides where it is looked for (a test of the skip itself points it elsewhere). */
export const REALDATA = process.env.ROLECALL_REALDATA
  ? path.resolve(process.env.ROLECALL_REALDATA)
  : path.resolve(REPO_ROOT, "../shared/realdata");

/** The folders the tests read: SFIA 9 export, DDaT downloads, Slack's recorded payload shapes, two career ladders. */
const NEEDED = [
  "sfia9",
  "ddat-gdad-pcf",
  "slack-payload-shapes",
  "ft-engineering-progression",
  "monzo-progression",
] as const;

export const HAS_REAL_DATA = NEEDED.every((folder) => existsSync(path.join(REALDATA, folder)));

export const REAL_DATA_SKIPPED =
  `Skipped the tests that need ${REALDATA} (${NEEDED.join(", ")}: the SFIA 9 CSV export from the SFIA ` +
  "Foundation, the DDaT CSV downloads from ddat-capability-framework.service.gov.uk/download, and Slack's " +
  "payload samples from slackapi/java-slack-sdk and bolt-js, and the FT and Monzo career ladders from " +
  "github.com/Financial-Times/engineering-progression and github.com/monzo/progression-framework); each folder's SOURCE.md says where it came from. " +
  "Put that folder beside this repository (or set ROLECALL_REALDATA) to run them.";

/** For describe.skipIf / it.skipIf: true when the data is missing, so the test is skipped. */
export function needsRealData(): boolean {
  return !HAS_REAL_DATA;
}

export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1)$/i.test(env.CI ?? "");
}

/**
 * For the global setup, once per run: nothing when the data is there; one line when it is missing, as the
 * tests that need it will be skipped; in CI a missing folder is an error, so CI never passes by skipping.
 */
export function announceRealData(
  options: { present?: boolean; ci?: boolean; write?: (line: string) => void } = {},
): void {
  const {
    present = HAS_REAL_DATA,
    ci = isCi(),
    write = (line) => process.stderr.write(`${line}\n`),
  } = options;
  if (present) return;
  if (ci) throw new Error(`CI=true, but ${REALDATA} is missing: the tests that need it must run in CI.`);
  write(REAL_DATA_SKIPPED);
}
