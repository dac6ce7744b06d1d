// How a list reads in a sentence, shared by answers, change summaries and import summaries.

/** "5, 6 and 7"; one item alone; nothing for none. */
export function listWords(items: readonly (string | number)[]): string {
  const texts = items.map(String);
  if (texts.length <= 1) return texts.join("");
  return `${texts.slice(0, -1).join(", ")} and ${texts[texts.length - 1]}`;
}
