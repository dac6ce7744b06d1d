// Edits a knowledge file someone else wrote, through the yaml Document API so its comments, layout and
// other records survive: removes the records an import moves into its own files, and writes the version
// on skills that stay behind when their framework moves to a new version.
import { type Document, isMap, isNode, isScalar, isSeq, parseDocument, Scalar } from "yaml";
import { ENTITY_KINDS, type EntityKind } from "./plan.ts";

export interface RecordPosition {
  kind: EntityKind;
  index: number;
}

export function editKnowledgeFile(
  text: string,
  removals: readonly RecordPosition[],
  versionPins: readonly RecordPosition[],
  version: string,
): string {
  const doc = parseDocument(text);
  for (const pin of versionPins) pinVersion(doc, pin, version);
  let leadingComment: string | undefined;
  for (const kind of ENTITY_KINDS) {
    const indexes = [...new Set(removals.filter((r) => r.kind === kind).map((r) => r.index))].sort(
      (a, b) => b - a,
    );
    if (indexes.length === 0) continue;
    const seq = doc.get(kind, true);
    if (!isSeq(seq)) continue;
    for (const index of indexes) seq.items.splice(index, 1);
    const first = seq.items[0];
    if (!first) leadingComment = removeSection(doc, kind) ?? leadingComment;
    // The first remaining record's blank line would otherwise print as an indented empty line.
    else if (isNode(first)) first.spaceBefore = false;
  }
  const map = doc.contents;
  if (isMap(map) && map.items.length === 0) {
    // Nothing is left but the file's opening comment: keep that, as a file of comments loads as empty.
    const comment = leadingComment ?? doc.commentBefore ?? "";
    return comment
      ? `${comment
          .split("\n")
          .map((line) => `#${line}`)
          .join("\n")}\n`
      : "";
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: usesFlowPadding(text) });
}

/** Removes a section's key; returns the file's opening comment if it hung on that key and nothing follows. */
function removeSection(doc: Document, kind: EntityKind): string | undefined {
  const map = doc.contents;
  if (!isMap(map)) return undefined;
  const at = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === kind);
  if (at < 0) return undefined;
  const [pair] = map.items.splice(at, 1);
  const comment = pair && isNode(pair.key) ? pair.key.commentBefore : undefined;
  if (!comment || at !== 0) return undefined;
  const next = map.items[0];
  if (next && isNode(next.key)) {
    next.key.commentBefore = next.key.commentBefore ? `${comment}\n${next.key.commentBefore}` : comment;
    return undefined;
  }
  return comment;
}

function pinVersion(doc: Document, { kind, index }: RecordPosition, version: string): void {
  const record = doc.getIn([kind, index], true);
  if (!isMap(record)) return;
  const value = new Scalar(version);
  value.type = Scalar.QUOTE_DOUBLE;
  const afterName = record.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === "name");
  record.items.splice(afterName + 1, 0, doc.createPair("version", value));
}

/** Keeps the file's own style of `[a, b]` or `[ a, b ]` for the flow lists the Document re-prints. */
function usesFlowPadding(text: string): boolean {
  const padded = (text.match(/[[{] [^\s\]}]/g) ?? []).length;
  const tight = (text.match(/[[{][^\s\]}[{]/g) ?? []).length;
  return padded > tight;
}
