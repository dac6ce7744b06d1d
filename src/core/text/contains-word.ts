// Finding a code such as "ITMG" in a question as a word of its own, not inside another word.

/** Whether text contains word as written, with a word boundary each side (as /\bword\b/ would match). */
export function containsAsWord(text: string, word: string): boolean {
  if (word === "") return false;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (isBoundary(text, at) && isBoundary(text, at + word.length)) return true;
  }
  return false;
}

function isBoundary(text: string, at: number): boolean {
  return isWordCharacter(text.charCodeAt(at - 1)) !== isWordCharacter(text.charCodeAt(at));
}

/** \w without the u flag: ASCII letters, digits and underscore (NaN, outside the text, is not). */
function isWordCharacter(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}
