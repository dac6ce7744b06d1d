// The engine every adapter holds for the life of the process: it answers from whichever knowledge was handed
// over last, and a hand-over builds the new index in turns while the old one keeps answering.
import { createRolecall, createRolecallInTurns, type Rolecall, type RolecallOptions } from "./engine.ts";
import type { KnowledgeBase } from "./knowledge/model.ts";
import type { InTurnsOptions } from "./search/build.ts";

export type LiveRolecall = Rolecall & {
  /** Resolves when kb answers; until then the knowledge before it does, so no question waits for the index. */
  swap(kb: KnowledgeBase, contentHash?: string): Promise<void>;
  /**
   * Of the knowledge answering now: at start-up, so the start-up publish does not hand the same over
   * again; afterwards the version each answer's feedback record names.
   */
  readonly contentHash: string;
};

export function liveRolecall(
  initial: KnowledgeBase,
  contentHash: string,
  options: RolecallOptions,
  turns: InTurnsOptions = {},
): LiveRolecall {
  let current = createRolecall(initial, options);
  let version = contentHash;
  let handedOver = 0;
  return {
    get contentHash() {
      return version;
    },
    get knowledge() {
      return current.knowledge;
    },
    get index() {
      return current.index;
    },
    ask: (question, context) => current.ask(question, context),
    understand: (question) => current.understand(question),
    needsProfile: (question) => current.needsProfile(question),
    readStanding: (text) => current.readStanding(text),
    describeProfile: (standing, context) => current.describeProfile(standing, context),
    swap: async (kb, hash) => {
      const ticket = ++handedOver;
      const next = await createRolecallInTurns(kb, options, turns);
      // Knowledge handed over later wins, even when its smaller index is ready first.
      if (ticket !== handedOver) return;
      current = next;
      if (hash) version = hash;
    },
  };
}
