// User-facing wording that more than one answer uses, kept in one place so tests can assert against it.
export const MESSAGES = Object.freeze({
  tooLongTitle: "That question is too long",
  tooLong: (length: number, limit: number) =>
    `Questions can be up to ${limit} characters; yours has ${length}. Ask about one skill, level, role or process at a time, e.g. "ITMG 5" or "who is accountable for change management".`,
  notFoundTitle: "I couldn't find that",
  notFound: (question: string) =>
    `Nothing in the knowledge base matches “${question}”. Try a skill code or name with a level (“ITMG 5”), a role (“IT service manager”), or a process (“who is accountable for incident management”).`,
  didYouMean: "Did you mean",
  /** {date} as "12 Nov 2026": when the answered knowledge last changed */
  updated: "Updated {date}",
  /** {date}: when its owner's review interval ran out */
  reviewDue: "Due for review since {date}",
  helpTitle: "What Rolecall can answer",
  emptyRaci: (role: string, letter?: string) =>
    letter
      ? `The ${role} is not ${letter} for any process, practice or tool in the RACI.`
      : `The ${role} does not appear in the RACI.`,
});
