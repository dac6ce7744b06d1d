// Turns the core's plain-data Answer into Block Kit with a text fallback. Long answers are cut into
// parts that each fit Slack's limits, with buttons to move between them.

import { freshnessText } from "../../core/answer/freshness.ts";
import { describeSource } from "../../core/answer/sources.ts";
import type {
  Answer,
  Fact,
  FollowUp,
  Passage,
  RaciMatrixView,
  RaciSummary,
  Section,
  SourceRef,
  Table,
} from "../../core/answer/types.ts";
import { capitalise, fill } from "../../core/text/template.ts";
import { encodeAskValue, encodeMatrixValue } from "../action-value.ts";
import { encodeFeedbackValue } from "../feedback-value.ts";
import { ACTIONS } from "../ids.ts";
import {
  HELD_BY,
  HELPFUL_BUTTON,
  HELPFUL_LABEL,
  MATRIX_NEXT_PAGE,
  MATRIX_PAGE_OF,
  MATRIX_PAGE_SHOWS,
  MATRIX_PREVIOUS_PAGE,
  NEXT_PART_BUTTON,
  NOT_HELPFUL_BUTTON,
  NOT_HELPFUL_LABEL,
  PART_OF,
  PREVIOUS_PART_BUTTON,
  SHARE_AND_NOTIFY_BUTTON,
  SHARE_BUTTON,
  SHARE_QUIETLY_BUTTON,
  SHARED_BY,
} from "../messages.ts";
import { offlineLabels, type PeopleLabels } from "../people/labels.ts";
import type { KnownBlock } from "./block-kit.ts";
import {
  actionsBlock,
  type ButtonSpec,
  contextBlock,
  feedbackButtonsBlock,
  fieldsBlock,
  headerBlock,
  sectionBlock,
  tableBlock,
} from "./blocks.ts";
import {
  bold,
  clampMrkdwn,
  clampPlain,
  escapeMrkdwn,
  mentionUser,
  mrkdwnLink,
  splitMrkdwn,
} from "./escape.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { matrixPage, matrixTableBlock } from "./matrix-page.ts";

/** Where the answer is shown: an ephemeral reply gets a Share button; a posted message and App Home do not. */
export type AnswerSurface = "ephemeral" | "message" | "home";

export interface AnswerRenderOptions {
  /** the question that produced the answer, so buttons can ask it again for another part */
  question: string;
  /** 1-based part of a long answer; out-of-range values show the nearest part */
  page?: number;
  surface: AnswerSurface;
  /** user id of the person who shared the answer in the channel */
  sharedBy?: string;
  /** blocks the whole answer may use; a message's limit by default */
  maxBlocks?: number;
  /**
   * How to name the people behind the answer's roles (see people/labels.ts). Left out, the answer names
   * only what the knowledge itself gives, never as a mention.
   */
  people?: PeopleLabels;
  /** the recorded answer's id, for its helpful / not helpful buttons; none: no buttons */
  feedback?: AnswerFeedback;
}

export interface AnswerFeedback {
  answerId: string;
  /** the acknowledgement of a vote, shown above the buttons */
  note?: string;
}

export interface RenderedAnswer {
  text: string;
  blocks: KnownBlock[];
  page: number;
  pages: number;
}

interface Piece {
  block: KnownBlock;
  chars: number;
}

/** block_id of the "Shared by" line, so an update in place can keep it */
export const SHARED_BY_BLOCK_ID = "rolecall_shared_by";

/** The action_id suffix of "Share and notify": rolecall_share:notify. */
export const SHARE_NOTIFY = "notify";
/** block_id of the feedback buttons and of the note acknowledging a vote */
export const FEEDBACK_BLOCK_ID = "rolecall_feedback";
export const FEEDBACK_NOTE_BLOCK_ID = "rolecall_feedback_note";

/** header, shared-by line, follow-up buttons, part/share buttons */
const RESERVED_BLOCKS = 4;
/** the feedback note and buttons */
const FEEDBACK_BLOCKS = 2;

