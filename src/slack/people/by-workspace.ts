// Which people directory answers for a workspace. One token serves one workspace, so a single directory is
// shared; with OAuth each workspace gets its own, because user groups and people are per workspace and are
// looked up with that workspace's token.
import type { PeopleDirectory } from "./directory.ts";
import { createPeopleLabeller, type PeopleLabeller } from "./labels.ts";

export interface WorkspacePeople {
  directory: PeopleDirectory;
  labeller: PeopleLabeller;
}

/** The people behind the roles as one workspace knows them (teamId from the request). */
export type PeopleOf = (teamId: string | undefined) => WorkspacePeople;

export function createPeopleByWorkspace(
  makeDirectory: (teamId: string | undefined) => PeopleDirectory,
  perWorkspace: boolean,
): PeopleOf {
  const byTeam = new Map<string, WorkspacePeople>();
  return (teamId) => {
    const key = perWorkspace ? (teamId ?? "") : "";
    let people = byTeam.get(key);
    if (!people) {
      const directory = makeDirectory(perWorkspace ? teamId : undefined);
      people = { directory, labeller: createPeopleLabeller(directory) };
      byTeam.set(key, people);
    }
    return people;
  };
}
