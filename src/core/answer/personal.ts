// Answers from where the person stands: their next level, their gap to a role level, and how they
// compare with one. Built on the ladder comparisons (progression.ts); the person's profile is the lower
// rung, and the answer's progression says so (from = the profile, fromProfile = true).
import type { KnowledgeBase } from "../knowledge/model.ts";
import { PROFILE_MESSAGES } from "../profile/messages.ts";
import { standingLabel } from "../profile/standing.ts";
import { fill } from "../text/template.ts";
import { followUp, listWords, makeAnswer, skillHandle, skillLabel } from "./build.ts";
import {
  compareRoleLevelsAnswer,
  ladderOf,
  progressionAnswer,
  skillChanges,
  stepFrom,
  topOfLadderAnswer,
} from "./progression.ts";
import { PROFILE_STEP_ID, type StandingNow, skillsStep } from "./standing-now.ts";
import type { LadderStep } from "./steps.ts";
import type { Answer, SkillChange } from "./types.ts";

/** The words the profile command is typed with in this adapter: "/role me" in Slack, "rolecall me" locally. */
export interface PersonalOptions {
  command: string;
}

/** What the lower rung is called when it is the person's own skills. */
const YOUR_SKILLS = "skills you hold";

export function noProfileAnswer(options: PersonalOptions): Answer {
  return makeAnswer("help", PROFILE_MESSAGES.noProfileTitle, {
    summary: `${PROFILE_MESSAGES.noProfile} ${fill(PROFILE_MESSAGES.howToSet, { command: options.command })}`,
  });
}

/** The profile names only what the knowledge no longer has: say so, and how to set it again. */
function goneAnswer(now: StandingNow, options: PersonalOptions): Answer {
  return makeAnswer("help", PROFILE_MESSAGES.goneTitle, {
    summary: `${goneNotice(now)} ${fill(PROFILE_MESSAGES.howToSet, { command: options.command })}`,
  });
}

export function goneNotice(now: StandingNow): string {
  return goneNoticeOf(now.gone);
}

/** The person as a rung: their role level, or their skills as one; undefined when nothing is left. */
function myStep(now: StandingNow): LadderStep | undefined {
  if (now.step) return now.step;
  return now.skills.length > 0 ? skillsStep(now.skills, YOUR_SKILLS) : undefined;
}

/** Marks an answer as measured from the person's profile, and names the profile. */
function fromProfile(answer: Answer, now: StandingNow, title: string): Answer {
  const label = standingLabel(now.standing);
  const from =
    now.standing.kind === "role_level"
      ? { id: now.standing.roleLevelId, name: now.standing.name }
      : { id: PROFILE_STEP_ID, name: label };
  return {
    ...answer,
    title,
    notices: [...(now.gone.length > 0 ? [goneNotice(now)] : []), ...answer.notices],
    subjects: answer.subjects.filter((s) => s.id !== PROFILE_STEP_ID),
    intent: "progression",
    ...(answer.progression ? { progression: { ...answer.progression, from, fromProfile: true } } : {}),
    ...(answer.table
      ? {
          table: {
            ...answer.table,
            columns: answer.table.columns.map((c) => (c === YOUR_SKILLS ? "You" : c)),
          },
        }
      : {}),
  };
}

/** "What do I need for the next level". */
export function myNextLevelAnswer(kb: KnowledgeBase, now: StandingNow, options: PersonalOptions): Answer {
  const mine = myStep(now);
  if (!mine) return goneAnswer(now, options);
  if (now.step) {
    const next = stepFrom(now.step, "next");
    const answer = next ? progressionAnswer(kb, now.step, next) : topOfLadderAnswer(kb, now.step);
    return fromProfile(answer, now, next ? `Your next level: ${next.roleLevel.name}` : answer.title);
  }
  return fromProfile(nextSkillLevelsAnswer(kb, now), now, PROFILE_MESSAGES.nextSkillLevels);
}

/** A profile of skills has no ladder: the next level of each skill held is the step up. */
function nextSkillLevelsAnswer(kb: KnowledgeBase, now: StandingNow): Answer {
  const changes = nextSkillLevels(kb, now);
  return makeAnswer("progression", PROFILE_MESSAGES.nextSkillLevels, {
    summary: changes.length > 0 ? PROFILE_MESSAGES.skillsHaveNoLadder : PROFILE_MESSAGES.atTopOfSkills,
    sections:
      changes.length > 0
        ? [
            {
              title: PROFILE_MESSAGES.nextSkillLevels,
              items: changes.map(
                (c) => `${c.skill}: ${c.fromLevel} → ${c.toLevel}${c.toText ? `. ${c.toText}` : ""}`,
              ),
            },
          ]
        : [],
    progression: {
      to: { id: PROFILE_STEP_ID, name: PROFILE_MESSAGES.nextSkillLevels },
      changes,
      newResponsibilities: [],
    },
    followUps: changes.slice(0, 5).map((c) => followUp("next_level", `${c.skill} ${c.toLevel}`, c.question)),
  });
}

type SkillStep = SkillChange & { toLevel: number; question: string };

/** Each skill held, one level up where the skill has a higher level. */
export function nextSkillLevels(kb: KnowledgeBase, now: StandingNow): SkillStep[] {
  return now.skills.flatMap((held) => {
    const skill = kb.skills.get(held.skillId);
    const above = skill?.levels.filter((l) => l.level > held.level).sort((a, b) => a.level - b.level)[0];
    if (!skill || !above) return [];
    return [
      {
        skill: skillLabel(skill),
        skillId: skill.id,
        fromLevel: held.level,
        toLevel: above.level,
        change: "rises" as const,
        toText: above.description,
        question: `${skillHandle(skill)} ${above.level}`,
      },
    ];
  });
}

