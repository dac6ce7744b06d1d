// Framework-update messages for Slack, rendered from the outbox's plain-data notices: one bounded message per channel and publish, and the full list of
// changes behind its Details button, page by page. Every piece of knowledge text is escaped for mrkdwn, so
// a name or summary can never ping @channel, mention someone or smuggle in a link.

import {
  type Change,
  type ChangeGroup,
  type ChangeNotice,
  excerptParts,
  type FollowedFilter as StoredFilter,
  summariseChanges,
} from "../../core/changes/index.ts";
import { capitalise } from "../../core/text/template.ts";
import type { Button, KnownBlock } from "../render/block-kit.ts";
import { button, contextBlock, headerBlock, sectionBlock } from "../render/blocks.ts";
import { clampMrkdwn, clampPlain, escapeFormatted, escapeMrkdwn } from "../render/escape.ts";
import { SLACK_LIMITS } from "../render/limits.ts";
import { type ChangeDetailsRef, encodeDetailsValue } from "./details-value.ts";

/** The Details button on a notification, and "Next" on a page of details. */
export const CHANGE_DETAILS_ACTION_ID = "rolecall_change_details";
/** "Previous" on a page of details (action ids must differ within one actions block). */
export const CHANGE_DETAILS_PREVIOUS_ACTION_ID = "rolecall_change_details_previous";

export const NOTIFY_LIMITS = Object.freeze({
  /** subject sections in a channel message; the rest is summed up as "and N more changes" */
  messageSections: 20,
  /** characters of mrkdwn in a channel message, so it stays readable */
  messageChars: 8_000,
  /** sections on one page of details: with header, context and buttons, within 50 blocks */
  detailsSections: 45,
  detailsChars: SLACK_LIMITS.pageText,
  /** one change line (summary and excerpt), escaped */
  lineChars: 1_500,
  /** a subject's heading, escaped */
  headingChars: 600,
});

export interface SlackMessage {
  /** notification and fallback text: escaped mrkdwn */
  text: string;
  blocks: KnownBlock[];
}

export interface ChangeMessageInput {
  /** the changes this channel's subscriptions matched, in diff order */
  changes: readonly Change[];
  snapshotId: string;
  /** framework id -> display name (SFIA), for headings; ids are shown where a name is missing */
  frameworkNames?: ReadonlyMap<string, string>;
  /** the channel's subscriptions that matched, to say why the message came */
  following?: readonly StoredFilter[];
}

/** The message for an outbox row: its stored notice, rendered for Slack. */
export function renderChangeNotice(snapshotId: string, notice: ChangeNotice): SlackMessage {
  return renderChangeMessage({
    changes: notice.changes,
    snapshotId,
    frameworkNames: new Map(Object.entries(notice.frameworkNames)),
    following: notice.following,
  });
}

/** The message a subscribed channel gets for one publish. */
export function renderChangeMessage(input: ChangeMessageInput): SlackMessage {
  const names = input.frameworkNames ?? new Map<string, string>();
  const total = input.changes.length;
  const title = headline(input.changes, names);
  const pages = paginate(summariseChanges(input.changes).groups, names, {
    sections: NOTIFY_LIMITS.messageSections,
    chars: NOTIFY_LIMITS.messageChars,
  });
  const first = pages[0] ?? { sections: [], from: 0, count: 0 };
  const hidden = total - first.count;

  const blocks: KnownBlock[] = [headerBlock(title), ...first.sections.map(sectionBlock)];
  if (hidden > 0) {
    blocks.push(
      contextBlock([
        `…and ${hidden} more ${hidden === 1 ? "change" : "changes"}. Press Details to see them all.`,
      ]),
    );
  }
  const following = followingLine(input.following ?? [], names);
  if (following) blocks.push(contextBlock([following]));
  blocks.push({
    type: "actions",
    elements: [
      button({
        label: "Details",
        actionId: CHANGE_DETAILS_ACTION_ID,
        value: encodeDetailsValue({
          snapshotId: input.snapshotId,
          ...detailsFilters(input.following),
          page: 1,
        }),
      }),
    ],
  });

  const summaries = input.changes.map((c) => c.summary).join("; ");
  const text = clampMrkdwn(escapeMrkdwn(`${title} — ${summaries}`), SLACK_LIMITS.fallbackText);
  return { text, blocks };
}

