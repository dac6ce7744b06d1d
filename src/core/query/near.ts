// Tolerates a typo in a cue word ("acountable", "comapre") without a dictionary.
import { editDistance } from "../text/spelling.ts";

/** True when word is within one edit of target (two for long words), so short words never collide. */
export function isNearWord(word: string, target: string): boolean {
  if (word === target) return true;
  if (word.length < 5 || target.length < 5) return false;
  const allowed = target.length >= 9 ? 2 : 1;
  return editDistance(word, target, allowed) <= allowed;
}
