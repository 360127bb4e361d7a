package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.FakeSlack;
import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.methods.MethodsClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BOT_VIEWERS: users, user groups (cached a few minutes) and admins; Slack's silence is never a yes. */
class AccessTest {

  final FakeSlack slack = new FakeSlack();
  final MethodsClient client = slack.methods("xoxb-test");
  final AtomicLong nanos = new AtomicLong();
  final Ticker ticker = nanos::get;

  @AfterEach
  void close() {
    slack.close();
  }

  @Test
  void unsetMeansEveryoneWithoutAskingSlack() {
    Access everyone = Access.everyone();
    assertThat(everyone.restricted()).isFalse();
    assertThat(everyone.mayView(client, "UANY")).isEqualTo(Access.Verdict.ALLOWED);
    assertThat(slack.calls()).isEmpty();
  }

  @Test
  void namedUsersBotAdminsGroupMembersAndWorkspaceAdminsMayViewOthersMayNot() {
    slack.userGroup("SLEADS", "UMEMBER").user("UADMIN", "a@example.com", true, false).user("UNOBODY", "n@example.com");
    Access access = new Access(Set.of("UVIEW", "SLEADS"), Set.of("UBOT"), ticker);
    assertThat(access.mayView(client, "UVIEW")).isEqualTo(Access.Verdict.ALLOWED);
    assertThat(access.mayView(client, "UBOT")).isEqualTo(Access.Verdict.ALLOWED);
    assertThat(slack.calls()).isEmpty();
    assertThat(access.mayView(client, "UMEMBER")).isEqualTo(Access.Verdict.ALLOWED);
    assertThat(access.mayView(client, "UADMIN")).isEqualTo(Access.Verdict.ALLOWED);
    assertThat(access.mayView(client, "UNOBODY")).isEqualTo(Access.Verdict.REFUSED);
    assertThat(slack.calls("usergroups.users.list")).hasSize(1);
    assertThat(slack.calls("usergroups.users.list").get(0).param("usergroup")).isEqualTo("SLEADS");
  }

  @Test
  void userGroupMembershipIsCachedAndExpires() {
    slack.userGroup("SLEADS", "UMEMBER").user("UMEMBER", "m@example.com");
    Access access = new Access(Set.of("SLEADS"), Set.of(), ticker);
    assertThat(access.mayView(client, "UMEMBER")).isEqualTo(Access.Verdict.ALLOWED);
    assertThat(access.allowedAtOnce("UMEMBER")).isTrue();

    slack.userGroup("SLEADS"); // removed from the group in Slack
    nanos.addAndGet(Access.MEMBERSHIP_TTL.minusSeconds(1).toNanos());
    assertThat(access.mayView(client, "UMEMBER")).isEqualTo(Access.Verdict.ALLOWED);
    assertThat(slack.calls("usergroups.users.list")).hasSize(1);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(access.allowedAtOnce("UMEMBER")).isFalse();
    assertThat(access.mayView(client, "UMEMBER")).isEqualTo(Access.Verdict.REFUSED);
    assertThat(slack.calls("usergroups.users.list")).hasSize(2);
  }

  @Test
  void whenSlackCannotSayTheAnswerIsUnknownAndNotCached() {
    slack.userGroup("SLEADS", "UMEMBER").user("UMEMBER", "m@example.com");
    Access access = new Access(Set.of("SLEADS"), Set.of(), ticker);
    slack.failNext("usergroups.users.list", "ratelimited", 1);
    assertThat(access.mayView(client, "UMEMBER")).isEqualTo(Access.Verdict.UNKNOWN);
    assertThat(Access.sentence(Access.Verdict.UNKNOWN)).contains("try again");
    assertThat(access.mayView(client, "UMEMBER")).isEqualTo(Access.Verdict.ALLOWED);
    slack.failNext("users.info", "ratelimited", 1);
    assertThat(access.mayView(client, "USTRANGER")).isEqualTo(Access.Verdict.UNKNOWN);
  }

  @Test
  void theRefusalIsOneSentenceNamingWhoGrantsAccess() {
    assertThat(Access.REFUSAL).contains("BOT_VIEWERS").contains("admin").doesNotContain("\n");
    assertThat(Access.REFUSAL.indexOf(". ")).isEqualTo(-1);
  }
}
