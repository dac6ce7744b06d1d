// Slack's assistant panel (Agents & AI Apps), through Bolt's Assistant class. A new thread opens with
// suggested prompts from the knowledge served now; each message gets a title and an "is looking this up"
// status, then the same answer a DM gets. The panel needs a paid plan and the optional manifest entries:
// without them Slack sends none of these events, and every other surface works as before.
//
// Bolt's Assistant is global middleware, so it sees events before the Events API listeners do: the
// deduplicator runs first in each of its chains, so a redelivered assistant event is answered once.
import { Assistant, type AssistantConfig } from "@slack/bolt";
import { errorFields } from "../../../log.ts";
import { createEventDeduplicator, createMemoryEventMemory } from "../../dedupe.ts";
import { ASSISTANT_PROMPTS_TITLE, ASSISTANT_STATUS } from "../../messages.ts";
import { newMessageTarget } from "../../targets.ts";
import { profileOf } from "../ask-for.ts";
import type { ListenerDeps } from "../deps.ts";
import { answerDirectMessage, personDirectMessage } from "../events/direct-message.ts";
import { guarded } from "../guard.ts";
import { suggestedPrompts } from "./prompts.ts";

/** Slack cuts thread titles short; a long question is titled by its start. */
export const MAX_THREAD_TITLE = 100;

export function createRolecallAssistant(deps: ListenerDeps): Assistant {
  // One memory of event ids for the three chains (the Events API listeners' own, where the app has one):
  // an event id is one delivery whatever its type.
  const memory = deps.eventMemory ?? createMemoryEventMemory();
  const deduplicated = () =>
    createEventDeduplicator(deps.logger, { memory, onDuplicate: deps.onDuplicateEvent });
  const config: AssistantConfig = {
    // Rolecall answers each question on its own, so the thread's context (the channel being viewed) is
    // not kept; Bolt's default store would read and rewrite thread history to keep it.
    threadContextStore: { get: async () => ({}), save: async () => undefined },
    threadStarted: [
      deduplicated(),
      async ({ event, client, context, setSuggestedPrompts }) => {
        const thread = event.assistant_thread;
        const target = newMessageTarget(client, { channel: thread.channel_id, threadTs: thread.thread_ts });
        await guarded(deps, "assistant thread started", target, async () => {
          const teamId = context.teamId ?? thread.context?.team_id ?? undefined;
          const profile = await profileOf(deps, {
            userId: thread.user_id,
            ...(teamId ? { teamId } : {}),
          });
          const prompts = suggestedPrompts(deps.rolecall.knowledge, { hasProfile: profile !== undefined });
          if (prompts.length > 0) await setSuggestedPrompts({ title: ASSISTANT_PROMPTS_TITLE, prompts });
        });
      },
    ],
    threadContextChanged: [deduplicated(), async () => undefined],
    userMessage: [
      deduplicated(),
      async ({ event, client, context, setStatus, setTitle }) => {
        const message = personDirectMessage(event);
        if (!message) return;
        await answerDirectMessage(deps, client, message, {
          surface: "assistant message",
          botUserId: context.botUserId,
          teamId: context.teamId,
          before: async (question) => {
            // Bolt's Assistant also takes every threaded DM reply; outside the panel (or without the
            // assistant:write scope) Slack refuses these, and the answer still comes.
            try {
              await setTitle(question.slice(0, MAX_THREAD_TITLE));
              await setStatus(ASSISTANT_STATUS);
            } catch (error) {
              deps.logger.debug("Could not set the assistant thread's title or status", errorFields(error));
            }
          },
        });
      },
    ],
  };
  return new Assistant(config);
}
