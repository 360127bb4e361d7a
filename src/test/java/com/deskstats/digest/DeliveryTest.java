package com.deskstats.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.delivery.SlackCalls;
import com.deskstats.desk.DeskException;
import com.deskstats.ops.Metrics;
import com.deskstats.stats.Period;
import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryTest {
  /** 09:00 on 25 Nov 2026 in Shanghai: the digest reports 24 Nov. */
  static final Instant FIRE = Instant.parse("2026-11-25T01:00:00Z");
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  FakeSlack slack;
  MutableClock clock;
  FakeReports reports;
  DeliveryStore deliveries;
  Metrics metrics;
  List<Duration> waits;
  Deliverer deliverer;

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    clock = new MutableClock(FIRE.plusMillis(20));
    reports = new FakeReports();
    deliveries = new DeliveryStore(DigestDatabases.h2(), clock);
    metrics = new Metrics(false);
    waits = new CopyOnWriteArrayList<>();
    SlackCalls calls = new SlackCalls(slack.methods(Nodes.BOT_TOKEN), waits::add);
    deliverer = new Deliverer(reports, FakeRenderer.renderer(), calls, deliveries, metrics, clock, FakeReports.ZONE, "node-a");
  }

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  @Test
  void postsYesterdaysReportAndUploadsTheChartToTheChannel() {
    Deliverer.Outcome out = deliverer.scheduled("C1", FIRE);

    assertThat(out.outcome()).isEqualTo("sent");
    assertThat(reports.calls).containsExactly("report " + Period.day(DAY).token());
    FakeSlack.Call post = slack.calls("chat.postMessage").get(0);
    assertThat(post.params()).containsEntry("channel", "C1").containsEntry("text", "Desk digest for 2026-11-24");
    assertThat(post.params().get("blocks")).contains("*Digest* 2026-11-24");
    FakeSlack.Call getUrl = slack.calls("files.getUploadURLExternal").get(0);
    assertThat(getUrl.params()).containsEntry("length", String.valueOf(FakeRenderer.PNG.length))
        .containsEntry("filename", "desk-stats-2026-11-24.png");
    assertThat(slack.calls("upload")).singleElement().satisfies(c -> assertThat(c.bodyBytes()).isEqualTo(FakeRenderer.PNG));
    assertThat(slack.calls("files.completeUploadExternal")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("channel_id", "C1"));
    Delivery d = deliveries.scheduled("C1", DAY).orElseThrow();
    assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
    assertThat(d.messageTs()).isPresent();
    assertThat(d.error()).isEmpty();
    assertThat(metrics.scrape()).contains("deskstats_digest_deliveries_total{outcome=\"sent\"} 1.0");
  }

  @Test
  void eachScheduledDeliveryLogsItsLineUnderARequestIdOfItsOwnAndATestSendKeepsTheCommandsId() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Deliverer.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      deliverer.scheduled("C1", FIRE);
      deliverer.scheduled("C2", FIRE);
      try (var ignored = com.deskstats.ops.RequestIds.begin("cmd000000001")) {
        deliverer.test("C3");
      }
    } finally {
      logger.detachAppender(appender);
    }

    List<String> ids = appender.list.stream().filter(e -> e.getFormattedMessage().contains("outcome="))
        .map(e -> e.getMDCPropertyMap().get(com.deskstats.ops.RequestIds.KEY)).toList();
    assertThat(ids).hasSize(3).doesNotContainNull();
    assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
    assertThat(ids.get(2)).isEqualTo("cmd000000001");
    assertThat(com.deskstats.ops.RequestIds.current()).isNull();
  }

  @Test
  void aChannelGivenByNameGetsTheChartThroughTheIdSlackAnswered() {
    slack.answer("chat.postMessage", c -> "{\"ok\":true,\"channel\":\"C0TEAM\",\"ts\":\"1700000000.000001\"}");

    deliverer.scheduled("#team", FIRE);

    assertThat(slack.calls("files.completeUploadExternal")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("channel_id", "C0TEAM"));
  }

  @Test
  void aRefiredTriggerForTheSameDayDoesNotPostAgain() {
    deliverer.scheduled("C1", FIRE);
    Deliverer.Outcome again = deliverer.scheduled("C1", FIRE.plusSeconds(30));

    assertThat(again.outcome()).isEqualTo("duplicate");
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void rateLimitedPostWaitsRetryAfterThenPostsOnce() {
    slack.rateLimitNext("chat.postMessage", 7, 1);

    Deliverer.Outcome out = deliverer.scheduled("C1", FIRE);

    assertThat(out.outcome()).isEqualTo("sent");
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
    assertThat(slack.calls("chat.postMessage")).hasSize(2);
    Delivery d = deliveries.scheduled("C1", DAY).orElseThrow();
    assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
    assertThat(d.attempts()).isEqualTo(2);
  }

  @Test
  void aHugeRetryAfterIsCappedAtAMinute() {
    slack.rateLimitNext("chat.postMessage", 3600, 1);

    deliverer.scheduled("C1", FIRE);

    assertThat(waits).containsExactly(Duration.ofSeconds(60));
    assertThat(slack.calls("chat.postMessage")).hasSize(2);
  }

  @Test
  void channelNotFoundIsNotRetriedAndIsRecorded() {
    slack.failNext("chat.postMessage", "channel_not_found", 1);

    Deliverer.Outcome out = deliverer.scheduled("C404", FIRE);

    assertThat(out.outcome()).isEqualTo("failed");
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
    assertThat(waits).isEmpty();
    assertThat(slack.calls("files.getUploadURLExternal")).isEmpty();
    Delivery d = deliveries.scheduled("C404", DAY).orElseThrow();
    assertThat(d.status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("channel_not_found"));
    assertThat(d.finishedAt()).isPresent();
    assertThat(metrics.scrape()).contains("deskstats_digest_deliveries_total{outcome=\"failed\"} 1.0");
  }

  @Test
  void notInChannelAndInvalidAuthAreNotRetried() {
    slack.failNext("chat.postMessage", "not_in_channel", 1);
    slack.failNext("chat.postMessage", "invalid_auth", 1);

    String first = deliverer.scheduled("C1", FIRE).sentence();
    String second = deliverer.scheduled("C2", FIRE).sentence();

    assertThat(slack.calls("chat.postMessage")).hasSize(2);
    assertThat(waits).isEmpty();
    assertThat(first).contains("/invite");
    assertThat(second).contains("SLACK_BOT_TOKEN").doesNotContain("xoxb-");
  }

  @Test
  void serverErrorsBackOffExponentiallyAndGiveUpAfterFiveAttempts() {
    slack.httpErrorNext("chat.postMessage", 503, 5);

    Deliverer.Outcome out = deliverer.scheduled("C1", FIRE);

    assertThat(out.outcome()).isEqualTo("failed");
    assertThat(slack.calls("chat.postMessage")).hasSize(5);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().error()).hasValueSatisfying(e -> assertThat(e).contains("http_503"));
  }

  @Test
  void aServerErrorThenSuccessPostsOnce() {
    slack.httpErrorNext("chat.postMessage", 502, 1);

    assertThat(deliverer.scheduled("C1", FIRE).outcome()).isEqualTo("sent");
    assertThat(slack.calls("chat.postMessage")).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aDroppedConnectionIsRetriedWithBackoff() {
    slack.dropNext("chat.postMessage", 1);

    assertThat(deliverer.scheduled("C1", FIRE).outcome()).isEqualTo("sent");
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().attempts()).isEqualTo(2);
    assertThat(slack.calls("chat.postMessage")).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void anEmptyAnswerIsRetriedWithBackoff() {
    slack.emptyAnswerNext("chat.postMessage", 1);

    assertThat(deliverer.scheduled("C1", FIRE).outcome()).isEqualTo("sent");
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().attempts()).isEqualTo(2);
    assertThat(slack.calls("chat.postMessage")).hasSize(2);
  }

  @Test
  void aRateLimitedUploadIsRetriedAndTheChartStillArrives() {
    slack.rateLimitNext("files.getUploadURLExternal", 3, 1);

    assertThat(deliverer.scheduled("C1", FIRE).outcome()).isEqualTo("sent");
    assertThat(waits).containsExactly(Duration.ofSeconds(3));
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
    assertThat(slack.calls("files.completeUploadExternal")).hasSize(1);
  }

  @Test
  void aFailedChartUploadStillCountsAsSentWithANote() {
    slack.failNext("files.getUploadURLExternal", "missing_scope", 1);

    Deliverer.Outcome out = deliverer.scheduled("C1", FIRE);

    assertThat(out.outcome()).isEqualTo("sent_without_chart");
    Delivery d = deliveries.scheduled("C1", DAY).orElseThrow();
    assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
    assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("chart").contains("missing_scope"));
  }

  @Test
  void aDeskFailureIsRecordedAndTheChannelIsToldInOneSentence() {
    reports.failWith = new DeskException(DeskException.Kind.CREDENTIALS, 70003,
        "Desk rejected the credentials: check DESK_SDKAPPID and DESK_SECRET_KEY.");

    Deliverer.Outcome out = deliverer.scheduled("C1", FIRE);

    assertThat(out.outcome()).isEqualTo("desk_failed");
    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(c -> assertThat(c.params().get("text"))
        .isEqualTo("The desk-stats digest for Tue 24 Nov 2026 could not be made: Desk rejected the credentials: check DESK_SDKAPPID and DESK_SECRET_KEY."));
    assertThat(slack.calls("files.getUploadURLExternal")).isEmpty();
    Delivery d = deliveries.scheduled("C1", DAY).orElseThrow();
    assertThat(d.status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("Desk rejected the credentials"));
  }

  @Test
  void aTestSendNeverTakesTheDaysScheduledDelivery() {
    Deliverer.Outcome test = deliverer.test("C1");
    Deliverer.Outcome scheduled = deliverer.scheduled("C1", FIRE);

    assertThat(test.outcome()).isEqualTo("test_sent");
    assertThat(test.sentence()).contains("test digest").contains("does not count");
    assertThat(scheduled.outcome()).isEqualTo("sent");
    assertThat(slack.calls("chat.postMessage")).hasSize(2);
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().kind()).isEqualTo(Delivery.Kind.SCHEDULED);
  }

  @Test
  void theReportedDayIsYesterdayInTheDeskZoneAtTheFireTime() {
    // 23:30 UTC on 24 Nov is 07:30 on 25 Nov in Shanghai: yesterday there is 24 Nov, not 23 Nov.
    assertThat(deliverer.reported().day(Instant.parse("2026-11-24T23:30:00Z"))).isEqualTo(DAY);
  }
}
