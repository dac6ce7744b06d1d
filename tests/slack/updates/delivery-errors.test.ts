import { describe, expect, it } from "vitest";
import { InstallationNotFoundError } from "../../../src/slack/installations.ts";
import { classifyDeliveryError, DEFAULT_RETRY_AFTER_MS } from "../../../src/slack/updates/delivery-errors.ts";

const platform = (error: string) => ({ code: "slack_webapi_platform_error", data: { ok: false, error } });

describe("classifying a failed post", () => {
  it("gives a workspace with no installation up for good, as access revoked", () => {
    expect(classifyDeliveryError(new InstallationNotFoundError("T0GONE"))).toEqual({
      kind: "permanent",
      code: "not_installed",
      reason: "access_revoked",
    });
  });

  it("waits as long as a 429's Retry-After says", () => {
    expect(classifyDeliveryError({ code: "slack_webapi_rate_limited_error", retryAfter: 7 })).toEqual({
      kind: "rate_limited",
      code: "ratelimited",
      retryAfterMs: 7_000,
    });
  });

  it("waits a default time for a rate limit without Retry-After", () => {
    expect(classifyDeliveryError(platform("ratelimited"))).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: DEFAULT_RETRY_AFTER_MS,
    });
  });

  it.each([
    ["is_archived", "is_archived"],
    ["channel_not_found", "channel_not_found"],
    ["not_in_channel", "not_in_channel"],
    ["account_inactive", "access_revoked"],
    ["invalid_auth", "access_revoked"],
    ["token_revoked", "access_revoked"],
    ["missing_scope", "not_allowed"],
    ["restricted_action_read_only_channel", "not_allowed"],
  ])("treats %s as permanent (%s)", (error, reason) => {
    expect(classifyDeliveryError(platform(error))).toEqual({ kind: "permanent", code: error, reason });
  });

  it.each(["invalid_blocks", "msg_too_long", "no_text"])("blames the payload for %s", (error) => {
    expect(classifyDeliveryError(platform(error))).toEqual({ kind: "payload", code: error });
  });

  it.each([
    [platform("internal_error"), "internal_error"],
    [platform("fatal_error"), "fatal_error"],
    [{ code: "slack_webapi_http_error", statusCode: 502 }, "http_502"],
    [{ code: "slack_webapi_request_error", original: new Error("ECONNRESET") }, "request_failed"],
    [new Error("something else"), "unexpected"],
    [undefined, "unexpected"],
  ])("retries %j later", (error, code) => {
    expect(classifyDeliveryError(error)).toEqual({ kind: "transient", code });
  });
});
