// Describes a change to one field of an entity in a short phrase, whatever the field holds: a text, a short
// value, or a list (items added, removed or changed). Fields without a dedicated change type go through here,
// so a field added to the knowledge schema later is still reported.
import { wordExcerpt } from "./excerpt.ts";
import { canonicalJson, NAMING_FIELDS } from "./snapshot.ts";
import { compareStrings, fieldLabel, quote } from "./text.ts";
import type { ChangeValue } from "./types.ts";

export interface FieldChange {
  field: string;
  /** e.g. "summary changed", "family changed from “a” to “b”", "responsibilities added “x”; removed “y”" */
  detail: string;
  excerpt?: string;
  before?: ChangeValue;
  after?: ChangeValue;
}

/** Texts up to this long are quoted whole ("from “a” to “b”"); longer ones get a word-level excerpt. */
const SHORT_TEXT = 80;
/** Items named per list bucket before "and N more". */
const LISTED_ITEMS = 3;
/** Longest before/after value kept on a change; longer values are only described. */
const MAX_VALUE_CHARS = 500;

/** Every field that differs between two versions of an entity, except the ones the caller handles itself. */
export function diffFields(before: object, after: object, handled: readonly string[]): FieldChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((field) => !handled.includes(field))
    .sort(compareStrings);
  return fields
    .filter((field) => canonicalJson(b[field]) !== canonicalJson(a[field]))
    .map((field) => describeField(field, b[field], a[field]));
}

export function describeField(field: string, before: unknown, after: unknown): FieldChange {
  const label = fieldLabel(field);
  const values = { before: storable(before), after: storable(after) };
  if (Array.isArray(before) || Array.isArray(after)) {
    return { field, detail: `${label} ${describeListChange(asList(before), asList(after))}`, ...values };
  }
  if (before === undefined) return { field, detail: `${label} added: ${show(after)}`, ...values };
  if (after === undefined) return { field, detail: `${label} removed (was ${show(before)})`, ...values };
  if (typeof before === "string" && typeof after === "string") {
    if (before.length > SHORT_TEXT || after.length > SHORT_TEXT) {
      const excerpt = wordExcerpt(before, after);
      return { field, detail: `${label} changed`, ...(excerpt ? { excerpt } : {}) };
    }
  }
  return { field, detail: `${label} changed from ${show(before)} to ${show(after)}`, ...values };
}

function describeListChange(before: readonly unknown[], after: readonly unknown[]): string {
  const b = keyed(before);
  const a = keyed(after);
  const added = [...a.keys()].filter((key) => !b.has(key)).map((key) => itemLabel(a.get(key)));
  const removed = [...b.keys()].filter((key) => !a.has(key)).map((key) => itemLabel(b.get(key)));
  const changed = [...a.keys()]
    .filter((key) => b.has(key) && canonicalJson(b.get(key)) !== canonicalJson(a.get(key)))
    .map((key) => changedItemLabel(b.get(key), a.get(key)));
  const parts = [
    added.length > 0 ? `added ${listed(added)}` : "",
    removed.length > 0 ? `removed ${listed(removed)}` : "",
    changed.length > 0 ? `changed ${listed(changed)}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : "changed";
}

/** Items by their natural key (a title, an id, a level...), numbered when a key repeats. */
function keyed(items: readonly unknown[]): Map<string, unknown> {
  const byKey = new Map<string, unknown>();
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = itemKey(item);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    byKey.set(n === 1 ? key : `${key}#${n}`, item);
  }
  return byKey;
}

function itemKey(item: unknown): string {
  const naming = namingField(item);
  return naming ? `${naming.field}=${String(naming.value)}` : canonicalJson(item);
}

function itemLabel(item: unknown): string {
  const naming = namingField(item);
  if (!naming) return show(item);
  return naming.field === "level" ? `level ${String(naming.value)}` : quote(String(naming.value));
}

/** "“sfia:ITMG” level 4 → 5" when one short value changed inside the item, else just its label. */
function changedItemLabel(before: unknown, after: unknown): string {
  const label = itemLabel(after);
  if (!isRecord(before) || !isRecord(after)) return label;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => canonicalJson(before[field]) !== canonicalJson(after[field]),
  );
  const [only] = fields;
  if (fields.length !== 1 || only === undefined) return label;
  const [b, a] = [before[only], after[only]];
  const isShort = (v: unknown) => typeof v === "number" || (typeof v === "string" && v.length <= SHORT_TEXT);
  if (isShort(b) && isShort(a)) return `${label} ${fieldLabel(only)} ${plain(b)} → ${plain(a)}`;
  return `${label} (${fieldLabel(only)})`;
}

function namingField(item: unknown): { field: string; value: string | number } | undefined {
  if (!isRecord(item)) return undefined;
  for (const field of NAMING_FIELDS) {
    const value = item[field];
    if (typeof value === "string" || typeof value === "number") return { field, value };
  }
  return undefined;
}

function listed(labels: readonly string[]): string {
  const shown = labels.slice(0, LISTED_ITEMS).join(", ");
  const more = labels.length - LISTED_ITEMS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function show(value: unknown): string {
  return typeof value === "number" ? String(value) : quote(plain(value));
}

function plain(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(plain).join(", ");
  if (isRecord(value)) return Object.values(value).map(plain).join(" ");
  return String(value);
}

/** Short scalars and short lists of strings are kept on the change; anything longer is only described. */
function storable(value: unknown): ChangeValue | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string") return value.length <= MAX_VALUE_CHARS ? value : undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return value.join("").length <= MAX_VALUE_CHARS ? value : undefined;
  }
  return undefined;
}

function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