/** One page of an answer, and how to move to the others. */
interface PageLayout {
  page: number;
  pages: number;
  blocks: KnownBlock[];
  /** "part 2 of 3" or "page 2 of 3", where there is more than one */
  label?: string;
  /** the Previous and Next buttons */
  turns: ButtonSpec[];
  /** the question the Share button asks again for this page */
  shareQuestion: string;
}

export function renderAnswer(answer: Answer, options: AnswerRenderOptions): RenderedAnswer {
  const layout =
    answer.matrix && answer.table
      ? matrixLayout(answer, answer.table, answer.matrix, options.page)
      : partsLayout(answer, options);
  const { page, pages, label } = layout;

  const blocks: KnownBlock[] = [headerBlock(titleWithPart(answer.title, page > 1 ? label : undefined))];
  if (options.sharedBy) {
    const shared = contextBlock([fill(SHARED_BY, { user: mentionUser(options.sharedBy) })]);
    blocks.push({ ...shared, block_id: SHARED_BY_BLOCK_ID });
  }
  blocks.push(...layout.blocks);

  const followUps = followUpButtons(answer.followUps);
  if (followUps.length > 0) blocks.push(actionsBlock(followUps));
  const share =
    options.surface === "ephemeral" ? encodeAskValue({ q: layout.shareQuestion, p: page }) : undefined;
  const controls: ButtonSpec[] = [
    ...layout.turns,
    ...(share ? shareButtons(share, namesPeople(answer)) : []),
  ];
  if (controls.length > 0) blocks.push(actionsBlock(controls));
  if (options.feedback) blocks.push(...feedbackBlocks(options.feedback, options, page));

  return { text: fallbackText(answer, page > 1 ? label : undefined), blocks, page, pages };
}

/** A long answer cut into parts of whole blocks, each within a message's limits. */
function partsLayout(answer: Answer, options: AnswerRenderOptions): PageLayout {
  const maxBlocks = options.maxBlocks ?? SLACK_LIMITS.blocksPerMessage;
  const people = options.people ?? offlineLabels(answer.holders ?? []);
  const reserved = RESERVED_BLOCKS + (options.feedback ? FEEDBACK_BLOCKS : 0);
  const parts = paginate(answerPieces(answer, people), maxBlocks - reserved);
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), parts.length);
  const turns: ButtonSpec[] = [];
  const at = (p: number) => encodeAskValue({ q: options.question, p });
  const previous = page > 1 ? at(page - 1) : undefined;
  if (previous)
    turns.push({ label: PREVIOUS_PART_BUTTON, actionId: `${ACTIONS.page}:prev`, value: previous });
  const next = page < parts.length ? at(page + 1) : undefined;
  if (next) {
    const label = `${NEXT_PART_BUTTON} (${fill(PART_OF, { page: page + 1, pages: parts.length })})`;
    turns.push({ label, actionId: `${ACTIONS.page}:next`, value: next });
  }
  return {
    page,
    pages: parts.length,
    blocks: (parts[page - 1] ?? []).map((p) => p.block),
    ...(parts.length > 1 ? { label: fill(PART_OF, { page, pages: parts.length }) } : {}),
    turns,
    shareQuestion: options.question,
  };
}

/**
 * A RACI matrix: one table block a page, paged by rows and role columns to fit the block's limits.
 * Its buttons carry the matrix's filter and the page, so the next page is the same part of the matrix.
 */
