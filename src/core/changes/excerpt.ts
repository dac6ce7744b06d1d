// A short word-level view of what changed in a text: [-removed-]{+added+} with a few words of context,
// ellipses where text is left out, and a hard bound on length, so a notification never quotes a level twice.
import { diffWords } from "diff";
import { clip } from "./text.ts";

export const EXCERPT_LIMITS = Object.freeze({
  maxChars: 300,
  /** Words of unchanged text kept on each side of an edit. */
  contextWords: 5,
  /** Characters of one side of one edit shown before it is cut. */
  maxEditChars: 80,
  /** Characters of context on one side of an edit (for very long "words" such as URLs). */
  maxContextChars: 60,
});

type Segment = { kind: "same"; text: string } | { kind: "edit"; removed: string; added: string };

/** A piece of an excerpt: unchanged text, or an edit (words removed, added, or one replaced by the other). */
export type ExcerptPart = { kind: "same"; text: string } | { kind: "edit"; removed?: string; added?: string };

const EDIT_MARKUP = /\[-(.*?)-\](?:\{\+(.*?)\+\})?|\{\+(.*?)\+\}/gs;

/**
 * Reads an excerpt's [-removed-]{+added+} markup back into parts, so each adapter can show an edit the
 * way its readers understand one. Text without markup is one unchanged part.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let at = 0;
  for (const match of excerpt.matchAll(EDIT_MARKUP)) {
    if (match.index > at) parts.push({ kind: "same", text: excerpt.slice(at, match.index) });
    const removed = match[1];
    const added = match[2] ?? match[3];
    parts.push({
      kind: "edit",
      ...(removed !== undefined ? { removed } : {}),
      ...(added !== undefined ? { added } : {}),
    });
    at = match.index + match[0].length;
  }
  if (at < excerpt.length) parts.push({ kind: "same", text: excerpt.slice(at) });
  return parts;
}

/** Returns undefined when the texts have the same words. Expects whitespace-normalised texts. */
export function wordExcerpt(before: string, after: string): string | undefined {
  if (before === after) return undefined;
  const segments = toSegments(before, after);
  if (!segments.some((s) => s.kind === "edit")) return undefined;
  return joinWithin(toAtoms(segments));
}

/** An excerpt for a text that appeared or disappeared as a whole. */
export function wholeTextExcerpt(text: string, change: "added" | "removed"): string {
  const body = clip(text, EXCERPT_LIMITS.maxChars - 4);
  return change === "added" ? `{+${body}+}` : `[-${body}-]`;
}

function toSegments(before: string, after: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of diffWords(before, after)) {
    const last = segments[segments.length - 1];
    const isEdit = (part.added || part.removed) && part.value.trim() !== "";
    if (!isEdit) {
      // A whitespace-only edit reads as unchanged text; keep the new spacing.
      if (part.removed) continue;
      if (last?.kind === "same") last.text += part.value;
      else segments.push({ kind: "same", text: part.value });
    } else if (last?.kind === "edit") {
      if (part.added) last.added += part.value;
      else last.removed += part.value;
    } else {
      segments.push({
        kind: "edit",
        removed: part.removed ? part.value : "",
        added: part.added ? part.value : "",
      });
    }
  }
  return segments;
}

/**
 * Flattens segments into the pieces of the excerpt, in order: context, edits and "…" where unchanged text is
 * left out. Runs of unchanged text short enough to keep whole join neighbouring edits into one passage.
 */
function toAtoms(segments: readonly Segment[]): string[] {
  const { contextWords } = EXCERPT_LIMITS;
  const atoms: string[] = [];
  segments.forEach((segment, i) => {
    if (segment.kind === "edit") {
      atoms.push(renderEdit(segment));
      return;
    }
    const words = segment.text.trim().split(/\s+/);
    const lead = /^\s/.test(segment.text) ? " " : "";
    const trail = /\s$/.test(segment.text) ? " " : "";
    const isFirst = i === 0;
    const isLast = i === segments.length - 1;
    const keep = isFirst || isLast ? contextWords : contextWords * 2;
    if (words.length <= keep) {
      atoms.push(segment.text);
      return;
    }
    const head = clip(words.slice(0, contextWords).join(" "), EXCERPT_LIMITS.maxContextChars);
    const tail = clipStart(words.slice(-contextWords).join(" "), EXCERPT_LIMITS.maxContextChars);
    if (!isFirst) atoms.push(`${lead}${head}`);
    atoms.push(isFirst || isLast ? "…" : " … ");
    if (!isLast) atoms.push(`${tail}${trail}`);
  });
  return atoms;
}

function renderEdit(edit: { removed: string; added: string }): string {
  const outer = edit.removed.trim() ? edit.removed : edit.added;
  const lead = /^\s/.test(outer) ? " " : "";
  const trail = /\s$/.test(edit.added || edit.removed) ? " " : "";
  const removed = edit.removed.trim() ? `[-${clip(edit.removed.trim(), EXCERPT_LIMITS.maxEditChars)}-]` : "";
  const added = edit.added.trim() ? `{+${clip(edit.added.trim(), EXCERPT_LIMITS.maxEditChars)}+}` : "";
  return `${lead}${removed}${added}${trail}`;
}

/** Joins atoms while they fit, ending with "…" when some are left out. */
function joinWithin(atoms: readonly string[]): string {
  const max = EXCERPT_LIMITS.maxChars;
  let out = "";
  for (const atom of atoms) {
    const next = collapse(out + atom);
    if (next.trim().length > max - 1) return `${out.trim().replace(/…$/, "")}…`;
    out = next;
  }
  return out.trim();
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").replace(/…\s*…/g, "…").trimStart();
}

function clipStart(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1).trimStart()}`;
}
