package com.deskstats.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may see team numbers (SPEC §9): everyone when BOT_VIEWERS is unset; otherwise the users it names, the members
 * of the user groups it names, and the admins. User group membership is cached for a few minutes.
 */
public final class Access {
  private static final Logger log = LoggerFactory.getLogger(Access.class);

  /** How long a user group's membership is trusted before Slack is asked again. */
  public static final Duration MEMBERSHIP_TTL = Duration.ofMinutes(5);

  /** What a non-viewer is told: one sentence naming who grants access. */
  public static final String REFUSAL = Texts.of(Language.EN).get("answers.access.refused");

  /** What the user is told when Slack could not say whether they may see. */
  public static final String UNKNOWN = Texts.of(Language.EN).get("answers.access.unknown");

  /** The answer to "may this user see team numbers?"; UNKNOWN (Slack could not tell) is never treated as allowed. */
  public enum Verdict { ALLOWED, REFUSED, UNKNOWN }

  private final Set<String> users = new LinkedHashSet<>();
  private final Set<String> userGroups = new LinkedHashSet<>();
  private final SlackUsers admins;
  private final Cache<String, Set<String>> members;

  /** Everyone may see everything (BOT_VIEWERS unset). */
  public static Access everyone() {
    return new Access(Set.of(), Set.of(), Ticker.systemTicker());
  }

  /**
   * @param viewers BOT_VIEWERS: user ids (U…, W…) and user group ids (S…); empty means everyone
   * @param botAdmins BOT_ADMINS, who may always see
   * @param ticker the cache's clock (a test moves it to expire the membership)
   */
  public Access(Set<String> viewers, Set<String> botAdmins, Ticker ticker) {
    for (String v : viewers) (v.startsWith("S") ? userGroups : users).add(v);
    this.admins = new SlackUsers(botAdmins);
    this.members = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(MEMBERSHIP_TTL).maximumSize(1_000).build();
  }

  /** True when BOT_VIEWERS is set. */
  public boolean restricted() {
    return !users.isEmpty() || !userGroups.isEmpty();
  }

  /** True when the user may see without asking Slack: no restriction, named in BOT_VIEWERS or BOT_ADMINS, or a cached member. */
  boolean allowedAtOnce(String user) {
    if (!restricted() || users.contains(user) || admins.isBotAdmin(user)) return true;
    for (String g : userGroups) {
      Set<String> m = members.getIfPresent(g);
      if (m != null && m.contains(user)) return true;
    }
    return false;
  }

  /**
   * Whether the user may see team reports, exports, other agents' cards and public posts. Asks Slack
   * (usergroups.users.list, cached; users.info for admins) only when the settings alone cannot tell.
   */
  public Verdict mayView(MethodsClient client, String user) {
    if (user == null) return Verdict.REFUSED;
    if (allowedAtOnce(user)) return Verdict.ALLOWED;
    boolean unsure = false;
    for (String g : userGroups) {
      Set<String> m = membersOf(client, g);
      if (m == null) unsure = true;
      else if (m.contains(user)) return Verdict.ALLOWED;
    }
    SlackUsers.Permission admin = admins.mayManage(client, user);
    if (admin == SlackUsers.Permission.ALLOWED) return Verdict.ALLOWED;
    return unsure || admin == SlackUsers.Permission.UNKNOWN ? Verdict.UNKNOWN : Verdict.REFUSED;
  }

  /** The sentence for a verdict other than ALLOWED, in English. */
  static String sentence(Verdict v) {
    return sentence(v, Language.EN);
  }

  /** The sentence for a verdict other than ALLOWED, in the reader's language. */
  static String sentence(Verdict v, Language lang) {
    return Texts.of(lang).get(v == Verdict.UNKNOWN ? "answers.access.unknown" : "answers.access.refused");
  }

  /** The user group's members, from the cache or Slack; null when Slack could not say (nothing is cached then). */
  private Set<String> membersOf(MethodsClient client, String group) {
    Set<String> cached = members.getIfPresent(group);
    if (cached != null) return cached;
    try {
      UsergroupsUsersListResponse r = client.usergroupsUsersList(b -> b.usergroup(group));
      if (!r.isOk()) {
        log.warn("usergroups.users.list {} failed: {}", group, r.getError());
        return null;
      }
      Set<String> m = r.getUsers() == null ? Set.of() : Set.copyOf(r.getUsers());
      members.put(group, m);
      return m;
    } catch (IOException | SlackApiException e) {
      log.warn("usergroups.users.list {} failed: {}", group, e.toString());
      return null;
    }
  }
}