function matrixLayout(answer: Answer, table: Table, matrix: RaciMatrixView, page?: number): PageLayout {
  const at = matrixPage(table.rows.length, table.columns.length - 1, page);
  const label = at.pages > 1 ? fill(MATRIX_PAGE_OF, { page: at.page, pages: at.pages }) : undefined;
  const blocks: KnownBlock[] = [];
  if (answer.summary) blocks.push(...textPieces(escapeMrkdwn(answer.summary)).map((p) => p.block));
  if (at.pages > 1) {
    const shows = fill(MATRIX_PAGE_SHOWS, {
      rowFrom: at.rowFrom + 1,
      rowTo: at.rowTo,
      rows: table.rows.length,
      roleFrom: at.roleFrom + 1,
      roleTo: at.roleTo,
      roles: table.columns.length - 1,
    });
    blocks.push(contextBlock([escapeMrkdwn(`${capitalise(label ?? "")}: ${shows}`)]));
  }
  blocks.push(matrixTableBlock(table, at));
  if (answer.sources.length > 0) blocks.push(sourcesPiece(answer.sources).block);
  const turn = (p: number) => encodeMatrixValue({ filter: matrix.filter, page: p });
  const turns: ButtonSpec[] = [];
  const previous = at.page > 1 ? turn(at.page - 1) : undefined;
  if (previous) {
    turns.push({ label: MATRIX_PREVIOUS_PAGE, actionId: `${ACTIONS.matrixPage}:prev`, value: previous });
  }
  const next = at.page < at.pages ? turn(at.page + 1) : undefined;
  if (next) {
    const nextLabel = `${MATRIX_NEXT_PAGE} (${fill(MATRIX_PAGE_OF, { page: at.page + 1, pages: at.pages })})`;
    turns.push({ label: nextLabel, actionId: `${ACTIONS.matrixPage}:next`, value: next });
  }
  return {
    page: at.page,
    pages: at.pages,
    blocks,
    ...(label ? { label } : {}),
    turns,
    shareQuestion: matrix.question,
  };
}

/** The notification and screen-reader text: the title and the one-sentence summary. */
export function fallbackText(answer: Answer, partLabel?: string): string {
  let text = escapeMrkdwn(answer.title);
  if (partLabel) text += ` (${partLabel})`;
  if (answer.summary) text += `: ${escapeMrkdwn(answer.summary)}`;
  return clampMrkdwn(text, SLACK_LIMITS.fallbackText);
}

function titleWithPart(title: string, partLabel: string | undefined): string {
  if (!partLabel) return title;
  const suffix = ` (${partLabel})`;
  return clampPlain(title, SLACK_LIMITS.headerText - suffix.length) + suffix;
}

/** Whether the answer names someone a mention could notify: a Slack user or a user group's members. */
function namesPeople(answer: Answer): boolean {
  return (answer.holders ?? []).some((h) => h.userGroup !== undefined || h.people.some((p) => p.user));
}

function answerPieces(answer: Answer, people: PeopleLabels): Piece[] {
  const pieces: Piece[] = [];
  if (answer.notices.length > 0) {
    pieces.push(
      ...textPieces(answer.notices.map((n) => `:information_source: ${escapeMrkdwn(n)}`).join("\n")),
    );
  }
  if (answer.summary) pieces.push(...textPieces(escapeMrkdwn(answer.summary)));
  if (answer.table) pieces.push(...tablePieces(answer.table));
  const heldBy = !answer.raci ? heldByFields(answer, people) : [];
  pieces.push(...factPieces(answer.facts, heldBy));
  if (answer.raci) pieces.push(...fieldPieces(raciFields(answer.raci, people)));
  for (const section of answer.sections) pieces.push(...sectionPieces(section));
  if (answer.sources.length > 0) pieces.push(sourcesPiece(answer.sources));
  const freshness = freshnessText(answer);
  if (freshness) pieces.push({ block: contextBlock([escapeMrkdwn(freshness)]), chars: freshness.length });
  return pieces;
}

function sectionPieces(section: Section): Piece[] {
  const marked = section.marks === "added" && section.passages?.some((p) => p.marks.length > 0);
  const parts = [bold(escapeMrkdwn(marked ? `${section.title} (new words in bold)` : section.title))];
  if (section.text) parts.push(escapeMrkdwn(section.text));
  if (section.items && section.items.length > 0) {
    parts.push(section.items.map((item) => `• ${escapeMrkdwn(item)}`).join("\n"));
  }
  if (section.passages && section.passages.length > 0) {
    parts.push(section.passages.map(passageText).join("\n\n"));
  }
  return [...textPieces(parts.join("\n")), ...factPieces(section.facts ?? [])];
}

