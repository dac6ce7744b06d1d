// Summarises a V8 .cpuprofile: where the samples fell, by function and by package or source folder.
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

export function summariseProfile(
  profile: CpuProfile,
  top = 25,
): { byFunction: ProfileLine[]; byArea: ProfileLine[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    totalMs += ms;
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "(native)";
    const name = `${frame.functionName || "(anonymous)"} ${where}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
  }
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: totalMs ? ms / totalMs : 0 }));
  return { byFunction: lines(functions), byArea: lines(areas), totalMs };
}

export function formatProfile(summary: ReturnType<typeof summariseProfile>): string {
  const row = (l: ProfileLine) =>
    `${(l.share * 100).toFixed(1).padStart(5)}%  ${l.ms.toFixed(0).padStart(6)} ms  ${l.name}`;
  return [
    `${summary.totalMs.toFixed(0)} ms sampled`,
    "By package or source folder (self time):",
    ...summary.byArea.map(row),
    "By function (self time):",
    ...summary.byFunction.map(row),
  ].join("\n");
}

function shortUrl(url: string): string {
  const cleaned = url.replace(/^file:\/\//, "");
  const modules = cleaned.lastIndexOf("node_modules/");
  if (modules >= 0) return cleaned.slice(modules + "node_modules/".length);
  const repo = cleaned.search(/\/(src|bench)\//);
  return repo >= 0 ? cleaned.slice(repo + 1) : cleaned;
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native or builtin)";
  const cleaned = url.replace(/^file:\/\//, "");
  const modules = cleaned.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = cleaned.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? "node_modules");
  }
  if (cleaned.startsWith("node:")) return cleaned;
  const repo = cleaned.search(/\/(src|bench)\//);
  if (repo >= 0) return path2(cleaned.slice(repo + 1));
  return cleaned;
}

/** src/core/search/names.ts -> src/core/search */
function path2(relative: string): string {
  const parts = relative.split("/");
  return parts.slice(0, Math.min(3, parts.length - 1)).join("/") || relative;
}
