package com.deskstats.delivery;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;

/** A Slack call that failed for good (permanent error, or retries exhausted). */
public final class SlackFailure extends Exception {
  private final String code;
  private final boolean permanent;
  private final int attempts;

  public SlackFailure(String code, boolean permanent, int attempts, Throwable cause) {
    super(code, cause);
    this.code = code;
    this.permanent = permanent;
    this.attempts = attempts;
  }

  /** Slack's error code ("channel_not_found"), "http_503", "network", "bad_response" or "ratelimited". */
  public String code() {
    return code;
  }

  /** True when retrying could not help (a wrong channel, token or scope). */
  public boolean permanent() {
    return permanent;
  }

  public int attempts() {
    return attempts;
  }

  /** One sentence for a Slack user or the delivery record, in English; never contains a token. */
  public String sentence(String channelId) {
    return sentence(channelId, Texts.of(Language.EN));
  }

  /** One sentence in the reader's language; never contains a token. */
  public String sentence(String channelId, Texts x) {
    String n = String.valueOf(attempts);
    return switch (code) {
      case "channel_not_found" -> x.get("posts.slack.channel_not_found", channelId);
      case "not_in_channel" -> x.get("posts.slack.not_in_channel", channelId);
      case "is_archived" -> x.get("posts.slack.is_archived", channelId);
      case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
          x.get("posts.slack.bad_token", code);
      case "missing_scope" -> x.get("posts.slack.missing_scope");
      case "ratelimited" -> x.get("posts.slack.ratelimited", n);
      case "network", "bad_response" -> x.get("posts.slack.unreachable", n, code);
      default -> code.startsWith("http_") || !permanent
          ? x.get("posts.slack.failed", n, code)
          : x.get("posts.slack.refused", code);
    };
  }
}
