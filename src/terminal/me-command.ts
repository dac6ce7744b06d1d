// `me [role level | skills at levels | clear]` in the console, and `rolecall me …` on the command line:
// where the person at this terminal stands, kept in the local profile file. And asking with it: a question
// about the asker ("what do I need for the next level") is answered from that profile.

import { MESSAGES } from "../core/answer/messages.ts";
import type { Answer } from "../core/answer/types.ts";
import type { Rolecall } from "../core/engine.ts";
import { PROFILE_MESSAGES } from "../core/profile/messages.ts";
import { fill } from "../core/text/template.ts";
import {
  PROFILE_CLEARED_LOCAL,
  PROFILE_NOTHING_TO_CLEAR,
  PROFILE_REFUSED_LOCAL,
  PROFILE_SAVED_LOCAL,
} from "./messages.ts";
import type { ProfileFile } from "./profile-file.ts";

export const ME_WORD = "me";
const CLEAR_WORD = "clear";

/** What the person sees: an answer to render, or a line of text. */
export type MeOutcome = { answer: Answer } | { text: string; refused?: true };

export function runMe(
  rolecall: Rolecall,
  file: ProfileFile,
  text: string,
  profileCommand: string,
): MeOutcome {
  const context = { profileCommand };
  const rest = text.trim();
  if (rest === "") {
    const standing = file.read();
    return {
      answer: standing
        ? rolecall.describeProfile(standing, context).answer
        : rolecall.ask(PROFILE_MESSAGES.nextLevelQuestion, context),
    };
  }
  if (rest.toLowerCase() === CLEAR_WORD) {
    return {
      text: file.clear() ? fill(PROFILE_CLEARED_LOCAL, { file: file.path }) : PROFILE_NOTHING_TO_CLEAR,
    };
  }
  const read = rolecall.readStanding(rest);
  if (!read.ok) {
    const suggestions =
      read.didYouMean.length > 0 ? ` ${MESSAGES.didYouMean} ${read.didYouMean.join(" or ")}?` : "";
    return { text: `${fill(PROFILE_REFUSED_LOCAL, { problem: read.problem })}${suggestions}`, refused: true };
  }
  file.write(read.standing);
  const { answer, overview } = rolecall.describeProfile(read.standing, context);
  return {
    answer: {
      ...answer,
      notices: [fill(PROFILE_SAVED_LOCAL, { label: overview.label, file: file.path }), ...answer.notices],
    },
  };
}

/** Asks as the person at this terminal: with their profile when the question is about them. */
export function askAsMe(
  rolecall: Rolecall,
  file: ProfileFile | undefined,
  question: string,
  profileCommand: string,
): Answer {
  const profile = file && rolecall.needsProfile(question) ? file.read() : undefined;
  return rolecall.ask(question, { profileCommand, ...(profile ? { profile } : {}) });
}