/** A table block, and a line saying how many rows Slack's limit left out. */
function tablePieces(table: Table): Piece[] {
  const block = tableBlock(table.columns, table.rows);
  const shown = block.rows.length - 1;
  const chars = [table.columns, ...table.rows.slice(0, shown)].flat().reduce((n, c) => n + c.length, 0);
  const pieces: Piece[] = [{ block, chars }];
  if (shown < table.rows.length) {
    pieces.push(
      ...textPieces(
        escapeMrkdwn(`The table shows ${shown} of ${table.rows.length} rows; the lists below have them all.`),
      ),
    );
  }
  return pieces;
}

function textPieces(escaped: string): Piece[] {
  return splitMrkdwn(escaped, SLACK_LIMITS.sectionText).map((text) => ({
    block: sectionBlock(text),
    chars: text.length,
  }));
}

function factPieces(facts: readonly Fact[], more: readonly string[] = []): Piece[] {
  return fieldPieces([
    ...facts.map((f) => `${bold(escapeMrkdwn(f.label))}\n${escapeMrkdwn(f.value)}`),
    ...more,
  ]);
}

/** Section fields of escaped mrkdwn, as many blocks as Slack's fields-per-section limit needs. */
function fieldPieces(all: readonly string[]): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < all.length; i += SLACK_LIMITS.sectionFields) {
    const fields = all.slice(i, i + SLACK_LIMITS.sectionFields);
    const block = fieldsBlock(fields);
    pieces.push({
      block,
      chars: fields.reduce((sum, f) => sum + Math.min(f.length, SLACK_LIMITS.fieldText), 0),
    });
  }
  return pieces;
}

/** The four letters, each role followed by its holders: "Change manager — Alice Smith, Bob Jones". */
function raciFields(raci: RaciSummary, people: PeopleLabels): string[] {
  // With people after each role, roles are set apart by semicolons: "A — Ann, Bob; B — Cy".
  const separator = people.size > 0 ? "; " : ", ";
  const list = (roles: string[]) =>
    roles.length > 0
      ? roles
          .map((role) => {
            const held = people.get(role);
            return held ? `${escapeMrkdwn(role)} — ${held.join(", ")}` : escapeMrkdwn(role);
          })
          .join(separator)
      : "—";
  return [
    ["Responsible", raci.responsible],
    ["Accountable", raci.accountable],
    ["Consulted", raci.consulted],
    ["Informed", raci.informed],
  ].map(([label, roles]) => `${bold(label as string)}\n${list(roles as string[])}`);
}

/** A role answer's "Held by" field, naming the people behind the role. */
function heldByFields(answer: Answer, people: PeopleLabels): string[] {
  return (answer.holders ?? []).flatMap((h) => {
    const held = people.get(h.role);
    if (!held) return [];
    const label = answer.holders?.length === 1 ? HELD_BY : `${HELD_BY}: ${h.role}`;
    return [`${bold(escapeMrkdwn(label))}\n${held.join(", ")}`];
  });
}

/** A passage with the words that matched the question in bold. */
export function passageText(passage: Passage): string {
  const { text } = passage;
  let out = "";
  let at = 0;
  for (const [start, end] of wordMarks(text, passage.marks)) {
    out += escapeMrkdwn(text.slice(at, start)) + bold(escapeMrkdwn(text.slice(start, end)));
    at = end;
  }
  out += escapeMrkdwn(text.slice(at));
  return passage.location ? `_${escapeMrkdwn(passage.location)}_: ${out}` : out;
}

