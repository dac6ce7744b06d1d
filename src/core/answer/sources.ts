// One wording for citing a source, shared by every renderer.
import type { SourceRef } from "./types.ts";

/** "SFIA 7, ITMG level 5: IT management (SFIA 7)" */
export function describeSource(source: SourceRef): string {
  const where = [
    [source.framework, source.version].filter(Boolean).join(" "),
    [source.code, source.level !== undefined ? `level ${source.level}` : undefined].filter(Boolean).join(" "),
  ]
    .filter(Boolean)
    .join(", ");
  return where ? `${where}: ${source.title}` : source.title;
}
