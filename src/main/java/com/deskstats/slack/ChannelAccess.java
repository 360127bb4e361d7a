package com.deskstats.slack;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.model.Conversation;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the bot can post to a channel, asked with {@code conversations.info} before an alert rule or a subscription
 * is saved: it can when it is a member, or when the channel is public and the app has {@code chat:write.public}.
 */
final class ChannelAccess {
  private ChannelAccess() {}

  /** The scope that lets the bot post to a public channel it has not joined. */
  static final String PUBLIC_SCOPE = "chat:write.public";

  /** Empty when the bot can post to {@code channelId}; otherwise the answer for the admin (nothing is saved), in {@code lang}. */
  static Optional<Answer> refusal(MethodsClient client, String channelId, Language lang) {
    Texts t = Texts.of(lang);
    ConversationsInfoResponse r;
    try {
      r = client.conversationsInfo(b -> b.channel(channelId));
    } catch (IOException | SlackApiException e) {
      return Optional.of(Answer.of(t.get("answers.channel.unreachable", channelId), "slack_error"));
    }
    if (!r.isOk()) {
      String error = r.getError() == null ? "" : r.getError();
      return Optional.of(switch (error) {
        case "channel_not_found" -> Answer.of(t.get("answers.channel.hidden", channelId), "refused");
        case "missing_scope" -> Answer.of(t.get("answers.channel.missing_scope"), "slack_error");
        default -> Answer.of(t.get("answers.channel.error", channelId, Mrkdwn.escape(error)), "slack_error");
      });
    }
    Conversation c = r.getChannel();
    if (c == null) return Optional.of(Answer.of(t.get("answers.channel.no_info", channelId), "slack_error"));
    if (c.isArchived()) return Optional.of(Answer.of(t.get("answers.channel.archived", channelId), "refused"));
    if (c.isMember()) return Optional.empty();
    boolean isPublic = !c.isPrivate() && !c.isIm() && !c.isMpim() && !c.isGroup();
    if (isPublic && scopes(r.getHttpResponseHeaders()).contains(PUBLIC_SCOPE)) return Optional.empty();
    return Optional.of(Answer.of(t.get(isPublic ? "answers.channel.not_member_public" : "answers.channel.not_member",
        channelId), "refused"));
  }

  /** The app's scopes, from the {@code X-OAuth-Scopes} header Slack sends with every answer. */
  static List<String> scopes(Map<String, List<String>> headers) {
    if (headers == null) return List.of();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase("x-oauth-scopes") && e.getValue() != null) {
        return e.getValue().stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).toList();
      }
    }
    return List.of();
  }
}
