// Text from knowledge files and from people is escaped before it reaches Slack mrkdwn, so it can never
// ping @channel, @here or a person, or smuggle in a link: Slack only treats <...> as a mention or link.
import { clipCodePoints } from "../../core/text/length.ts";
import { SLACK_USER_ID } from "../../slack-ids.ts";

/** Escapes &, < and > for Slack mrkdwn. Apply to every piece of knowledge or user text, exactly once. */
export function escapeMrkdwn(text: string): string {
  // Most text has none of the three, and every answer escapes dozens of pieces.
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const NEEDS_ESCAPING = /[&<>]/;

/**
 * Escapes text that will sit inside Slack formatting markers (*bold*, ~struck~): besides &, < and >, a
 * marker character in the text itself would end the formatting early or start another, so each is
 * followed by a zero-width space, which Slack shows as nothing and never reads as a marker.
 */
export function escapeFormatted(text: string): string {
  return escapeMrkdwn(text).replace(/[*_~`]/g, "$&\u200b");
}

/** Wraps already-escaped text in Slack bold markers; whitespace at the edges stays outside. */
export function bold(escaped: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(escaped);
  if (!match || match[2] === "") return escaped;
  return `${match[1]}*${match[2]}*${match[3]}`;
}

/**
 * A link whose address comes from a knowledge file's url field. Only http(s) addresses become links;
 * anything else is shown as plain escaped text.
 */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const text = escapeMrkdwn(label);
  if (!url) return text;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return text;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return text;
  // | and > would end the link early; the URL class percent-encodes < > and spaces already.
  const href = escapeMrkdwn(parsed.href.replace(/\|/g, "%7C"));
  return `<${href}|${text}>`;
}

/** A mention of a person, built only from a well-formed Slack user id. */
export function mentionUser(userId: string): string {
  return SLACK_USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** Shortens plain text to max characters, ending with an ellipsis, never splitting a surrogate pair. */
export function clampPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${safeCut(text, max - 1).trimEnd()}…`;
}

/** Shortens escaped mrkdwn to max characters without cutting an entity such as &amp; in half. */
export function clampMrkdwn(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return `${cutOutsideEntity(escaped, max - 1).trimEnd()}…`;
}

/**
 * Splits escaped mrkdwn into pieces of at most max characters, preferring line breaks, then spaces,
 * and never cutting an entity or a surrogate pair.
 */
export function splitMrkdwn(escaped: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = escaped;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf("\n");
    if (cut < max / 2) cut = window.lastIndexOf(" ");
    if (cut < max / 2) cut = cutOutsideEntity(rest, max).length;
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.trim()) pieces.push(rest);
  return pieces;
}

function cutOutsideEntity(escaped: string, max: number): string {
  let cut = safeCut(escaped, max);
  const amp = cut.lastIndexOf("&");
  if (amp >= 0) {
    const entity = /^&(?:amp|lt|gt);/.exec(escaped.slice(amp));
    if (entity && amp + entity[0].length > cut.length) cut = cut.slice(0, amp);
  }
  return cut;
}

function safeCut(text: string, max: number): string {
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Characters of what someone typed that a reply may quote back. */
export const ECHO_LIMIT = 100;

/** What someone typed, as a reply quotes it: trimmed, cut to ECHO_LIMIT characters with an ellipsis, escaped. */
export function echoTyped(text: string): string {
  const trimmed = text.trim();
  const clipped = clipCodePoints(trimmed, ECHO_LIMIT);
  return escapeMrkdwn(clipped === trimmed ? trimmed : `${clipped}…`);
}
