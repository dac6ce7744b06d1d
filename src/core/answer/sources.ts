// One wording for citing a source, shared by every renderer.
import type { SourceRef } from "./types.ts";

/** "SFIA 7: IT management (ITMG), level 5" — each of framework, version and code said once. */
export function describeSource(source: SourceRef): string {
  const framework = [source.framework, source.version].filter(Boolean).join(" ");
  const prefix = framework && !source.title.includes(framework) ? `${framework}: ` : "";
  const code = source.code && !source.title.includes(source.code) ? ` (${source.code})` : "";
  const level = source.level !== undefined ? `, level ${source.level}` : "";
  return `${prefix}${source.title}${code}${level}`;
}
