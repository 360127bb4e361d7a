package com.deskstats.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.ops.Metrics;
import com.deskstats.slack.DigestControl;
import com.deskstats.store.SubscriptionStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;

/** Subscribe, unsubscribe, list and digest now through DigestControl (the slash command's side of it). */
class DigestServiceTest {
  /** 06:00 in Shanghai on 25 Nov 2026, before the 09:00 default run. */
  static final Instant NOW = Instant.parse("2026-11-24T22:00:00Z");
  static final Map<String, String> ENV = Map.of("DIGEST_CHANNEL", "C1", "DIGEST_TIMEZONE", "Asia/Shanghai");

  FakeSlack slack;
  Nodes nodes;
  DataSource ds;
  Digest digest;
  DigestControl control;
  MutableClock clock;

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    nodes = new Nodes(slack);
    ds = DigestDatabases.h2();
    clock = new MutableClock(NOW);
    digest = nodes.start("a", ENV, ds, clock, new Metrics(false));
    control = digest.control();
  }

  @AfterEach
  void tearDown() throws Exception {
    nodes.close();
    slack.close();
  }

  CronTrigger trigger(String channel) throws Exception {
    return (CronTrigger) digest.scheduler().getTrigger(Scheduling.triggerKey(channel));
  }

  @Test
  void subscribingStoresAndSchedulesTheChannelAtThatTimeInTheDigestZone() throws Exception {
    String answer = control.subscribe("C2", Optional.of(LocalTime.of(8, 30)), "U1");

    assertThat(answer).isEqualTo("<#C2> will get the daily digest every day at 08:30 (Asia/Shanghai). The next one is Wed 25 Nov 08:30.");
    assertThat(trigger("C2").getCronExpression()).isEqualTo("0 30 8 * * ?");
    assertThat(trigger("C2").getTimeZone().getID()).isEqualTo("Asia/Shanghai");
    assertThat(new SubscriptionStore(ds).find("C2")).hasValueSatisfying(s -> assertThat(s.createdBy()).isEqualTo("U1"));
  }

  @Test
  void aChannelHoldsADailyAndAWeeklyDigestPerGroupEachWithItsOwnTrigger() throws Exception {
    control.subscribe("C2", Optional.of(LocalTime.of(8, 30)), "U1");
    String weekly = control.subscribe("C2", Optional.of(LocalTime.of(17, 0)), new com.deskstats.slack.DigestOptions(
        true, java.time.DayOfWeek.FRIDAY, Optional.empty(), true), "U1");
    control.subscribe("C2", Optional.empty(), new com.deskstats.slack.DigestOptions(
        true, java.time.DayOfWeek.MONDAY, Optional.of("tier1"), false), "U1");

    assertThat(weekly).startsWith("<#C2> will get the weekly digest (last week, Monday to Sunday) every Friday at 17:00 "
        + "(Asia/Shanghai), with the CSV.");
    assertThat(trigger("C2").getCronExpression()).isEqualTo("0 30 8 * * ?");
    assertThat(trigger("C2/weekly/").getCronExpression()).isEqualTo("0 0 17 ? * FRI");
    assertThat(trigger("C2/weekly/tier1").getCronExpression()).isEqualTo("0 0 9 ? * MON");
    assertThat(control.list()).contains("<#C2> every Friday at 17:00 (Asia/Shanghai), last week's report, with the CSV")
        .contains("<#C2> group `tier1` every Monday at 09:00");

    // Unsubscribing names one digest; naming one the channel lacks lists the ones it has.
    assertThat(control.unsubscribe("C2", true, Optional.empty(), "U1"))
        .isEqualTo("<#C2> will no longer get the weekly digest.");
    assertThat(trigger("C2/weekly/")).isNull();
    assertThat(trigger("C2")).isNotNull();
    assertThat(control.unsubscribe("C2", false, Optional.of("tier1"), "U1")).isEqualTo(
        "<#C2> has no daily digest of group `tier1`; say which one to remove: `unsubscribe <#C2>`, "
            + "`unsubscribe <#C2> weekly group tier1`.");
  }

  @Test
  void subscribingWithoutATimeUsesTheDefaultSchedule() throws Exception {
    control.subscribe("C2", Optional.empty(), "U1");

    assertThat(trigger("C2").getCronExpression()).isEqualTo("0 0 9 * * ?");
  }

  @Test
  void subscribingAgainMovesTheSchedule() throws Exception {
    control.subscribe("C2", Optional.of(LocalTime.of(8, 30)), "U1");
    String answer = control.subscribe("C2", Optional.of(LocalTime.of(17, 5)), "U1");

    assertThat(answer).startsWith("<#C2>'s daily digest now comes every day at 17:05 (Asia/Shanghai).");
    assertThat(trigger("C2").getCronExpression()).isEqualTo("0 5 17 * * ?");
  }

  @Test
  void unsubscribingRemovesTheTriggerAndSaysSoOnce() throws Exception {
    control.subscribe("C2", Optional.of(LocalTime.of(8, 30)), "U1");

    assertThat(control.unsubscribe("C2", "U1")).isEqualTo("<#C2> will no longer get the daily digest.");
    assertThat(trigger("C2")).isNull();
    assertThat(control.unsubscribe("C2", "U1"))
        .isEqualTo("<#C2> has no digest subscription; `/desk-stats subscriptions` lists the channels that do.");
  }

  @Test
  void theDefaultChannelCannotBeRemovedFromSlackAndTheAnswerSaysHow() throws Exception {
    String answer = control.unsubscribe("C1", "U1");

    assertThat(answer).contains("DIGEST_CHANNEL").contains("cannot be removed from Slack").contains("restart");
    assertThat(trigger("C1")).isNotNull();
  }

  @Test
  void aStoredScheduleOverridesTheDefaultChannelsAndUnsubscribingRestoresIt() throws Exception {
    control.subscribe("C1", Optional.of(LocalTime.of(7, 0)), "U1");
    assertThat(trigger("C1").getCronExpression()).isEqualTo("0 0 7 * * ?");
    assertThat(control.list()).contains("<#C1> every day at 07:00").doesNotContain("default");

    String answer = control.unsubscribe("C1", "U1");

    assertThat(answer).contains("default digest again").contains("every day at 09:00 (Asia/Shanghai)");
    assertThat(trigger("C1").getCronExpression()).isEqualTo("0 0 9 * * ?");
  }

  @Test
  void listShowsEverySubscriptionWithItsScheduleAndLastDelivery() {
    control.subscribe("C2", Optional.of(LocalTime.of(8, 30)), "U1");
    slack.failNext("chat.postMessage", "not_in_channel", 1);
    control.digestNow("C2", "U1");
    clock.advance(Duration.ofMinutes(1));
    control.digestNow("C1", "U1");

    String list = control.list();

    assertThat(list).startsWith("*Digest subscriptions*");
    assertThat(list).contains("• <#C1> every day at 09:00 (Asia/Shanghai) _(default, from DIGEST_CHANNEL)_ · next Wed 25 Nov 09:00"
        + " · last: test send sent Wed 25 Nov 06:01 (for Tue 24 Nov 2026)");
    assertThat(list).contains("• <#C2> every day at 08:30 (Asia/Shanghai) · next Wed 25 Nov 08:30"
        + " · last: test send failed Wed 25 Nov 06:00 (for Tue 24 Nov 2026): The bot is not in <#C2> (not_in_channel)");
  }

  @Test
  void listShowsADeliveryWhoseNodeDiedAfterSlackTookItAsPostedNotInProgress() throws Exception {
    digest.catchUpDone().get(10, java.util.concurrent.TimeUnit.SECONDS); // start-up records 23 Nov as skipped
    clock.advance(Duration.ofSeconds(1));
    com.deskstats.store.DeliveryStore store = new com.deskstats.store.DeliveryStore(ds, clock);
    long id = store.claim("C1", java.time.LocalDate.of(2026, 11, 24), "died-after-posting").orElseThrow();
    store.markPosted(id, "1700000000.000100", 1);

    assertThat(control.list()).contains("· last: posted Wed 25 Nov 06:00 (for Tue 24 Nov 2026)")
        .doesNotContain("in progress");
  }

  @Test
  void listWithNoSubscriptionSaysHowToAddOne() throws Exception {
    nodes.close();
    Digest bare = nodes.start("b", Map.of(), DigestDatabases.h2(), clock, new Metrics(false));

    assertThat(bare.control().list()).isEqualTo("No channel gets the daily digest. Add one with `/desk-stats subscribe #channel 09:00`.");
  }

  @Test
  void digestNowPostsATestSendThatDoesNotCountAsTheDaysDigest() throws Exception {
    String answer = control.digestNow("C1", "U1");

    assertThat(answer).isEqualTo("Posted a test digest for Tue 24 Nov 2026 to <#C1>. It does not count as the day's scheduled digest.");
    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(c -> assertThat(c.params()).containsEntry("channel", "C1"));
    assertThat(slack.calls("files.completeUploadExternal")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("channel_id", "C1"));
    assertThat(new com.deskstats.store.DeliveryStore(ds, clock).scheduled("C1", java.time.LocalDate.of(2026, 11, 24))).isEmpty();
  }
}
