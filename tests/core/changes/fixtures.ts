// Builds knowledge snapshots from small inline YAML, as the loader would from knowledge files.

import { diffSnapshots } from "../../../src/core/changes/diff.ts";
import { type KnowledgeSnapshot, toSnapshot } from "../../../src/core/changes/snapshot.ts";
import type { Change } from "../../../src/core/changes/types.ts";
import { buildKnowledge } from "../../../src/core/knowledge/load.ts";
import { formatProblem } from "../../../src/core/knowledge/problems.ts";

/** The frameworks and roles most fixtures refer to. */
export const BASE_YAML = `
frameworks:
  - { id: sfia, name: SFIA, version: "7" }
  - { id: org, name: Our organisation, version: "1" }
roles:
  - { id: change-manager, name: Change manager, framework: org, summary: Runs change. }
  - { id: it-service-manager, name: IT service manager, framework: org, summary: Runs the service. }
  - { id: service-desk-manager, name: Service desk manager, framework: org, summary: Runs the desk. }
  - { id: problem-manager, name: Problem manager, framework: org, summary: Finds root causes. }
`;

/** A snapshot of the given knowledge files; throws with every problem when the YAML is not valid knowledge. */
export function snapshotOf(...texts: string[]): KnowledgeSnapshot {
  const { kb, problems } = buildKnowledge(texts.map((text, i) => ({ file: `fixture-${i}.yaml`, text })));
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join("\n"));
  return toSnapshot(kb);
}

/** The changes between two sets of knowledge files, each loaded beside BASE_YAML. */
export function changesBetween(before: string | string[], after: string | string[]): Change[] {
  return diffSnapshots(snapshotOf(BASE_YAML, ...[before].flat()), snapshotOf(BASE_YAML, ...[after].flat()));
}

/** Replaces one passage of a fixture, failing loudly when it is not there (so a test cannot silently test nothing). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}
