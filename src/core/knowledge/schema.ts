// The one schema every knowledge file is validated against. The JSON Schema published for editors
// (knowledge/rolecall.schema.json) is generated from these definitions, so the two cannot drift.
import { z } from "zod";

const text = z.string().trim().min(1, "must not be empty");
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and hyphens, e.g. change-management");
const skillCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "must be a code such as ITMG");
const frameworkId = z.string().regex(/^[a-z][a-z0-9-]*$/, "must be a lower-case framework id such as sfia");
const levelNumber = z.number().int().min(1).max(9);
const skillId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:[A-Za-z0-9][A-Za-z0-9-]*$/, "must be framework:code, e.g. sfia:ITMG");
const url = z.string().url("must be a full URL such as https://sfia-online.org/");
/** A Slack member id: U… for most people, W… on Enterprise Grid. */
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user id such as U0123ABCD");
const userGroupHandle = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "must be a Slack user group handle such as change-managers (lower case, without the @)",
  );

/** A calendar date, YYYY-MM-DD (quote it or not: the YAML here reads it as text). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2025-01-29")
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    "must be a real calendar date such as 2025-01-29",
  );

/**
 * Who keeps some knowledge correct, and how often they confirm it: a Slack user id (U0123ABCD) or a user
 * group (its handle, @it-ops, or id, S0123ABCD), and an interval in days or weeks (90d, 12w).
 */
export const reviewSchema = z.strictObject({
  owner: z
    .string()
    .regex(
      /^([UW][A-Z0-9]{2,}|S[A-Z0-9]{2,}|@[a-z0-9][a-z0-9._-]*)$/,
      "must be a Slack user id such as U0123ABCD, or a user group as @handle or S0123ABCD",
    ),
  every: z.string().regex(/^[1-9][0-9]{0,3}[dw]$/, "must be a number of days or weeks such as 90d or 12w"),
});

/** A titled paragraph: a work activity, a training topic, an area of responsibility, a note. */
export const titledTextSchema = z.strictObject({ title: text, text: text });

export const linkSchema = z.strictObject({ title: text, url });

export const sourceSchema = z.strictObject({
  id,
  title: text,
  publisher: text.optional(),
  url: url.optional(),
  licence: text.optional(),
  description: text.optional(),
  keywords: z.array(text).optional(),
  links: z.array(linkSchema).optional(),
  notes: z.array(text).optional(),
  /** when the source itself was last published or updated, e.g. the date of an SFIA export */
  updated: isoDate.optional(),
  /** who reviews the knowledge citing this source, and how often; a file's own review wins */
  review: reviewSchema.optional(),
});

export const frameworkSchema = z.strictObject({
  id: frameworkId,
  name: text,
  fullName: text.optional(),
  version: text,
  tagline: text.optional(),
  url: url.optional(),
  /** What a level number means in this framework, e.g. "level of responsibility" or "skill level". */
  levelTerm: text.optional(),
  sources: z.array(id).optional(),
});

export const attributeSchema = z.strictObject({ name: text, text });

/** A generic level of a framework: an SFIA level of responsibility or a DDaT skill level. */
export const genericLevelSchema = z.strictObject({
  framework: frameworkId,
  level: levelNumber,
  name: text,
  /** Other ways people write the name, e.g. "Ensure/advise" for "Ensure, advise". */
  aliases: z.array(text).optional(),
  description: text,
  attributes: z.array(attributeSchema).optional(),
  sources: z.array(id).optional(),
});

export const skillLevelSchema = z.strictObject({ level: levelNumber, description: text });

export const versionChangeSchema = z.strictObject({
  version: text,
  title: text.optional(),
  renamedTo: text.optional(),
  notes: z.array(text).min(1),
  links: z.array(linkSchema).optional(),
});

/** An earlier wording of the same skill, kept for reference. */
export const skillRevisionSchema = z.strictObject({
  label: text,
  version: text.optional(),
  name: text.optional(),
  category: text.optional(),
  subcategory: text.optional(),
  description: text.optional(),
  levels: z.array(skillLevelSchema),
  sources: z.array(id).optional(),
});

export const skillSchema = z.strictObject({
  framework: frameworkId,
  code: skillCode,
  name: text,
  /** Framework version this wording belongs to. */
  version: text.optional(),
  formerNames: z.array(text).optional(),
  aliases: z.array(text).optional(),
  category: text.optional(),
  subcategory: text.optional(),
  description: text,
  guidanceNotes: text.optional(),
  url: url.optional(),
  levels: z.array(skillLevelSchema).min(1, "a skill needs at least one level"),
  /** Says why the skill has no text at the other levels, e.g. "not typically observed". */
  undefinedLevelsNote: text.optional(),
  changes: z.array(versionChangeSchema).optional(),
  revisions: z.array(skillRevisionSchema).optional(),
  sources: z.array(id).optional(),
});

export const knowledgeItemSchema = z.strictObject({
  name: text,
  depth: z.enum(["Aware of", "Familiar with", "Proficient in", "Expert in"]).optional(),
  type: text,
  description: text,
});

export const qualificationSchema = z.strictObject({ title: text, awardingBody: text });

