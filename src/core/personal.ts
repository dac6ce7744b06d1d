// Questions about the person asking, answered from their profile (plain data the adapter passes in):
// "what do I need for the next level", "what's my gap to …", "compare me with …", and, once a profile is
// set, "how do I become …" / "what do I need for …" measured from it.

import { followUp, makeAnswer } from "./answer/build.ts";
import { MESSAGES } from "./answer/messages.ts";
import {
  compareMeAnswer,
  myGapAnswer,
  myNextLevelAnswer,
  noProfileAnswer,
  type PersonalOptions,
  type ProfileOverview,
  profileAnswer,
  profileOverview,
} from "./answer/personal.ts";
import { type StandingNow, standingNow } from "./answer/standing-now.ts";
import { type LadderStep, roleLevelNamed, stepFor } from "./answer/steps.ts";
import type { Answer } from "./answer/types.ts";
import type { KnowledgeBase } from "./knowledge/model.ts";
import { PROFILE_MESSAGES } from "./profile/messages.ts";
import { PROFILE_LIMITS, type Standing } from "./profile/standing.ts";
import { type PersonalQuestion, readPersonalQuestion, speaksOfSelf } from "./query/personal.ts";
import type { Query } from "./query/types.ts";
import type { SearchIndex } from "./search/build.ts";
import { SEARCH_SETTINGS } from "./search/settings.ts";
import { fill } from "./text/template.ts";

/** What an adapter knows about who is asking. */
export interface AskContext {
  /** where the person stands; undefined when they have not said */
  profile?: Standing;
  /** how the person sets a profile here, for the messages that tell them to: "/role me", "rolecall me" */
  profileCommand?: string;
}

export const DEFAULT_PROFILE_COMMAND = "me";

interface Engine {
  knowledge: KnowledgeBase;
  index: SearchIndex;
  understand(text: string): Query;
}

/** A path question that, with a profile, is measured from it: "how do I become a senior IT service manager". */
function pathFromSelf(engine: Engine, question: string): LadderStep | undefined {
  if (!speaksOfSelf(question)) return undefined;
  const query = engine.understand(question);
  if (query.type !== "progression" || query.direction !== "to" || query.fromRoleId) return undefined;
  return stepFor(engine.knowledge, engine.index, query.roleId);
}

/** Never read as personal: ask() answers an over-long question with its usual "too long". */
function tooLong(question: string): boolean {
  return [...question].length > SEARCH_SETTINGS.maxQuestionLength;
}

/** Whether the answer depends on who asks, so an adapter knows to look the person's profile up first. */
export function needsProfile(engine: Engine, question: string): boolean {
  if (tooLong(question)) return false;
  return readPersonalQuestion(question) !== undefined || pathFromSelf(engine, question) !== undefined;
}

/** The answer from where the person stands, or undefined when the question is not about them. */
export function answerPersonal(engine: Engine, question: string, context: AskContext): Answer | undefined {
  if (tooLong(question)) return undefined;
  const options: PersonalOptions = { command: context.profileCommand ?? DEFAULT_PROFILE_COMMAND };
  const form = readPersonalQuestion(question);
  if (!form) {
    if (!context.profile) return undefined;
    const target = pathFromSelf(engine, question);
    return target ? myGapAnswer(engine.knowledge, now(engine, context.profile), target, options) : undefined;
  }
  if (!context.profile) return noProfileAnswer(options);
  const standing = now(engine, context.profile);
  if (form.form === "next") return myNextLevelAnswer(engine.knowledge, standing, options);
  const target = targetOf(engine, form.target);
  if (!target.step) return targetProblem(form, target);
  return form.form === "gap"
    ? myGapAnswer(engine.knowledge, standing, target.step, options)
    : compareMeAnswer(engine.knowledge, standing, target.step, options);
}

function now(engine: Engine, standing: Standing): StandingNow {
  return standingNow(engine.knowledge, engine.index, standing);
}

interface Target {
  step?: LadderStep;
  /** a role without levels that was named */
  role?: string;
  didYouMean: string[];
}

function targetOf(engine: Engine, text: string): Target {
  const named = roleLevelNamed(engine.index, text);
  if (named) return { step: named, didYouMean: [] };
  const query = engine.understand(text);
  const didYouMean = query.didYouMean ?? [];
  const roleId =
    query.type === "role" || query.type === "progression" || query.type === "raci_reverse"
      ? query.roleId
      : undefined;
  if (roleId === undefined) return { didYouMean };
  const step = stepFor(engine.knowledge, engine.index, roleId);
  const role = engine.knowledge.roles.get(roleId)?.name;
  return { ...(step ? { step } : {}), ...(role ? { role } : {}), didYouMean };
}

function targetProblem(form: Exclude<PersonalQuestion, { form: "next" }>, target: Target): Answer {
  const ask = (name: string) =>
    form.form === "gap" ? `what's my gap to ${name}` : `compare me with ${name}`;
  return makeAnswer("not_found", MESSAGES.notFoundTitle, {
    summary: target.role
      ? fill(PROFILE_MESSAGES.targetNotALevel, { role: target.role })
      : fill(PROFILE_MESSAGES.targetUnknown, { text: form.target }),
    notices:
      target.didYouMean.length > 0 ? [`${MESSAGES.didYouMean} ${target.didYouMean.join(" or ")}?`] : [],
    followUps: target.didYouMean.map((name) => followUp("did_you_mean", name, ask(name))),
  });
}

/** The profile as App Home and `/role me` show it. */
export function describeProfile(
  engine: Engine,
  standing: Standing,
  context: Pick<AskContext, "profileCommand"> = {},
): { overview: ProfileOverview; answer: Answer } {
  const overview = profileOverview(engine.knowledge, now(engine, standing), PROFILE_LIMITS.topGaps);
  const options = { command: context.profileCommand ?? DEFAULT_PROFILE_COMMAND };
  return { overview, answer: profileAnswer(overview, options) };
}