export interface ChangeDetailsInput {
  /** the changes the reference selects, in diff order */
  changes: readonly Change[];
  ref: ChangeDetailsRef;
  frameworkNames?: ReadonlyMap<string, string>;
  publishedAt?: Date;
}

/** One page of the full list of changes, with Previous/Next buttons when there are more pages. */
export function renderChangeDetails(
  input: ChangeDetailsInput,
): SlackMessage & { page: number; pages: number } {
  const names = input.frameworkNames ?? new Map<string, string>();
  const total = input.changes.length;
  const pages = paginate(summariseChanges(input.changes).groups, names, {
    sections: NOTIFY_LIMITS.detailsSections,
    chars: NOTIFY_LIMITS.detailsChars,
  });
  const pageCount = Math.max(1, pages.length);
  const page = Math.min(Math.max(1, input.ref.page), pageCount);
  const shown = pages[page - 1] ?? { sections: [], from: 0, count: 0 };
  const range =
    total === 0 ? "no changes" : `changes ${shown.from + 1}–${shown.from + shown.count} of ${total}`;

  const context = [input.publishedAt ? `${slackDate(input.publishedAt)} · ${range}` : capitalise(range)];
  const blocks: KnownBlock[] = [
    headerBlock(headline(input.changes, names)),
    contextBlock(context),
    ...(shown.sections.length > 0
      ? shown.sections.map(sectionBlock)
      : [sectionBlock("Nothing in this update concerns what this channel follows.")]),
  ];
  const buttons: Button[] = [];
  if (page > 1) {
    buttons.push(
      button({
        label: "Previous",
        actionId: CHANGE_DETAILS_PREVIOUS_ACTION_ID,
        value: encodeDetailsValue({ ...input.ref, page: page - 1 }),
      }),
    );
  }
  if (page < pageCount) {
    buttons.push(
      button({
        label: "Next",
        actionId: CHANGE_DETAILS_ACTION_ID,
        value: encodeDetailsValue({ ...input.ref, page: page + 1 }),
      }),
    );
  }
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });
  const text = escapeMrkdwn(`${headline(input.changes, names)}: ${range}`);
  return { text, blocks, page, pages: pageCount };
}

/** "Framework update: 2 changes to SFIA", plain text for a header block. */
export function headline(changes: readonly Change[], names: ReadonlyMap<string, string>): string {
  const n = changes.length;
  const count = `${n} ${n === 1 ? "change" : "changes"}`;
  // What the changes are to: their frameworks, and the organisation's RACI or sources, which have none.
  const areas = [
    ...new Set(
      changes.map((c) =>
        c.framework ? (names.get(c.framework) ?? c.framework) : c.kind === "raci" ? "RACI" : "sources",
      ),
    ),
  ];
  const to =
    areas.length === 0
      ? ""
      : areas.length <= 2
        ? ` to ${areas.join(" and ")}`
        : ` to ${areas.slice(0, 2).join(", ")} and ${areas.length - 2} more`;
  return clampPlain(`Framework update: ${count}${to}`, SLACK_LIMITS.headerText);
}

interface Page {
  /** escaped mrkdwn, one section block each */
  sections: string[];
  /** index of the page's first change, in group order */
  from: number;
  count: number;
}

/**
 * Packs subjects into pages of sections: a subject's heading, then one line per change. A subject too long
 * for one section (or page) continues in the next, under its heading marked "(continued)". Packing is
 * deterministic, so page N of a given list of changes is always the same.
 */
function paginate(
  groups: readonly ChangeGroup[],
  names: ReadonlyMap<string, string>,
  limits: { sections: number; chars: number },
): Page[] {
  const pages: Page[] = [];
  let page: Page = { sections: [], from: 0, count: 0 };
  let chars = 0;
  const newPage = () => {
    pages.push(page);
    page = { sections: [], from: page.from + page.count, count: 0 };
    chars = 0;
  };
  const openSection = (heading: string, firstLine: string) => {
    const text = `${heading}\n${firstLine}`;
    if (page.sections.length >= limits.sections || (page.count > 0 && chars + text.length > limits.chars)) {
      newPage();
    }
    page.sections.push(text);
    page.count++;
    chars += text.length;
  };

  for (const group of groups) {
    const heading = groupHeading(group, names, false);
    const continued = groupHeading(group, names, true);
    group.changes.forEach((change, index) => {
      const line = changeLine(change);
      const last = page.sections.length - 1;
      const current = page.sections[last];
      const fits =
        index > 0 &&
        current !== undefined &&
        current.length + 1 + line.length <= SLACK_LIMITS.sectionText &&
        chars + 1 + line.length <= limits.chars;
      if (fits) {
        page.sections[last] = `${current}\n${line}`;
        page.count++;
        chars += 1 + line.length;
      } else {
        openSection(index === 0 ? heading : continued, line);
      }
    });
  }
  if (page.count > 0) pages.push(page);
  return pages;
}

