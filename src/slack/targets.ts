// Where an answer is shown, and how to tell the person something there. Each surface picks one:
// an ephemeral reply through response_url, a new bot message, an update of a bot message in place,
// or the person's App Home tab.
import type { RespondFn, webApi } from "@slack/bolt";
import type { Answer } from "../core/answer/types.ts";
import { type AnswerSurface, renderAnswer } from "./render/answer.ts";
import type { RenderedMessage } from "./render/help.ts";
import { type HomeContent, renderHome } from "./render/home.ts";

type WebClient = webApi.WebClient;

export interface AnswerTarget {
  readonly surface: AnswerSurface;
  showAnswer(answer: Answer, question: string, page?: number): Promise<void>;
  showMessage(message: RenderedMessage): Promise<void>;
  /** tells the person a short note, e.g. an apology; undefined where there is nobody to tell */
  tell?: (text: string) => Promise<void>;
}

/** Ephemeral answers to commands, shortcuts and their buttons, through the response_url. */
export function ephemeralTarget(respond: RespondFn, options: { replaceOriginal: boolean }): AnswerTarget {
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
    showAnswer: (answer, question, page) =>
      show(renderAnswer(answer, { question, page, surface: "ephemeral" })),
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
    showAnswer: (answer, question, page) =>
      show(renderAnswer(answer, { question, page, surface: "message" })),
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
    showAnswer: (answer, question, page) =>
      show(renderAnswer(answer, { question, page, surface: "message", sharedBy: where.sharedBy })),
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
): AnswerTarget {
  const publish = async (answer?: HomeContent["answer"]) => {
    await client.views.publish({ user_id: userId, view: renderHome({ ...(await content()), answer }) });
  };
  return {
    surface: "home",
    showAnswer: (answer, question, page) => publish({ answer, question, page }),
    showMessage: () => publish(),
  };
}
