// The App Home tab: what Rolecall can do, example questions, the frameworks it knows, the person's
// framework-update subscriptions (the channels they post to) and, after a button press, the answer itself.

import type { ProfileOverview } from "../../core/answer/personal.ts";
import type { Answer } from "../../core/answer/types.ts";
import { listWords } from "../../core/text/list-words.ts";
import { fill } from "../../core/text/template.ts";
import { encodeAskValue } from "../action-value.ts";
import { ACTIONS } from "../ids.ts";
import {
  ADMIN_TITLE,
  FRAMEWORKS_TITLE,
  HOME_GAPS,
  HOME_GONE,
  HOME_INTRO,
  HOME_NEXT_LEVEL,
  HOME_NO_PROFILE,
  HOME_TOP_OF_LADDER,
  HOW_TO_ASK,
  KNOWLEDGE_PROBLEMS_TITLE,
  LAST_PUBLISH_TITLE,
  NO_SUBSCRIPTIONS,
  PEOPLE_NOTES_TITLE,
  PROFILE_TITLE,
  SUBSCRIPTIONS_TITLE,
  SWITCHED_OFF_TITLE,
  TRY_ASKING,
  UPDATES_HELP,
  UPDATES_TITLE,
} from "../messages.ts";
import type { PeopleLabels } from "../people/labels.ts";
import { type AnswerFeedback, renderAnswer } from "./answer.ts";
import type { HomeView, KnownBlock } from "./block-kit.ts";
import { actionsBlock, type ButtonSpec, headerBlock, sectionBlock } from "./blocks.ts";
import { clampMrkdwn, escapeMrkdwn } from "./escape.ts";
import { exampleButtons } from "./help.ts";
import { SLACK_LIMITS } from "./limits.ts";

export interface FrameworkSummary {
  name: string;
  version: string;
  fullName?: string;
}

export interface HomeContent {
  frameworks: readonly FrameworkSummary[];
  examples: readonly string[];
  /** channel ids the person's subscriptions post to; undefined until notifications exist */
  subscriptionChannels?: readonly string[];
  /** the admins' section, already as escaped mrkdwn; only for people who may read reports */
  admin?: AdminHome;
  /** the person's profile (overview undefined: they have none yet); absent when the app has no store */
  profile?: { overview?: ProfileOverview };
  /** an answer to show below the introduction, after an example or follow-up button was pressed */
  answer?: {
    answer: Answer;
    question: string;
    page?: number;
    people?: PeopleLabels;
    feedback?: AnswerFeedback;
  };
  /** what stops answers from naming people, shown to admins only (escaped mrkdwn lines) */
  peopleNotes?: readonly string[];
}

export interface AdminHome {
  gaps: string;
  lastPublish: string;
  problems: string;
  switchedOff: string;
}

/** divider, title, and one section each for gaps, last publish, problems, switched-off subscriptions */
const ADMIN_BLOCKS = 6;

export function renderHome(content: HomeContent): HomeView {
  const blocks: KnownBlock[] = [headerBlock("Rolecall"), sectionBlock(HOME_INTRO)];
  const profile = content.profile ? profileBlocks(content.profile.overview) : [];
  blocks.push(...profile);

  if (content.answer) {
    const room =
      SLACK_LIMITS.blocksPerView -
      9 -
      profile.length -
      (content.subscriptionChannels ? 1 : 0) -
      (content.peopleNotes?.length ? 1 : 0) -
      (content.admin ? ADMIN_BLOCKS : 0);
    const rendered = renderAnswer(content.answer.answer, {
      question: content.answer.question,
      page: content.answer.page,
      surface: "home",
      feedback: content.answer.feedback,
      maxBlocks: room,
      ...(content.answer.people ? { people: content.answer.people } : {}),
    });
    blocks.push({ type: "divider" }, ...rendered.blocks, { type: "divider" });
  }

  const examples = exampleButtons(content.examples);
  if (examples.length > 0) blocks.push(sectionBlock(`*${TRY_ASKING}*`), actionsBlock(examples));
  blocks.push(sectionBlock(`*How to ask*\n${HOW_TO_ASK}`));
  blocks.push(sectionBlock(`*${UPDATES_TITLE}*\n${UPDATES_HELP}`));
  blocks.push(sectionBlock(`*${FRAMEWORKS_TITLE}*\n${content.frameworks.map(frameworkLine).join("\n")}`));

  if (content.subscriptionChannels) {
    const channels = content.subscriptionChannels.filter((c) => /^[CG][A-Z0-9]+$/.test(c));
    const text = channels.length > 0 ? channels.map((c) => `• <#${c}>`).join("\n") : NO_SUBSCRIPTIONS;
    blocks.push(sectionBlock(`*${SUBSCRIPTIONS_TITLE}*\n${text}`));
  }
  if (content.peopleNotes?.length) {
    const notes = content.peopleNotes.map((note) => `• ${note}`).join("\n");
    blocks.push(sectionBlock(clampMrkdwn(`*${PEOPLE_NOTES_TITLE}*\n${notes}`, SLACK_LIMITS.sectionText)));
  }
  if (content.admin) blocks.push(...adminBlocks(content.admin));
  return { type: "home", blocks: blocks.slice(0, SLACK_LIMITS.blocksPerView) };
}

function frameworkLine(framework: FrameworkSummary): string {
  const name = `${escapeMrkdwn(framework.name)} ${escapeMrkdwn(framework.version)}`;
  return framework.fullName ? `• *${name}*: ${escapeMrkdwn(framework.fullName)}` : `• *${name}*`;
}

function adminBlocks(admin: AdminHome): KnownBlock[] {
  return [
    { type: "divider" },
    headerBlock(ADMIN_TITLE),
    sectionBlock(admin.gaps),
    sectionBlock(`*${LAST_PUBLISH_TITLE}*\n${admin.lastPublish}`),
    sectionBlock(`*${KNOWLEDGE_PROBLEMS_TITLE}*\n${admin.problems}`),
    sectionBlock(`*${SWITCHED_OFF_TITLE}*\n${admin.switchedOff}`),
  ];
}

/** Where the person stands, their next level, and a button per top gap that opens its level text. */
function profileBlocks(overview: ProfileOverview | undefined): KnownBlock[] {
  if (!overview) return [sectionBlock(`*${PROFILE_TITLE}*\n${HOME_NO_PROFILE}`)];
  const lines = [`*${PROFILE_TITLE}*`, escapeMrkdwn(overview.label)];
  if (overview.gone.length > 0) {
    const names = listWords(overview.gone.map((n) => `“${escapeMrkdwn(n)}”`));
    lines.push(fill(HOME_GONE, { names, verb: overview.gone.length === 1 ? "is" : "are" }));
  }
  if (overview.next) lines.push(fill(HOME_NEXT_LEVEL, { name: escapeMrkdwn(overview.next.name) }));
  if (overview.topOf) lines.push(fill(HOME_TOP_OF_LADDER, { ladder: escapeMrkdwn(overview.topOf) }));
  const buttons: ButtonSpec[] = overview.gaps.flatMap((gap, index) => {
    const value = encodeAskValue({ q: gap.question });
    return value ? [{ label: gap.label, actionId: `${ACTIONS.ask}:gap-${index}`, value }] : [];
  });
  if (buttons.length > 0) lines.push(HOME_GAPS);
  const blocks: KnownBlock[] = [sectionBlock(lines.join("\n"))];
  if (buttons.length > 0) blocks.push(actionsBlock(buttons));
  return blocks;
}
