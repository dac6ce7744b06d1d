// What the Details button shows: the stored changes of one publish, narrowed to what the channel follows,
// one page at a time. The Slack action handler calls showChangeDetails with the button's value.
import { z } from "zod";
import { CHANGE_KINDS, type Change, matchesSubscription } from "../../core/changes/index.ts";
import type { Store } from "../../store/types.ts";
import { sectionBlock } from "../render/blocks.ts";
import { ChangeDetailsValueError, decodeDetailsValue } from "./details-value.ts";
import { renderChangeDetails, type SlackMessage } from "./message.ts";
import { DETAILS_GONE, DETAILS_INVALID } from "./messages.ts";

// Only what rendering and matching read is checked; the rest of each change passes through.
const storedChangesSchema = z.array(
  z.looseObject({
    type: z.string(),
    kind: z.enum(CHANGE_KINDS),
    id: z.string(),
    name: z.string(),
    summary: z.string(),
    framework: z.string().optional(),
    level: z.number().optional(),
    excerpt: z.string().optional(),
    roles: z.array(z.string()).optional(),
  }),
);

const storedFrameworksSchema = z.looseObject({
  frameworks: z.array(z.looseObject({ id: z.string(), name: z.string() })),
});

/**
 * The page of changes a Details (or Next/Previous) button asks for. A value that is not ours, or names a
 * publish no longer stored, gets a short explanation instead. Store failures are thrown.
 */
export async function showChangeDetails(
  store: Pick<Store, "getSnapshot">,
  value: unknown,
): Promise<SlackMessage> {
  let ref: ReturnType<typeof decodeDetailsValue>;
  try {
    ref = decodeDetailsValue(value);
  } catch (error) {
    if (error instanceof ChangeDetailsValueError) return note(DETAILS_INVALID);
    throw error;
  }
  const snapshot = await store.getSnapshot(ref.snapshotId);
  const stored = storedChangesSchema.safeParse(snapshot?.changes);
  if (!snapshot || !stored.success) return note(DETAILS_GONE);
  const changes = stored.data as unknown as Change[];
  const filters = ref.filters;
  const selected = filters ? changes.filter((c) => filters.some((f) => matchesSubscription(c, f))) : changes;
  const frameworks = storedFrameworksSchema.safeParse(snapshot.knowledge);
  const frameworkNames = new Map(
    frameworks.success ? frameworks.data.frameworks.map((f) => [f.id, f.name] as const) : [],
  );
  const { text, blocks } = renderChangeDetails({
    changes: selected,
    ref,
    frameworkNames,
    publishedAt: snapshot.createdAt,
  });
  return { text, blocks };
}

function note(text: string): SlackMessage {
  return { text, blocks: [sectionBlock(text)] };
}
