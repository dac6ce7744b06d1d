// What Rolecall says about profiles, in one place so tests assert against it. {placeholders} are filled
// with fill() from src/core/text/template.ts.
export const PROFILE_MESSAGES = Object.freeze({
  /** how to set one, named the way the adapter's command is typed ("/role me", "rolecall me") */
  howToSet:
    "Tell me where you stand with `{command} <role level>` (e.g. `{command} senior IT service manager`) or `{command} <skills at levels>` (e.g. `{command} ITMG 5, PROG 3`).",
  changeIt: "Change it with `{command} <role level or skills>`, or forget it with `{command} clear`.",
  noProfileTitle: "I don't know where you stand yet",
  noProfile: "To answer from where you stand, I need your role level or your skills.",
  unknown: "I couldn't find a role level or skill called “{text}”.",
  fuzzy: "I'm not sure which you meant by “{text}”, so I stored nothing.",
  notARoleLevel:
    "The {role} is a role, not a level on a ladder. Name a role level (e.g. {examples}) or skills at levels.",
  noLevelGiven: "Say the level you hold {skill} at, e.g. “{handle} {level}”.",
  noSuchLevel: "{skill} has no level {level}; its levels are {levels}.",
  tooMany: "A profile can list up to {limit} skills; yours has {count}.",
  tooLong: "A profile can be up to {limit} characters; yours has {length}.",
  duplicateSkill: "{skill} is listed twice; give it once, at the level you hold.",
  goneNotice:
    "Your profile names {names}, which {verb} no longer in the knowledge. Set your profile again to answer from where you stand now.",
  goneTitle: "Your profile names what the knowledge no longer has",
  targetUnknown: "I couldn't find a role level called “{text}” to measure you against.",
  targetNotALevel:
    "The {role} is a role without levels on a ladder, so there is nothing to measure you against.",
  alreadyThere: "You are already at the {target} or above it on the {ladder} ladder.",
  skillsHaveNoLadder:
    "Your profile lists skills, not a role level, so there is no ladder to step up; here is the next level of each skill you hold.",
  atTopOfSkills: "You hold every skill in your profile at its highest level.",
  profileTitle: "Your profile: {label}",
  nextLevel: "Next level",
  /** the question adapters ask for the person's next level (or, without a profile, how to set one) */
  nextLevelQuestion: "what do I need for the next level",
  topGaps: "Top gaps to the {target}",
  nextSkillLevels: "The next level of each of your skills",
  topOfLadder: "the top of the {ladder} ladder",
});
