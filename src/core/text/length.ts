// Lengths as people count them: a character is a code point, so "👩🏽‍💻" or "𝔸" is not two because
// JavaScript strings are UTF-16.

/** How many code points text holds. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // a high surrogate followed by a low one is one code point
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** text cut to at most max code points, never in the middle of a surrogate pair */
export function clipCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  let units = 0;
  let count = 0;
  while (units < text.length && count < max) {
    const unit = text.charCodeAt(units);
    units += unit >= 0xd800 && unit <= 0xdbff && units + 1 < text.length ? 2 : 1;
    count++;
  }
  return text.slice(0, units);
}
