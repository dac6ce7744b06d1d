// Questions about the person asking: "what do I need for the next level", "what's my gap to head of IT
// service management", "compare me with lead developer". They are answered from the person's profile.
import { fold } from "../text/normalize.ts";

export type PersonalQuestion =
  | { form: "next" }
  | { form: "gap"; target: string }
  | { form: "compare"; target: string };

const ARTICLE = String.raw`(?:(?:an?|the)\s+)?`;
const ME = String.raw`(?:me|myself|my\s+(?:profile|skills|level|role|role\s+level))`;
const COMPARE_ME = new RegExp(
  String.raw`\bcompare\s+${ME}\s+(?:with|to|against|and|versus|vs)\s+${ARTICLE}(.+)$`,
);
const COMPARE_TO_ME = new RegExp(String.raw`\bcompare\s+${ARTICLE}(.+?)\s+(?:with|to|and|versus|vs)\s+me$`);
const HOW_DO_I_COMPARE = new RegExp(
  String.raw`\bhow\s+do\s+i\s+compare\s+(?:with|to|against)\s+${ARTICLE}(.+)$`,
);
const MY_GAP = new RegExp(
  String.raw`\bmy\s+(?:skills?\s+)?gaps?\s+(?:to|for|with|towards?|against)\s+(?:becoming\s+|being\s+)?${ARTICLE}(.+)$`,
);
const HOW_FAR = new RegExp(
  String.raw`\bhow\s+far\s+(?:am\s+i|i\s+am)\s+from\s+(?:becoming\s+|being\s+)?${ARTICLE}(.+)$`,
);
const NEXT =
  /\bnext\s+(?:level|step|rung|role|grade|promotion)\b|\bwhat\s+(?:is\s+|comes\s+)?next\s+for\s+me\b/;
const SPEAKS_OF_SELF = /\b(?:i|me|my|mine|myself|im)\b/;

export function readPersonalQuestion(question: string): PersonalQuestion | undefined {
  const text = fold(question);
  for (const pattern of [COMPARE_ME, COMPARE_TO_ME, HOW_DO_I_COMPARE]) {
    const target = pattern.exec(text)?.[1];
    if (target) return { form: "compare", target };
  }
  for (const pattern of [MY_GAP, HOW_FAR]) {
    const target = pattern.exec(text)?.[1];
    if (target) return { form: "gap", target };
  }
  if (NEXT.test(text) && SPEAKS_OF_SELF.test(text) && !/\b(?:after|above|from)\b/.test(text))
    return { form: "next" };
  return undefined;
}

/** "How do I become …", "what do I need for …": a path question that, with a profile, starts from it. */
export function speaksOfSelf(question: string): boolean {
  return SPEAKS_OF_SELF.test(fold(question));
}
