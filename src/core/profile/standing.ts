// Where a person stands: their current role level, or their skills at levels. Plain data that the store,
// the profile file and the answers share; names are kept beside ids so a profile whose role level or
// skill has since left the knowledge can still be shown by name.
import { z } from "zod";

export const PROFILE_LIMITS = Object.freeze({
  /** skills one profile may list */
  maxSkills: 40,
  /** characters of the text after `me` */
  maxTextLength: 500,
  /** gaps shown on App Home and under `/role me` */
  topGaps: 5,
});

const name = z.string().trim().min(1).max(500);
const id = z.string().trim().min(1).max(255);

export const skillAtLevelSchema = z.strictObject({
  /** framework:code, e.g. sfia:ITMG */
  skillId: id,
  level: z.number().int().min(1).max(9),
  name,
});

export const standingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("role_level"), roleId: id, roleLevelId: id, name }),
  z.strictObject({
    kind: z.literal("skills"),
    skills: z.array(skillAtLevelSchema).min(1).max(PROFILE_LIMITS.maxSkills),
  }),
]);

export type SkillAtLevel = z.infer<typeof skillAtLevelSchema>;
export type Standing = z.infer<typeof standingSchema>;

/** "Senior IT service manager" or "IT management (ITMG) 5, Programming (PROG) 3". */
export function standingLabel(standing: Standing): string {
  return standing.kind === "role_level"
    ? standing.name
    : standing.skills.map((s) => `${s.name} ${s.level}`).join(", ");
}

/** A profile as a file keeps it (the console's and CLI's): where the person stands, and since when. */
export const savedProfileSchema = z.strictObject({ standing: standingSchema, updatedAt: z.iso.datetime() });
