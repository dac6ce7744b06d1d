// The people behind the fixture knowledge's roles, for the tests of holders: a roster file and the
// holders of the roles themselves, added to a temporary copy of tests/fixtures/knowledge.
import { copyFixtureKnowledge, type TempKnowledge } from "./knowledge.ts";

export const ALICE = { user: "U0ALICE01", name: "Alice Smith" };
export const BOB = { user: "U0BOB0001", name: "Bob Jones" };
export const CAROL = { user: "U0CAROL01", name: "Carol King" };
/** a name only: the roster knows no Slack account for this person */
export const DAN = { name: "Dan Ode" };

/** The change manager's user group in Slack. */
export const CHANGE_MANAGERS = "change-managers";

export const ROSTER_YAML = `roster:
  - role: change-manager
    people:
      - { user: ${ALICE.user}, name: ${ALICE.name} }
      - { user: ${BOB.user}, name: ${BOB.name} }
  - role: service-desk-manager
    people:
      - { name: ${DAN.name} }
`;

/** The fixture knowledge with holders: a user group for the change manager, a user for the IT service manager. */
export async function copyKnowledgeWithPeople(): Promise<TempKnowledge> {
  const knowledge = await copyFixtureKnowledge();
  await knowledge.edit(
    "roles.yaml",
    "    summary: Runs the change process.\n",
    `    summary: Runs the change process.\n    holders:\n      userGroup: ${CHANGE_MANAGERS}\n`,
  );
  await knowledge.edit(
    "roles.yaml",
    "    summary: Runs the IT services the organisation depends on.\n",
    `    summary: Runs the IT services the organisation depends on.\n    holders:\n      users: [${CAROL.user}]\n`,
  );
  await knowledge.write("roster.yaml", ROSTER_YAML);
  return knowledge;
}
