// CPU time a process has used, read from Linux's /proc/<pid>/stat (user + system time). Throughput on a
// shared 2-core machine swings with whatever else runs; CPU time per request barely does, so the load
// benchmark reports both.
import { readFile } from "node:fs/promises";

/** Linux's USER_HZ: /proc reports times in ticks of 1/100 s on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU the process has used so far, or undefined where /proc is not available. */
export async function processCpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) return undefined;
    return ((userTicks + systemTicks) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
