package com.deskstats.slack;

import com.deskstats.text.Text;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * What the app asks about a person: which Desk agent they are (an admin's link first, then their Slack profile
 * e-mail) and whether they may manage the digest.
 */
final class SlackUsers {

  /** The outcome of a users.info look-up: an e-mail, or one sentence for the user, in the reader's language. */
  sealed interface Email {
    record Found(String email) implements Email {}

    record Missing(Text sentence, String outcome) implements Email, Agent {}
  }

  /** Which Desk agent a Slack user is, and how that was found ("from your Slack e-mail"), or why not ({@link Email.Missing}). */
  sealed interface Agent {
    record Found(String agentId, Text how) implements Agent {}
  }

  /** The AgentId an admin linked to a Slack user. */
  interface Links {
    Links NONE = userId -> Optional.empty();

    Optional<String> agentOf(String userId);
  }

  private final Set<String> botAdmins;
  private final Links links;

  SlackUsers(Set<String> botAdmins) {
    this(botAdmins, Links.NONE);
  }

  SlackUsers(Set<String> botAdmins, Links links) {
    this.botAdmins = Set.copyOf(botAdmins);
    this.links = links;
  }

  /** The Desk agent of {@code userId}: the admin's link when there is one, else the profile e-mail (SPEC §9). */
  Agent agent(MethodsClient client, String userId, boolean self) {
    Optional<String> linked = links.agentOf(userId);
    if (linked.isPresent()) {
      return new Agent.Found(linked.get(), self ? Text.of("answers.how.linked_self")
          : Text.of("answers.how.linked_other", userId));
    }
    Email e = email(client, userId, self);
    if (e instanceof Email.Missing m) return m;
    return new Agent.Found(((Email.Found) e).email(), self ? Text.of("answers.how.email_self")
        : Text.of("answers.how.email_other", userId));
  }

  /** The profile e-mail of {@code userId}; sentences say "your" when {@code self}, else name the user. */
  Email email(MethodsClient client, String userId, boolean self) {
    UsersInfoResponse r;
    try {
      r = client.usersInfo(b -> b.user(userId));
    } catch (IOException | SlackApiException e) {
      return new Email.Missing(about("answers.profile.unreachable", userId, self), "slack_error");
    }
    if (!r.isOk()) {
      return switch (r.getError() == null ? "" : r.getError()) {
        case "user_not_found", "users_not_found" -> new Email.Missing(Text.of("answers.profile.user_not_found"), "not_found");
        case "missing_scope" -> new Email.Missing(Text.of("answers.profile.missing_scope"), "slack_error");
        default -> new Email.Missing(about("answers.profile.refused", userId, self), "slack_error");
      };
    }
    User u = r.getUser();
    String email = u == null || u.getProfile() == null ? null : u.getProfile().getEmail();
    if (email == null || email.isBlank()) return new Email.Missing(about("answers.profile.no_email", userId, self), "not_found");
    return new Email.Found(email.strip());
  }

  /** The sentence under {@code key}_self, or under {@code key}_other naming the user. */
  private static Text about(String key, String userId, boolean self) {
    return self ? Text.of(key + "_self") : Text.of(key + "_other", userId);
  }

  /** True when BOT_ADMINS names the user. */
  boolean isBotAdmin(String userId) {
    return botAdmins.contains(userId);
  }

  /** Whether a user may manage the digest; UNKNOWN when Slack could not say (never treated as allowed). */
  enum Permission { ALLOWED, REFUSED, UNKNOWN }

  /** ALLOWED for BOT_ADMINS and for workspace admins and owners; UNKNOWN when Slack cannot tell. */
  Permission mayManage(MethodsClient client, String userId) {
    if (botAdmins.contains(userId)) return Permission.ALLOWED;
    try {
      UsersInfoResponse r = client.usersInfo(b -> b.user(userId));
      if (!r.isOk() || r.getUser() == null) return Permission.UNKNOWN;
      User u = r.getUser();
      return u.isAdmin() || u.isOwner() || u.isPrimaryOwner() ? Permission.ALLOWED : Permission.REFUSED;
    } catch (IOException | SlackApiException e) {
      return Permission.UNKNOWN;
    }
  }
}