/** "What's my gap to head of IT service management". */
export function myGapAnswer(
  kb: KnowledgeBase,
  now: StandingNow,
  target: LadderStep,
  options: PersonalOptions,
): Answer {
  const mine = myStep(now);
  if (!mine) return goneAnswer(now, options);
  const title = `Your gap to the ${target.roleLevel.name}`;
  if (
    now.step &&
    now.step.role.id === target.role.id &&
    (now.step.roleLevel.rank ?? 0) >= (target.roleLevel.rank ?? 0)
  ) {
    return fromProfile(
      makeAnswer("progression", title, {
        summary: fill(PROFILE_MESSAGES.alreadyThere, {
          target: target.roleLevel.name,
          ladder: target.role.name,
        }),
        progression: {
          to: { id: target.roleLevel.id, name: target.roleLevel.name },
          changes: [],
          newResponsibilities: [],
        },
        facts: [
          {
            label: "Ladder",
            value: ladderOf(target.role)
              .map((l) => l.name)
              .join(" → "),
          },
        ],
      }),
      now,
      title,
    );
  }
  return fromProfile(progressionAnswer(kb, mine, target), now, title);
}

/** "Compare me with lead developer". */
export function compareMeAnswer(
  kb: KnowledgeBase,
  now: StandingNow,
  target: LadderStep,
  options: PersonalOptions,
): Answer {
  const mine = myStep(now);
  if (!mine) return goneAnswer(now, options);
  return fromProfile(
    compareRoleLevelsAnswer(kb, mine, target),
    now,
    `You and the ${target.roleLevel.name}: how you differ`,
  );
}

/** What App Home and `/role me` show: the profile, the next level and the top gaps to it. */
export interface ProfileOverview {
  label: string;
  /** what the profile names that the knowledge no longer has */
  gone: string[];
  next?: { name: string; question: string };
  /** at the top of the ladder: the ladder's name */
  topOf?: string;
  /** the skills to raise or gain for the next level, most important first; each asks for its level text */
  gaps: Array<{ label: string; question: string }>;
}

export function profileOverview(kb: KnowledgeBase, now: StandingNow, limit: number): ProfileOverview {
  const overview: ProfileOverview = { label: standingLabel(now.standing), gone: now.gone, gaps: [] };
  if (now.step) {
    const next = stepFrom(now.step, "next");
    if (!next) return { ...overview, topOf: now.step.role.name };
    const gaps = skillChanges(kb, now.step, next).filter(
      (c): c is SkillChange & { toLevel: number } =>
        (c.change === "rises" || c.change === "new") && c.toLevel !== undefined,
    );
    return {
      ...overview,
      next: { name: next.roleLevel.name, question: PROFILE_MESSAGES.nextLevelQuestion },
      gaps: gaps.slice(0, limit).map((c) => ({
        label: `${c.skill} ${c.fromLevel !== undefined ? `${c.fromLevel} → ` : ""}${c.toLevel}`,
        question: skillQuestion(kb, c.skillId, c.toLevel),
      })),
    };
  }
  return {
    ...overview,
    gaps: nextSkillLevels(kb, now)
      .slice(0, limit)
      .map((c) => ({ label: `${c.skill} ${c.fromLevel} → ${c.toLevel}`, question: c.question })),
  };
}

function skillQuestion(kb: KnowledgeBase, skillId: string, level: number): string {
  const skill = kb.skills.get(skillId);
  return `${skill ? skillHandle(skill) : skillId} ${level}`;
}

/** `/role me` and `rolecall me`: the profile, what it names that is gone, the next level and top gaps. */
export function profileAnswer(overview: ProfileOverview, options: PersonalOptions): Answer {
  const facts = [{ label: "Profile", value: overview.label }];
  if (overview.next) facts.push({ label: PROFILE_MESSAGES.nextLevel, value: overview.next.name });
  if (overview.topOf) {
    facts.push({
      label: PROFILE_MESSAGES.nextLevel,
      value: fill(PROFILE_MESSAGES.topOfLadder, { ladder: overview.topOf }),
    });
  }
  const gapTitle = overview.next
    ? fill(PROFILE_MESSAGES.topGaps, { target: overview.next.name })
    : PROFILE_MESSAGES.nextSkillLevels;
  return makeAnswer("role", fill(PROFILE_MESSAGES.profileTitle, { label: overview.label }), {
    notices: overview.gone.length > 0 ? [goneNoticeOf(overview.gone)] : [],
    facts,
    sections: overview.gaps.length > 0 ? [{ title: gapTitle, items: overview.gaps.map((g) => g.label) }] : [],
    followUps: [
      ...overview.gaps.map((g) => followUp("related", g.label, g.question)),
      ...(overview.next
        ? [followUp("next_level", `What I need for the ${overview.next.name}`, overview.next.question)]
        : []),
    ],
    summary: fill(PROFILE_MESSAGES.changeIt, { command: options.command }),
  });
}

function goneNoticeOf(gone: readonly string[]): string {
  return fill(PROFILE_MESSAGES.goneNotice, {
    names: listWords(gone.map((n) => `“${n}”`)),
    verb: gone.length === 1 ? "is" : "are",
  });
}