export const roleSkillSchema = z.strictObject({
  /** framework:code, e.g. ddat:it-ops-service-reporting or sfia:ITMG */
  skill: skillId,
  level: levelNumber,
  /** The level's name where the framework names it, e.g. Working. */
  levelName: text.optional(),
  /** What the role needs at that level, when it differs from the skill's own level text. */
  description: text.optional(),
  category: text.optional(),
});

/** A level within a role family ladder, e.g. DDaT's "Senior IT service manager". Ids are unique across all roles. */
export const roleLevelSchema = z.strictObject({
  id,
  name: text,
  /** Position on the ladder, 1 = most junior. */
  rank: z.number().int().min(1).optional(),
  description: text,
  roleType: text.optional(),
  skills: z.array(roleSkillSchema).optional(),
});

export const relatedRoleSchema = z.strictObject({ role: id, relation: text });

/**
 * A link to the same work in another framework: a RACI role, a DDaT role and a SFIA skill that describe
 * one job. Links go both ways: an answer about any of them offers the others.
 */
export const seeAlsoSchema = z.union([
  z.strictObject({ skill: skillId }),
  z.strictObject({ role: id }),
  z.strictObject({ raci: id }),
]);

/** Who holds a role in this organisation's Slack: a user group whose members hold it, and/or named members. */
export const roleHoldersSchema = z.strictObject({
  /** the group's handle as people @mention it, without the @ */
  userGroup: userGroupHandle.optional(),
  users: z.array(slackUserId).optional(),
});

export const roleSchema = z.strictObject({
  id,
  name: text,
  framework: frameworkId.optional(),
  family: text.optional(),
  aliases: z.array(text).optional(),
  summary: text,
  overview: z.array(text).optional(),
  responsibilities: z.array(text).optional(),
  areas: z.array(titledTextSchema).optional(),
  background: z.array(titledTextSchema).optional(),
  workActivities: z.array(titledTextSchema).optional(),
  knowledge: z.array(knowledgeItemSchema).optional(),
  professionalSkills: z.array(text).optional(),
  personalQualities: z.array(text).optional(),
  training: z.array(titledTextSchema).optional(),
  developmentActivities: z.array(titledTextSchema).optional(),
  qualifications: z.array(qualificationSchema).optional(),
  skills: z.array(roleSkillSchema).optional(),
  roleLevels: z.array(roleLevelSchema).optional(),
  relatedRoles: z.array(relatedRoleSchema).optional(),
  seeAlso: z.array(seeAlsoSchema).optional(),
  notes: z.array(titledTextSchema).optional(),
  holders: roleHoldersSchema.optional(),
  sources: z.array(id).optional(),
});

export const raciKindSchema = z.enum(["process", "practice", "tool"]);
const roleRefs = z.union([id, z.array(id)]);

export const raciRowSchema = z.strictObject({
  id,
  kind: raciKindSchema,
  name: text,
  aliases: z.array(text).optional(),
  description: text,
  /** Practices only: how mature the practice is in this organisation. */
  maturity: z.strictObject({ level: z.number().int().min(1).max(5), name: text }).optional(),
  responsible: roleRefs.optional(),
  accountable: roleRefs,
  consulted: roleRefs.optional(),
  informed: roleRefs.optional(),
  seeAlso: z.array(seeAlsoSchema).optional(),
  sources: z.array(id).optional(),
});

/** A person in the roster: their Slack user id, the name the console shows, or both. */
export const rosterPersonSchema = z
  .strictObject({ user: slackUserId.optional(), name: text.optional() })
  .refine((person) => person.user !== undefined || person.name !== undefined, {
    message: "a person needs a Slack user id (user), a name, or both",
  });

/** Who holds a role, kept apart from the role itself (e.g. in knowledge/roster.yaml). */
export const rosterEntrySchema = z.strictObject({
  role: id,
  people: z.array(rosterPersonSchema).min(1, "a roster entry needs at least one person"),
});

/** One knowledge file. Every section is optional; files are merged and ids must be unique across them. */
export const knowledgeFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** who reviews this file's knowledge, and how often */
  review: reviewSchema.optional(),
  sources: z.array(sourceSchema).optional(),
  frameworks: z.array(frameworkSchema).optional(),
  levels: z.array(genericLevelSchema).optional(),
  skills: z.array(skillSchema).optional(),
  roles: z.array(roleSchema).optional(),
  raci: z.array(raciRowSchema).optional(),
  roster: z.array(rosterEntrySchema).optional(),
});

export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;
export type SourceInput = z.infer<typeof sourceSchema>;
export type ReviewInput = z.infer<typeof reviewSchema>;
export type FrameworkInput = z.infer<typeof frameworkSchema>;
export type GenericLevelInput = z.infer<typeof genericLevelSchema>;
export type SkillInput = z.infer<typeof skillSchema>;
export type RoleInput = z.infer<typeof roleSchema>;
export type RoleLevelInput = z.infer<typeof roleLevelSchema>;
export type RaciRowInput = z.infer<typeof raciRowSchema>;
export type RaciKind = z.infer<typeof raciKindSchema>;
export type RoleHoldersInput = z.infer<typeof roleHoldersSchema>;
export type RosterPersonInput = z.infer<typeof rosterPersonSchema>;

export function knowledgeJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(knowledgeFileSchema, { target: "draft-7", io: "input" }),
    title: "Rolecall knowledge file",
  };
}
