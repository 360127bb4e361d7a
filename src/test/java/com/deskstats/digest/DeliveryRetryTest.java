package com.deskstats.digest;

import com.deskstats.delivery.SlackCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.DeskException;
import com.deskstats.ops.Metrics;
import com.deskstats.store.Delivery;
import com.deskstats.stats.Groups;
import com.deskstats.store.DeliveryRetryStore;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.SubscriptionStore;
import com.deskstats.store.Subscription;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
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

/** Deliveries that failed for a passing reason are tried again every 10 minutes until DIGEST_GRACE ends (SPEC §5). */
class DeliveryRetryTest {
  /** 09:00 on 25 Nov 2026 in Shanghai: the digest reports 24 Nov. */
  static final Instant FIRE = Instant.parse("2026-11-25T01:00:00Z");
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  static final Duration GRACE = Duration.ofMinutes(35);
  static final DeskException DESK_DOWN =
      new DeskException(DeskException.Kind.UNAVAILABLE, 0, "Desk could not be reached (network).");

  FakeSlack slack;
  MutableClock clock;
  FakeReports reports;
  DataSource ds;
  DeliveryStore deliveries;
  Metrics metrics;
  Deliverer deliverer;
  RetryJob retryJob;

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    clock = new MutableClock(FIRE.plusMillis(20));
    reports = new FakeReports();
    ds = DigestDatabases.h2();
    deliveries = new DeliveryStore(ds, clock);
    metrics = new Metrics(false);
    List<Duration> waits = new CopyOnWriteArrayList<>();
    SlackCalls calls = new SlackCalls(slack.methods(Nodes.BOT_TOKEN), waits::add);
    deliverer = new Deliverer(reports, Groups.NONE, FakeRenderer.renderer(), calls, deliveries, metrics, clock,
        FakeReports.ZONE, "node-a", new DeliveryRetries(new DeliveryRetryStore(ds, clock), GRACE, clock),
        com.deskstats.text.Language.EN);
    retryJob = new RetryJob(deliverer, new DeliveryRetryStore(ds, clock), new SubscriptionStore(ds), "node-a");
  }

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  @Test
  void deskDownAtNineIsRetriedTenMinutesLaterAndPostsOnceDeskIsBack() {
    reports.failWith = DESK_DOWN;
    assertThat(deliverer.scheduled("C1", FIRE).outcome()).isEqualTo("retrying");
    assertThat(slack.calls("chat.postMessage")).as("no notice while retrying").isEmpty();
    Delivery waiting = deliveries.scheduled("C1", DAY).orElseThrow();
    assertThat(waiting.status()).isEqualTo(Delivery.Status.RETRYING);
    assertThat(waiting.nextAttempt()).contains(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(waiting.retryUntil()).contains(FIRE.plus(GRACE));

    clock.advance(Duration.ofMinutes(9));
    assertThat(retryJob.runDue()).as("not due before 10 minutes").isZero();
    reports.failWith = null;
    clock.advance(Duration.ofMinutes(1));
    assertThat(retryJob.runDue()).isEqualTo(1);

    assertThat(slack.calls("chat.postMessage")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("text", "Desk digest for 2026-11-24"));
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().status()).isEqualTo(Delivery.Status.SENT);
    assertThat(retryJob.runDue()).as("a sent delivery is not retried again").isZero();
    assertThat(deliverer.scheduled("C1", FIRE).outcome()).as("a re-fired trigger finds the day recorded").isEqualTo("duplicate");
    assertThat(metrics.scrape()).contains("deskstats_digest_deliveries_total{outcome=\"retrying\"} 1.0")
        .contains("deskstats_digest_deliveries_total{outcome=\"sent\"} 1.0");
  }

  @Test
  void stillFailingWhenTheGraceEndsIsRecordedAsFailedWithOneNotice() {
    reports.failWith = DESK_DOWN;
    deliverer.scheduled("C1", FIRE);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(10));
      assertThat(retryJob.runDue()).isEqualTo(1);
    }
    // 30 minutes after the fire time: the next try would be past the 35-minute grace, so this was the last.
    Delivery failed = deliveries.scheduled("C1", DAY).orElseThrow();
    assertThat(failed.status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("Desk could not be reached"));
    assertThat(reports.calls).hasSize(4);
    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(c -> assertThat(c.params().get("text"))
        .contains("could not be made").contains("Desk could not be reached"));
    clock.advance(Duration.ofMinutes(10));
    assertThat(retryJob.runDue()).isZero();
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void aRetryFoundAfterTheGraceEndedIsRecordedAsFailedWithOneNoticeWithoutTrying() {
    reports.failWith = DESK_DOWN;
    deliverer.scheduled("C1", FIRE);
    reports.failWith = null;
    // The bot was away until past the grace.
    clock.advance(Duration.ofHours(2));
    assertThat(retryJob.runDue()).isEqualTo(1);

    assertThat(reports.calls).hasSize(1);
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(c -> assertThat(c.params().get("text"))
        .contains("could not be delivered before DIGEST_GRACE ended"));
  }

  @Test
  void theRetryNoticeIsWrittenInTheLangTheSubscriptionHasNow() {
    new SubscriptionStore(ds).upsert(new com.deskstats.store.Subscription("C1", "0 0 9 * * ?", FakeReports.ZONE, "U1",
        FIRE, "daily", "", false, java.util.Optional.of(com.deskstats.text.Language.ZH)));
    reports.failWith = DESK_DOWN;
    deliverer.scheduled(new Target(com.deskstats.store.DeliveryKey.daily("C1"), false), FIRE);
    clock.advance(Duration.ofHours(2));
    assertThat(retryJob.runDue()).isEqualTo(1);

    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(c -> assertThat(c.params().get("text"))
        .isEqualTo("desk-stats 未能在 DIGEST_GRACE 截止前送出2026年11月24日 周二的统计摘要：Desk: Desk could not be "
            + "reached (network)."));
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().error()).hasValue("Desk: Desk could not be reached (network).");
  }

  @Test
  void slackUnavailableIsRetriedAndPermanentSlackErrorsAreNot() {
    slack.httpErrorNext("chat.postMessage", 503, 5);
    assertThat(deliverer.scheduled("C1", FIRE).outcome()).isEqualTo("retrying");
    clock.advance(Duration.ofMinutes(10));
    assertThat(retryJob.runDue()).isEqualTo(1);
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().status()).isEqualTo(Delivery.Status.SENT);

    slack.failNext("chat.postMessage", "channel_not_found", 1);
    assertThat(deliverer.scheduled("C2", FIRE).outcome()).isEqualTo("failed");
    assertThat(deliveries.scheduled("C2", DAY).orElseThrow().status()).isEqualTo(Delivery.Status.FAILED);
  }

  @Test
  void wrongCredentialsAreNotRetried() {
    reports.failWith = new DeskException(DeskException.Kind.CREDENTIALS, 60010, "Desk needs an App administrator account.");
    assertThat(deliverer.scheduled("C1", FIRE).outcome()).isEqualTo("desk_failed");
    assertThat(deliveries.scheduled("C1", DAY).orElseThrow().status()).isEqualTo(Delivery.Status.FAILED);
  }

  @Test
  void subscriptionsShowsTheRetryState() {
    new SubscriptionStore(ds).upsert(new Subscription("C1", "0 0 9 * * ?", ZoneId.of("Asia/Shanghai"), "U1", FIRE.minusSeconds(86_400)));
    reports.failWith = DESK_DOWN;
    deliverer.scheduled("C1", FIRE);
    DigestService service = new DigestService(new SubscriptionStore(ds), deliveries, null, deliverer, Optional.empty(),
        "0 0 9 * * ?", ZoneId.of("Asia/Shanghai"), clock);
    assertThat(service.list()).contains("retrying (for ").contains("next try Wed 25 Nov 09:10")
        .contains("gives up after Wed 25 Nov 09:35").contains("Desk could not be reached");
  }
}
