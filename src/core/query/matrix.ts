// "Show the RACI matrix for service management", "raci matrix for tools", "RACI matrix for the change
// manager": a question for the matrix, and which part of it. Every word left once the cue, a kind of row
// and a role are read must be in a row's name or alias (see filterRaciRows).
import type { RaciKind } from "../knowledge/model.ts";
import type { RaciMatrixFilter } from "../knowledge/raci-matrix.ts";
import type { SearchIndex } from "../search/build.ts";
import { STOPWORDS, stem } from "../text/normalize.ts";
import type { QueryBody } from "./types.ts";
import { RACI_WORDS } from "./vocabulary.ts";

/** Words that make a RACI question ask for the matrix. */
const MATRIX_WORDS: ReadonlySet<string> = new Set(["matrix", "matrices", "grid", "chart", "table"]);
/** Words beside "matrix" that say it is the RACI one: "responsibility assignment matrix". */
const MATRIX_RACI_WORDS: ReadonlySet<string> = new Set([
  ...RACI_WORDS,
  "responsibility",
  "responsibilities",
  "assignment",
]);
/** Words that only ask to see it: "display the whole RACI matrix". */
const MATRIX_FILLER: ReadonlySet<string> = new Set([
  "display",
  "give",
  "get",
  "see",
  "view",
  "print",
  "list",
  "full",
  "whole",
  "entire",
  "complete",
  "all",
  "every",
  "about",
  "only",
  "just",
  "part",
  "row",
  "rows",
  "column",
  "columns",
  "where",
  "involved",
  "role",
  "roles",
]);
const KIND_WORDS: ReadonlyMap<string, RaciKind> = new Map([
  ["process", "process"],
  ["processes", "process"],
  ["practice", "practice"],
  ["practices", "practice"],
  ["tool", "tool"],
  ["tools", "tool"],
  ["tooling", "tool"],
]);

export function matrixQuery(tokens: readonly string[], index: SearchIndex): QueryBody | undefined {
  if (!tokens.some((t) => MATRIX_WORDS.has(t)) || !tokens.some((t) => MATRIX_RACI_WORDS.has(t)))
    return undefined;
  const rest = tokens.filter(
    (t) => !MATRIX_WORDS.has(t) && !MATRIX_RACI_WORDS.has(t) && !STOPWORDS.has(t) && !MATRIX_FILLER.has(t),
  );
  const filter: RaciMatrixFilter = {};
  const kindAt = rest.findIndex((t) => KIND_WORDS.has(t));
  const kind = KIND_WORDS.get(rest[kindAt] ?? "");
  // "Tools" alone is the kind; "monitoring tools" may also name a row, and the row's words still filter.
  if (kind) {
    filter.kind = kind;
    rest.splice(kindAt, 1);
  }
  const role = roleIn(rest, index);
  if (role) {
    filter.roleId = role.id;
    rest.splice(role.start, role.end - role.start);
  }
  if (rest.length > 0) filter.words = rest.join(" ");
  return { type: "raci_matrix", filter };
}

/** The longest run of words that is exactly the name of a role the RACI names, plural allowed. */
function roleIn(
  words: readonly string[],
  index: SearchIndex,
): { id: string; start: number; end: number } | undefined {
  for (let n = words.length; n >= 1; n--) {
    for (let start = 0; start + n <= words.length; start++) {
      const span = words.slice(start, start + n);
      const last = span[span.length - 1] ?? "";
      const keys = [span.join(" "), [...span.slice(0, -1), stem(last)].join(" ")];
      for (const key of keys) {
        const entry = index.names
          .lookupKey(key)
          .find((e) => e.ref.kind === "role" && index.rolesInRaci.has(e.ref.id));
        if (entry) return { id: entry.ref.id, start, end: start + n };
      }
    }
  }
  return undefined;
}
