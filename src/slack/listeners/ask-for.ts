// Asking the core on someone's behalf: a question about the asker ("what do I need for the next level")
// is answered from their profile, looked up by the user and team of the signed request.
import type { Answer } from "../../core/answer/types.ts";
import type { Standing } from "../../core/profile/standing.ts";
import { PROFILE_COMMAND } from "../messages.ts";
import type { ListenerDeps, Person } from "./deps.ts";

export async function askFor(
  deps: Pick<ListenerDeps, "rolecall" | "profiles">,
  question: string,
  person: Person | undefined,
): Promise<Answer> {
  const profile = deps.rolecall.needsProfile(question) ? await profileOf(deps, person) : undefined;
  return deps.rolecall.ask(question, { profileCommand: PROFILE_COMMAND, ...(profile ? { profile } : {}) });
}

/** The person's stored standing; undefined without a store, a team, or a profile. */
export async function profileOf(
  deps: Pick<ListenerDeps, "profiles">,
  person: Person | undefined,
): Promise<Standing | undefined> {
  if (!deps.profiles || !person?.teamId) return undefined;
  return (await deps.profiles.store.getProfile(person.teamId, person.userId))?.standing;
}
