package com.deskstats.alert;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.delivery.SlackCalls;
import com.deskstats.desk.DeskException;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.stats.Groups;
import com.deskstats.testing.Databases;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
import com.deskstats.testing.StatsFakes;
import com.google.gson.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One evaluation end to end: today's rows from a DaySource, the real store on H2, a fake Slack over HTTP. */
class AlertingTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z"); // 14:00 in Shanghai
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final Evaluator.Params PARAMS = new Evaluator.Params(3, Duration.ofHours(1));

  FakeSlack slack;
  MutableClock clock;
  StatsFakes.FakeDays days;
  DataSource db;
  AlertStore store;
  List<Duration> waits;

  @BeforeEach
  void setUp() {
    slack = new FakeSlack();
    clock = new MutableClock(NOW);
    days = StatsFakes.days().fetchedAt(NOW.minusSeconds(30));
    db = Databases.h2();
    store = new AlertStore(db);
    waits = new CopyOnWriteArrayList<>();
  }

  @AfterEach
  void tearDown() {
    slack.close();
  }

  Alerting alerting(String node) {
    return new Alerting(store, days, Groups.NONE, new SlackCalls(slack.methods("xoxb-test"), waits::add), clock, ZONE,
        PARAMS, node);
  }

  Rule rule(String channel, Metric m, Op op, double threshold) {
    return store.add(channel, new AlertCondition(m, op, threshold, false, Optional.empty()), "U1", NOW);
  }

  void unreplied(long a, long b) {
    days.on(TODAY, row("li.na@x").nickname("李娜").sessions(20, a).build(),
        row("bob@x").nickname("<!channel> Bob").sessions(20, b).build());
  }

  @Test
  void anAlertIsPostedWithItsBlocksAndItsRecoveryRepliesInItsThread() {
    rule("C1", Metric.UNREPLIED, Op.GT, 5);
    unreplied(4, 3);

    Alerting.Outcome out = alerting("node-a").evaluateNow();

    assertThat(out.posted()).isEqualTo(1);
    FakeSlack.Call alert = slack.calls("chat.postMessage").get(0);
    assertThat(alert.param("channel")).isEqualTo("C1");
    assertThat(alert.param("thread_ts")).isNull();
    assertThat(alert.param("text")).startsWith("Unreplied sessions: 7 &gt; 5 (team), data as of 13:59 Asia/Shanghai");
    JsonArray blocks = alert.json("blocks").getAsJsonArray();
    assertThat(blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString())
        .isEqualTo("Unreplied sessions: 7 > 5");
    String all = blocks.toString();
    assertThat(all).contains("李娜").contains("&lt;!channel&gt; Bob").doesNotContain("<!channel>")
        .contains("deskstats_open").contains("\"value\":\"today\"").contains("Data as of 13:59 Asia/Shanghai");
    String alertTs = store.messageTs("rule:1:2026-11-25:1:fired").orElseThrow();

    clock.advance(Duration.ofMinutes(10));
    unreplied(1, 1);
    alerting("node-a").evaluateNow();

    List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).param("thread_ts")).isEqualTo(alertTs);
    assertThat(posts.get(1).param("text")).startsWith("Back to normal at 13:59 Asia/Shanghai: unreplied sessions 2");
  }

  @Test
  void manyRulesCostOneDeskFetchPerEvaluationAndNoRulesCostNone() {
    assertThat(alerting("node-a").evaluateNow().rules()).isZero();
    assertThat(days.requested()).isEmpty();

    for (int i = 0; i < 25; i++) rule("C" + (i % 3), i % 2 == 0 ? Metric.UNREPLIED : Metric.SESSIONS, Op.GT, 100 + i);
    unreplied(1, 2);
    alerting("node-a").evaluateNow();
    clock.advance(Duration.ofMinutes(10));
    alerting("node-a").evaluateNow();

    assertThat(days.requested()).containsExactly(TODAY, TODAY);
  }

  @Test
  void failedReadsPostNothingUntilTheThirdThenOneNoticePerChannelAndOneWhenDeskIsBack() {
    rule("C1", Metric.UNREPLIED, Op.GT, 5);
    rule("C2", Metric.UNREPLIED, Op.GT, 5);
    rule("C1", Metric.SESSIONS, Op.GT, 10);
    unreplied(4, 3);
    alerting("node-a").evaluateNow();
    assertThat(slack.calls("chat.postMessage")).hasSize(3);
    slack.clearCalls();

    days.failOn(TODAY, new DeskException(DeskException.Kind.UNAVAILABLE, 0, "Desk is not answering."));
    unreplied(0, 0);
    for (int i = 0; i < 2; i++) {
      clock.advance(Duration.ofMinutes(10));
      alerting("node-a").evaluateNow();
    }
    assertThat(slack.calls("chat.postMessage")).as("no alert, no recovery, no notice yet").isEmpty();
    clock.advance(Duration.ofMinutes(10));
    alerting("node-a").evaluateNow();
    clock.advance(Duration.ofMinutes(10));
    alerting("node-a").evaluateNow();

    List<FakeSlack.Call> notices = slack.calls("chat.postMessage");
    assertThat(notices).extracting(c -> c.param("channel")).containsExactly("C1", "C2");
    assertThat(notices).allSatisfy(c -> {
      assertThat(c.param("thread_ts")).isNull();
      assertThat(c.param("text")).contains("cannot read Desk").contains("Desk is not answering.").contains("since 14:10");
    });
    slack.clearCalls();

    days.recoverOn(TODAY);
    clock.advance(Duration.ofMinutes(10));
    alerting("node-a").evaluateNow();
    List<FakeSlack.Call> after = slack.calls("chat.postMessage");
    assertThat(after.stream().filter(c -> c.param("text").contains("can read Desk again")))
        .extracting(c -> c.param("channel")).containsExactly("C1", "C2");
    // Now that Desk is read, the unreplied alerts recover in their threads (sessions stay over 10).
    assertThat(after.stream().filter(c -> c.param("thread_ts") != null)).hasSize(2);
  }

  @Test
  void aRestartWhileARuleIsFiringPostsNothingNew() {
    rule("C1", Metric.UNREPLIED, Op.GT, 5);
    unreplied(4, 3);
    alerting("node-a").evaluateNow();

    clock.advance(Duration.ofMinutes(10));
    unreplied(6, 3);
    Alerting restarted = new Alerting(new AlertStore(db), days, Groups.NONE,
        new SlackCalls(slack.methods("xoxb-test"), waits::add), clock, ZONE, PARAMS, "node-a");
    restarted.evaluateNow();

    assertThat(slack.calls("chat.postMessage")).hasSize(1);
    assertThat(store.states().get(1L).firing()).isTrue();
  }

  @Test
  void aTransitionClaimedElsewhereIsNotPostedHere() {
    rule("C1", Metric.UNREPLIED, Op.GT, 5);
    unreplied(4, 3);
    assertThat(store.claim("rule:1:2026-11-25:1:fired", "C1", "node-b", NOW)).isTrue();

    Alerting.Outcome out = alerting("node-a").evaluateNow();

    assertThat(out.duplicates()).isEqualTo(1);
    assertThat(slack.calls("chat.postMessage")).isEmpty();
    assertThat(store.states().get(1L).firing()).isTrue();
  }

  @Test
  void aChannelTheBotIsNotInIsRecordedOnceAndNotRetried() {
    rule("C1", Metric.UNREPLIED, Op.GT, 5);
    unreplied(4, 3);
    slack.failNext("chat.postMessage", "not_in_channel", 1);

    Alerting.Outcome out = alerting("node-a").evaluateNow();
    clock.advance(Duration.ofMinutes(10));
    alerting("node-a").evaluateNow();

    assertThat(out.failed()).isEqualTo(1);
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void aRateLimitedAlertWaitsRetryAfterAndIsPostedOnce() {
    rule("C1", Metric.UNREPLIED, Op.GT, 5);
    unreplied(4, 3);
    slack.rateLimitNext("chat.postMessage", 7, 1);

    assertThat(alerting("node-a").evaluateNow().posted()).isEqualTo(1);

    assertThat(waits).containsExactly(Duration.ofSeconds(7));
    assertThat(slack.calls("chat.postMessage").stream().filter(FakeSlack.Call::ok)).hasSize(1);
  }
}
