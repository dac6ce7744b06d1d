// Slack sends message text in its own markup (<@U123>, <#C1|general>, <https://x|label>, &amp;).
// People's questions are read as plain words.

export function questionFromSlackText(text: string | undefined, botUserId?: string): string {
  if (!text) return "";
  return text
    .replace(/<([@#!])([^>|]*)(?:\|([^>]*))?>/g, (_whole, sigil: string, id: string, label?: string) => {
      if (sigil === "@") return id === botUserId ? " " : label ? `@${label}` : " ";
      if (sigil === "#") return label ? `#${label}` : " ";
      // <!here>, <!channel>, <!subteam^S1|@team>, <!date^…|fallback>
      return label ?? " ";
    })
    .replace(
      /<([^>|]+)(?:\|([^>]*))?>/g,
      (_whole, url: string, label?: string) => label ?? url.replace(/^mailto:/, ""),
    )
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