function groupHeading(group: ChangeGroup, names: ReadonlyMap<string, string>, continued: boolean): string {
  const label = subjectLabel(group, names);
  const text = `*${escapeMrkdwn(group.name)}*${label ? ` · ${escapeMrkdwn(label)}` : ""}${continued ? " (continued)" : ""}`;
  return clampMrkdwn(text, NOTIFY_LIMITS.headingChars);
}

function subjectLabel(group: ChangeGroup, names: ReadonlyMap<string, string>): string {
  const framework = group.framework ? (names.get(group.framework) ?? group.framework) : undefined;
  switch (group.kind) {
    case "framework":
      return "framework";
    case "level": {
      const level = group.changes[0]?.level;
      return `${framework ?? ""} level ${level ?? ""}`.trim();
    }
    case "skill": {
      const code = group.id.slice(group.id.indexOf(":") + 1);
      return framework ? `${framework} skill ${code}` : `skill ${code}`;
    }
    case "role":
      return "role";
    case "raci":
      return "RACI";
    case "source":
      return "source";
  }
}

function changeLine(change: Change): string {
  const summary = `• ${escapeMrkdwn(change.summary)}`;
  const line = change.excerpt ? `${summary}\n      ↳ ${changedWords(change.excerpt)}` : summary;
  return clampMrkdwn(line, NOTIFY_LIMITS.lineChars);
}

/**
 * An excerpt as Slack readers understand an edit: removed words struck through, added words in bold, a
 * replacement as ~old~ → *new*. Every piece is escaped, so knowledge text can neither ping nor format.
 */
export function changedWords(excerpt: string): string {
  return excerptParts(excerpt)
    .map((part) => {
      if (part.kind === "same") return escapeFormatted(part.text);
      const removed = part.removed?.trim() ? `~${escapeFormatted(part.removed.trim())}~` : "";
      const added = part.added?.trim() ? `*${escapeFormatted(part.added.trim())}*` : "";
      return removed && added ? `${removed} → ${added}` : removed || added;
    })
    .join("");
}

function followingLine(filters: readonly StoredFilter[], names: ReadonlyMap<string, string>): string {
  if (filters.length === 0) return "";
  const described = filters.map((filter) => describeFilter(filter, names));
  const list = [...new Set(described)];
  const shown = list.slice(0, 5).join(", ") + (list.length > 5 ? ` and ${list.length - 5} more` : "");
  return clampMrkdwn(`This channel follows ${escapeMrkdwn(shown)}.`, SLACK_LIMITS.contextText);
}

function describeFilter(filter: StoredFilter, names: ReadonlyMap<string, string>): string {
  if (filter.kind === "all") return "all framework updates";
  if (filter.kind === "framework")
    return `the ${names.get(filter.id) ?? (filter.label || filter.id)} framework`;
  if (filter.kind === "skill") {
    const colon = filter.id.indexOf(":");
    const framework = filter.id.slice(0, Math.max(0, colon));
    const code = filter.id.slice(colon + 1);
    const skill = framework ? `${names.get(framework) ?? framework} ${code}` : code;
    return filter.label && filter.label !== filter.id ? `${skill} (${filter.label})` : skill;
  }
  return filter.label || filter.id;
}

/** The filters a Details button keeps; none when the channel follows everything. */
function detailsFilters(following: readonly StoredFilter[] | undefined): Pick<ChangeDetailsRef, "filters"> {
  if (!following || following.length === 0 || following.some((f) => f.kind === "all")) return {};
  return {
    filters: following.flatMap((f) => (f.kind === "all" ? [] : [{ kind: f.kind, id: f.id }])),
  };
}

/** Slack shows this in the reader's time zone; the fallback is UTC. Built from a number, never from text. */
function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<!date^${seconds}^Published {date_short_pretty} at {time}|Published ${fallback}>`;
}
