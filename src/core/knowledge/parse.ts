// Parses one knowledge file: YAML syntax, then the schema. Never throws; every problem is returned.
import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { contentHash, type ParsedFileCache } from "./cache.ts";
import { type KnowledgeProblem, pathToField } from "./problems.ts";
import { type KnowledgeFile, knowledgeFileSchema } from "./schema.ts";
import { controlCharacter, stringsWithControlCharacters } from "./text-checks.ts";

export const KNOWLEDGE_LIMITS = Object.freeze({
  /** Larger files are refused unread: knowledge is hand-edited or imported in per-family files. */
  maxFileBytes: 5 * 1024 * 1024,
  /** Alias expansions allowed per file; a "billion laughs" file exceeds this long before memory runs out. */
  maxAliasCount: 100,
});

/** Line and column of a path's value, or of its key with { key: true } (for "unknown field" problems). */
export type Locate = (
  path: ReadonlyArray<PropertyKey>,
  options?: { key?: boolean },
) => { line: number; column: number };

export interface ParsedFile {
  file: string;
  data?: KnowledgeFile;
  locate: Locate;
  problems: KnowledgeProblem[];
}

export function parseKnowledgeText(file: string, text: string, cache?: ParsedFileCache): ParsedFile {
  const hash = cache ? contentHash(text) : "";
  const cached = cache?.get(file, hash);
  if (cached) return { file, data: cached, locate: lazyLocator(text), problems: [] };
  const parsed = parseFresh(file, text);
  if (cache && parsed.data && parsed.problems.length === 0) cache.set(file, hash, parsed.data);
  return parsed;
}

/** Positions are only needed to report a problem, so a cached file parses its YAML only if one arises. */
function lazyLocator(text: string): Locate {
  let locate: Locate | undefined;
  return (path, options) => {
    if (!locate) {
      const lineCounter = new LineCounter();
      locate = createLocator(parseDocument(text, { lineCounter }), lineCounter);
    }
    return locate(path, options);
  };
}

function parseFresh(file: string, text: string): ParsedFile {
  const control = controlCharacter(text);
  if (control) {
    const problem = {
      file,
      line: control.line,
      column: control.column,
      field: "",
      message: controlMessage(control.name),
    };
    return { file, locate: lazyLocator(text), problems: [problem] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const locate = createLocator(doc, lineCounter);
  const problems: KnowledgeProblem[] = [];
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  for (const error of doc.errors) {
    problems.push({
      file,
      ...at(error.pos[0]),
      field: "",
      message: describeYamlError(error.code, error.message),
    });
  }
  for (const warning of doc.warnings) {
    problems.push({
      file,
      ...at(warning.pos[0]),
      field: "",
      message: describeYamlError(warning.code, warning.message),
    });
  }
  if (problems.length > 0) return { file, locate, problems };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: KNOWLEDGE_LIMITS.maxAliasCount });
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `too many YAML alias expansions (more than ${KNOWLEDGE_LIMITS.maxAliasCount}); expand the aliases by hand`
        : `could not read the YAML: ${error instanceof Error ? error.message : String(error)}`;
    return { file, locate, problems: [{ file, line: 1, column: 1, field: "", message }] };
  }

  if (raw === null || raw === undefined) {
    return { file, locate, data: {}, problems };
  }
  // Escapes such as "\u0000" or "\x01" in a quoted string make control characters the raw text lacks.
  for (const { path, name } of stringsWithControlCharacters(raw)) {
    problems.push({ file, ...locate(path), field: pathToField(path), message: controlMessage(name) });
  }
  if (problems.length > 0) return { file, locate, problems };
  const result = knowledgeFileSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(issueToProblem(file, issue, locate, raw));
    }
    return { file, locate, problems };
  }
  return { file, locate, data: result.data, problems };
}

function controlMessage(name: string): string {
  return `control character ${name} is not allowed in knowledge text (it would be posted to Slack as is); remove it`;
}

function describeYamlError(code: string, message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  switch (code) {
    case "DUPLICATE_KEY":
      return `duplicate key: each key may appear once in a mapping (${firstLine})`;
    case "TAG_RESOLVE_FAILED":
      return `unknown YAML tag: knowledge files use plain YAML without custom tags (${firstLine})`;
    default:
      return `YAML syntax error: ${firstLine}`;
  }
}

function issueToProblem(
  file: string,
  issue: z.core.$ZodIssue,
  locate: Locate,
  raw: unknown,
): KnowledgeProblem {
  const path = issue.path;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const fullPath = [...path, key];
    return {
      file,
      ...locate(fullPath, { key: true }),
      field: pathToField(fullPath),
      message: `unknown field "${issue.keys.join('", "')}"; check the spelling against the schema`,
    };
  }
  return {
    file,
    ...locate(path),
    field: pathToField(path),
    message: describeIssue(issue, valueAt(raw, path)),
  };
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const got = describeValue(value);
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return `required field is missing (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${got}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${got}`;
    case "invalid_union":
      return `expected a role id or a list of role ids, got ${got}`;
    case "too_small":
      if (issue.origin === "array") return `expected at least ${issue.minimum} item(s)`;
      if (issue.origin === "string") return "must not be empty";
      return `expected ${issue.origin} >= ${issue.minimum}, got ${got}`;
    case "too_big":
      return `expected ${issue.origin} <= ${issue.maximum}, got ${got}`;
    case "invalid_format":
      return `${issue.message}, got ${got}`;
    default:
      return `${issue.message}, got ${got}`;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const shown = JSON.stringify(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}..."` : shown;
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as string];
  }
  return current;
}

/** Finds the line and column of a path, falling back to the nearest existing parent (for missing fields). */
function createLocator(doc: Document, lineCounter: LineCounter): Locate {
  const position = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return (path, options) => {
    if (options?.key && path.length > 0) {
      const parent = doc.getIn(path.slice(0, -1) as unknown[], true);
      const last = path[path.length - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
        if (isNode(pair?.key) && pair.key.range) return position(pair.key.range[0]);
      }
    }
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return position(node.range[0]);
    }
    return { line: 1, column: 1 };
  };
}
