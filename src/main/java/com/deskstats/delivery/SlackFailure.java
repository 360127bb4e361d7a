package com.deskstats.delivery;

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

  /** One sentence for a Slack user or the delivery record; never contains a token. */
  public String sentence(String channelId) {
    String ch = "<#" + channelId + ">";
    return switch (code) {
      case "channel_not_found" -> "Slack cannot find channel " + ch + " (channel_not_found): check the channel id, and invite the bot if it is private.";
      case "not_in_channel" -> "The bot is not in " + ch + " (not_in_channel): invite it with /invite @desk-stats.";
      case "is_archived" -> ch + " is archived (is_archived).";
      case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
          "Slack rejected the bot token (" + code + "): check SLACK_BOT_TOKEN.";
      case "missing_scope" -> "The Slack app lacks a permission (missing_scope): it needs chat:write, files:write and im:write.";
      case "ratelimited" -> "Slack kept rate-limiting the bot after " + attempts + " attempts (ratelimited).";
      case "network", "bad_response" -> "Slack could not be reached after " + attempts + " attempts (" + code + ").";
      default -> code.startsWith("http_") || !permanent
          ? "Slack failed after " + attempts + " attempts (" + code + ")."
          : "Slack refused the message (" + code + ").";
    };
  }
}
