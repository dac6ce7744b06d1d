// Small text helpers every part's messages use: filling a message template, capitalising a phrase.

/** Replaces each {key} with its value; a key without a value is left as written, so a gap shows. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
