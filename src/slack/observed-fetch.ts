// The fetch every Web API client of Rolecall's calls Slack through (Bolt's, the delivery worker's), so each
// failed call is reported once, by method and by what Slack said, wherever in the app it was made and
// whether or not a caller catches the error.

/** How a failed Web API call is reported: chat.postMessage + not_in_channel, or + http_503, request_failed. */
export type ApiErrorListener = (method: string, code: string) => void;

/** The failure for a call that got no answer at all (refused connection, timeout, DNS). */
export const REQUEST_FAILED = "request_failed";

export function createObservedFetch(
  apiUrl: string,
  onError: ApiErrorListener,
  underlying: typeof fetch = globalThis.fetch,
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = webApiMethod(apiUrl, url);
    if (!method) return underlying(input, init);
    let response: Response;
    try {
      response = await underlying(input, init);
    } catch (error) {
      onError(method, REQUEST_FAILED);
      throw error;
    }
    const code = await failureOf(response);
    if (code) onError(method, code);
    return response;
  };
}

/** chat.postMessage for https://slack.com/api/chat.postMessage; undefined for anything else (response_url). */
function webApiMethod(apiUrl: string, url: string): string | undefined {
  if (!url.startsWith(apiUrl)) return undefined;
  const method = url.slice(apiUrl.length).split(/[?#]/)[0] ?? "";
  return /^[A-Za-z0-9_.]{1,100}$/.test(method) ? method : undefined;
}

async function failureOf(response: Response): Promise<string | undefined> {
  if (response.status === 429) return "ratelimited";
  if (!response.ok) return `http_${response.status}`;
  if (!(response.headers.get("content-type") ?? "").includes("json")) return undefined;
  try {
    // A copy is read, so the client still reads the body itself.
    const body = (await response.clone().json()) as { ok?: unknown; error?: unknown };
    if (body.ok !== false) return undefined;
    return typeof body.error === "string" && /^[a-z0-9_]{1,80}$/.test(body.error) ? body.error : "unknown";
  } catch {
    return undefined;
  }
}
