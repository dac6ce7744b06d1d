// /role me [role level | skills at levels | clear]: where the person stands, for career questions asked
// from it. Whose profile it is comes from the signed request (user_id, team_id), never from the text, so
// nobody can set or clear another person's profile. A store failure reaches the command's guard, which
// logs it and apologises with a reference.
import { PROFILE_MESSAGES } from "../../../core/profile/messages.ts";
import { fill } from "../../../core/text/template.ts";
import {
  NO_PROFILE_TO_CLEAR,
  PROFILE_CLEARED,
  PROFILE_COMMAND,
  PROFILE_NOT_SAVED,
  PROFILE_SAVED,
  PROFILE_SUGGESTIONS,
  PROFILES_OFF,
} from "../../messages.ts";
import { escapeMrkdwn } from "../../render/escape.ts";
import type { Subcommand } from "./command-listener.ts";
import { replier } from "./notification-command.ts";

export const CLEAR_WORD = "clear";
const context = { profileCommand: PROFILE_COMMAND };

export const meCommand: Subcommand = async ({ deps, args, target, rest }) => {
  const say = replier(args);
  const profiles = deps.profiles;
  if (!profiles) return say(PROFILES_OFF);
  const person = { teamId: args.command.team_id, userId: args.command.user_id };
  const text = rest.trim();
  if (text === "") {
    const profile = await profiles.store.getProfile(person.teamId, person.userId);
    const shown = profile
      ? deps.rolecall.describeProfile(profile.standing, context).answer
      : deps.rolecall.ask(PROFILE_MESSAGES.nextLevelQuestion, context);
    return target.showAnswer(shown, "");
  }
  if (text.toLowerCase() === CLEAR_WORD) {
    const cleared = await profiles.store.clearProfile(person.teamId, person.userId);
    return say(cleared ? PROFILE_CLEARED : NO_PROFILE_TO_CLEAR);
  }
  const read = deps.rolecall.readStanding(text);
  if (!read.ok) {
    const names = read.didYouMean.map((n) => `“${escapeMrkdwn(n)}”`).join(" or ");
    const suggestions = names ? ` ${fill(PROFILE_SUGGESTIONS, { names })}` : "";
    return say(`${fill(PROFILE_NOT_SAVED, { problem: escapeMrkdwn(read.problem) })}${suggestions}`);
  }
  const saved = await profiles.store.setProfile({ ...person, standing: read.standing });
  const { answer, overview } = deps.rolecall.describeProfile(saved.standing, context);
  await target.showAnswer(
    { ...answer, notices: [fill(PROFILE_SAVED, { label: overview.label }), ...answer.notices] },
    "",
  );
};
