// Where an answer is shown, and how to tell the person something there. Each surface picks one:
// an ephemeral reply through response_url, a new bot message, an update of a bot message in place,
// or the person's App Home tab.
import type { RespondFn, webApi } from "@slack/bolt";
import type { Answer } from "../core/answer/types.ts";
import type { PeopleLabeller, PeopleLabels, PeopleMode } from "./people/labels.ts";
import { type AnswerFeedback, type AnswerSurface, renderAnswer } from "./render/answer.ts";
import type { RenderedMessage } from "./render/help.ts";
import { type HomeContent, renderHome } from "./render/home.ts";

type WebClient = webApi.WebClient;

export interface AnswerTarget {
  readonly surface: AnswerSurface;
  /** with feedback, the answer carries helpful / not helpful buttons (and the note acknowledging a vote) */
  showAnswer(answer: Answer, question: string, page?: number, feedback?: AnswerFeedback): Promise<void>;
  showMessage(message: RenderedMessage): Promise<void>;
  /** tells the person a short note, e.g. an apology; undefined where there is nobody to tell */
  tell?: (text: string) => Promise<void>;
}

/** The people behind an answer's roles as this surface names them; none when there is no directory. */
async function peopleIn(
  people: PeopleLabeller | undefined,
  answer: Answer,
  mode: PeopleMode,
): Promise<PeopleLabels | undefined> {
  return people && answer.holders?.length ? people.labels(answer, mode) : undefined;
}

/** Ephemeral answers to commands, shortcuts and their buttons, through the response_url. */
export function ephemeralTarget(
  respond: RespondFn,
  options: { replaceOriginal: boolean; people?: PeopleLabeller },
): AnswerTarget {
  const show = async (message: RenderedMessage) => {
    await respond({
      response_type: "ephemeral",
      replace_original: options.replaceOriginal,
      text: message.text,
      blocks: message.blocks,
    });
  };
  return {
    surface: "ephemeral",
    // Mentions in an ephemeral reply render as names and notify nobody.
    showAnswer: async (answer, question, page, feedback) => {
      const people = await peopleIn(options.people, answer, "mention");
      await show(
        renderAnswer(answer, {
          question,
          page,
          surface: "ephemeral",
          feedback,
          ...(people ? { people } : {}),
        }),
      );
    },
    showMessage: show,
    tell: async (text) => {
      await respond({ response_type: "ephemeral", replace_original: false, text });
    },
  };
}

/** A new message from the bot: a DM reply (threaded when the question was) or a thread under a mention. */
export function newMessageTarget(
  client: WebClient,
  where: { channel: string; threadTs?: string; user?: string },
  people?: PeopleLabeller,
): AnswerTarget {
  const show = async (message: RenderedMessage) => {
    await client.chat.postMessage({
      channel: where.channel,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  };
  return {
    surface: "message",
    // A message others can read names people without mentioning them, so nobody is pinged.
    showAnswer: async (answer, question, page, feedback) => {
      const labels = await peopleIn(people, answer, "names");
      await show(
        renderAnswer(answer, {
          question,
          page,
          surface: "message",
          feedback,
          ...(labels ? { people: labels } : {}),
        }),
      );
    },
    showMessage: show,
    tell: async (text) => {
      if (where.user && !where.channel.startsWith("D")) {
        await client.chat.postEphemeral({
          channel: where.channel,
          user: where.user,
          ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
          text,
        });
      } else {
        await client.chat.postMessage({
          channel: where.channel,
          ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
          text,
        });
      }
    },
  };
}

/** A message the bot posted earlier, updated in place with chat.update. */
export function messageUpdateTarget(
  client: WebClient,
  where: { channel: string; ts: string; user: string; threadTs?: string; sharedBy?: string },
  people?: PeopleLabeller,
): AnswerTarget {
  const show = async (message: RenderedMessage) => {
    await client.chat.update({
      channel: where.channel,
      ts: where.ts,
      text: message.text,
      blocks: message.blocks,
    });
  };
  return {
    surface: "message",
    showAnswer: async (answer, question, page, feedback) => {
      const labels = await peopleIn(people, answer, "names");
      await show(
        renderAnswer(answer, {
          question,
          page,
          surface: "message",
          sharedBy: where.sharedBy,
          feedback,
          ...(labels ? { people: labels } : {}),
        }),
      );
    },
    showMessage: show,
    tell: async (text) => {
      await client.chat.postEphemeral({
        channel: where.channel,
        user: where.user,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
        text,
      });
    },
  };
}

/** The person's App Home tab, republished with the answer below the introduction. */
export function homeTarget(
  client: WebClient,
  userId: string,
  content: () => Promise<Omit<HomeContent, "answer">>,
  people?: PeopleLabeller,
): AnswerTarget {
  const publish = async (answer?: HomeContent["answer"]) => {
    await client.views.publish({ user_id: userId, view: renderHome({ ...(await content()), answer }) });
  };
  return {
    surface: "home",
    // A Home tab is seen by its owner alone, so mentions there notify nobody.
    showAnswer: async (answer, question, page, feedback) => {
      const labels = await peopleIn(people, answer, "mention");
      await publish({
        answer,
        question,
        ...(page ? { page } : {}),
        ...(feedback ? { feedback } : {}),
        ...(labels ? { people: labels } : {}),
      });
    },
    showMessage: () => publish(),
  };
}
