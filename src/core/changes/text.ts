// Small text helpers shared by the snapshot and the change descriptions.

/** Whitespace carries no meaning in knowledge text: reflowed YAML, folded or literal blocks read the same. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Cuts text to at most max characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).trimEnd()}…`;
}

export function quote(text: string, max = 70): string {
  return `“${clip(text, max)}”`;
}

/** guidanceNotes -> guidance notes */
export function fieldLabel(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Code-point order: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
