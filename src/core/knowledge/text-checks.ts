// Knowledge text ends up in Slack channels: bytes that are not UTF-8, and control characters (raw in the
// file or written as YAML escapes such as "\u0000"), are refused with the file and line instead of being
// posted as replacement characters or invisible junk.
import { isUtf8 } from "node:buffer";

/** C0 controls other than tab, line feed and carriage return, and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface TextPosition {
  line: number;
  column: number;
}

/** Where the first byte that is not UTF-8 is, and its value; undefined when the bytes are UTF-8. */
export function invalidUtf8(bytes: Uint8Array): (TextPosition & { byte: number }) | undefined {
  if (isUtf8(bytes)) return undefined;
  const offset = firstInvalidByte(bytes);
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = Buffer.from(bytes.subarray(lineStart, offset)).toString("utf8");
  return { line, column: [...before].length + 1, byte: bytes[offset] ?? 0 };
}

function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i] ?? 0;
    if (first < 0x80) {
      i++;
      continue;
    }
    const follow =
      first >= 0xc2 && first <= 0xdf
        ? 1
        : first >= 0xe0 && first <= 0xef
          ? 2
          : first >= 0xf0 && first <= 0xf4
            ? 3
            : 0;
    if (follow === 0) return i;
    let codePoint = first & (0x3f >> follow);
    for (let k = 1; k <= follow; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    const shortest = [0, 0x80, 0x800, 0x10000][follow] ?? 0;
    if (codePoint < shortest || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return i;
    i += follow + 1;
  }
  return bytes.length;
}

/** The first control character in text, with its position; undefined when there is none. */
export function controlCharacter(text: string): (TextPosition & { name: string }) | undefined {
  const match = CONTROL.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return {
    line: before.split("\n").length,
    column: [...before.slice(lineStart)].length + 1,
    name: codePointName(match[0]),
  };
}

/** "U+0000" */
export function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Every string in a parsed YAML value holding a control character, with its path. */
export function stringsWithControlCharacters(
  value: unknown,
  path: PropertyKey[] = [],
  found: Array<{ path: PropertyKey[]; name: string }> = [],
): Array<{ path: PropertyKey[]; name: string }> {
  if (typeof value === "string") {
    const match = CONTROL.exec(value);
    if (match) found.push({ path, name: codePointName(match[0]) });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) stringsWithControlCharacters(item, [...path, index], found);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL.test(key))
        found.push({ path: [...path, key], name: codePointName(CONTROL.exec(key)?.[0] ?? "") });
      stringsWithControlCharacters(item, [...path, key], found);
    }
  }
  return found;
}