/** Sorted, merged marks widened to whole words: Slack only renders *bold* at word edges. */
function wordMarks(text: string, marks: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const isWord = (i: number) => /[\p{L}\p{N}]/u.test(text.charAt(i));
  const widened = marks
    .map(([s, e]): [number, number] => [
      Math.max(0, Math.min(s, text.length)),
      Math.max(0, Math.min(e, text.length)),
    ])
    .filter(([s, e]) => e > s)
    .map(([s, e]): [number, number] => {
      let start = s;
      let end = e;
      while (start > 0 && isWord(start - 1)) start--;
      while (end < text.length && isWord(end)) end++;
      return [start, end];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const mark of widened) {
    const last = merged[merged.length - 1];
    if (last && mark[0] <= last[1]) last[1] = Math.max(last[1], mark[1]);
    else merged.push([mark[0], mark[1]]);
  }
  return merged;
}

function sourcesPiece(sources: readonly SourceRef[]): Piece {
  const shown = sources.slice(0, 8).map(sourceText);
  if (sources.length > shown.length) shown.push(`and ${sources.length - shown.length} more`);
  const text = `Sources: ${shown.join(" · ")}`;
  return { block: contextBlock([text]), chars: text.length };
}

function sourceText(source: SourceRef): string {
  return mrkdwnLink(source.url, describeSource(source));
}

function paginate(pieces: Piece[], maxBlocks: number): Piece[][] {
  const pages: Piece[][] = [[]];
  let chars = 0;
  for (const piece of pieces) {
    const current = pages[pages.length - 1] as Piece[];
    if (current.length > 0 && (current.length >= maxBlocks || chars + piece.chars > SLACK_LIMITS.pageText)) {
      pages.push([piece]);
      chars = piece.chars;
    } else {
      current.push(piece);
      chars += piece.chars;
    }
  }
  return pages;
}

function followUpButtons(followUps: readonly FollowUp[]): ButtonSpec[] {
  const seen = new Set<string>();
  const buttons: ButtonSpec[] = [];
  for (const followUp of followUps) {
    const value = encodeAskValue({ q: followUp.question });
    if (!value || seen.has(followUp.question)) continue;
    seen.add(followUp.question);
    buttons.push({ label: followUp.label, actionId: `${ACTIONS.ask}:${buttons.length}`, value });
    if (buttons.length === SLACK_LIMITS.actionsElements) break;
  }
  return buttons;
}

/** Share, or where the answer names people, Share (pinging nobody) and Share and notify. */
function shareButtons(value: string, namesPeople: boolean): ButtonSpec[] {
  if (!namesPeople) return [{ label: SHARE_BUTTON, actionId: ACTIONS.share, value, style: "primary" }];
  return [
    { label: SHARE_QUIETLY_BUTTON, actionId: ACTIONS.share, value, style: "primary" },
    { label: SHARE_AND_NOTIFY_BUTTON, actionId: `${ACTIONS.share}:${SHARE_NOTIFY}`, value },
  ];
}

/**
 * Messages get Slack's native feedback buttons. Views (App Home) do not take the context_actions block
 * (Slack lists it for messages only), so there the same votes are two ordinary buttons.
 */
function feedbackBlocks(feedback: AnswerFeedback, options: AnswerRenderOptions, page: number): KnownBlock[] {
  const value = (vote: "helpful" | "not_helpful") =>
    encodeFeedbackValue(feedback.answerId, vote, options.question, page);
  const blocks: KnownBlock[] = [];
  if (feedback.note) blocks.push({ ...contextBlock([feedback.note]), block_id: FEEDBACK_NOTE_BLOCK_ID });
  if (options.surface === "home") {
    blocks.push({
      ...actionsBlock([
        { label: HELPFUL_BUTTON, actionId: `${ACTIONS.feedback}:helpful`, value: value("helpful") },
        {
          label: NOT_HELPFUL_BUTTON,
          actionId: `${ACTIONS.feedback}:not_helpful`,
          value: value("not_helpful"),
        },
      ]),
      block_id: FEEDBACK_BLOCK_ID,
    });
    return blocks;
  }
  blocks.push(
    feedbackButtonsBlock(
      {
        actionId: ACTIONS.feedback,
        positive: { label: HELPFUL_BUTTON, accessibilityLabel: HELPFUL_LABEL, value: value("helpful") },
        negative: {
          label: NOT_HELPFUL_BUTTON,
          accessibilityLabel: NOT_HELPFUL_LABEL,
          value: value("not_helpful"),
        },
      },
      FEEDBACK_BLOCK_ID,
    ),
  );
  return blocks;
}
