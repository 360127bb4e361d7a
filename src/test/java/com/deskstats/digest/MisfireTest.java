package com.deskstats.digest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.deskstats.delivery.SlackCalls;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.LogCapture;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * A digest trigger that Quartz drops as misfired while the bot runs (a long pause, a suspended host, a database
 * outage): the lost day is recorded as skipped, logged and counted, once, and never posted.
 */
class MisfireTest {
  /** A daily fire time half a minute ago; the tests make Quartz find a trigger still due for it (or earlier). */
  static final ZoneId UTC = ZoneId.of("UTC");
  final ZonedDateTime due = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).atZone(UTC);
  final String cron = due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " * * ?";
  final Clock clock = Clock.systemUTC();

  FakeSlack slack;
  Nodes nodes;
  DataSource ds;

  @BeforeEach
  void setUp() {
    slack = new FakeSlack();
    nodes = new Nodes(slack);
    ds = DigestDatabases.h2();
  }

  @AfterEach
  void tearDown() {
    nodes.close();
    slack.close();
  }

  @Test
  void aRunLaterThanTheGraceWhileTheBotRunsIsRecordedAsSkippedLoggedAndCountedWithoutPosting() throws Exception {
    Metrics metrics = new Metrics(false);
    // Subscribed after the missed run, so start-up's catch-up has nothing to do: the misfire is the only way in.
    new SubscriptionStore(ds).upsert(new Subscription("C1", cron, UTC, "U1", clock.instant()));
    // DIGEST_GRACE 2s is the misfire threshold: the trigger found 30 s late is a misfire, not a late run.
    Digest d = nodes.startWithoutMisfireFloor("a", Map.of("DIGEST_GRACE", "2s"), ds, clock, metrics);
    LocalDate day = deskDay(due.toInstant());
    try (LogCapture log = LogCapture.of(Deliverer.class)) {
      overdue(d.scheduler(), due.toInstant());

      DeliveryStore store = new DeliveryStore(ds, clock);
      await(() -> store.scheduled("C1", day).isPresent());

      Delivery skipped = store.scheduled("C1", day).orElseThrow();
      assertThat(skipped.status()).isEqualTo(Delivery.Status.SKIPPED);
      assertThat(skipped.claimedBy()).isEqualTo("a");
      assertThat(skipped.error()).hasValueSatisfying(e -> assertThat(e).contains("DIGEST_GRACE (2s)"));
      assertThat(slack.calls("chat.postMessage")).isEmpty();
      assertThat(metrics.scrape()).contains("deskstats_digest_deliveries_total{outcome=\"skipped\"} 1.0");
      assertThat(d.control().list()).contains("skipped");
      // Quartz moved the trigger on to tomorrow rather than running it now.
      assertThat(d.scheduler().getTrigger(Scheduling.triggerKey("C1")).getNextFireTime())
          .isAfter(Date.from(clock.instant()));
      ILoggingEvent line = log.events().stream()
          .filter(e -> e.getFormattedMessage().contains("outcome=skipped")).findFirst().orElseThrow();
      assertThat(line.getLevel()).isEqualTo(Level.WARN);
      assertThat(line.getFormattedMessage()).contains("channel=C1", "day=" + day, "more than DIGEST_GRACE");
      assertThat(line.getMDCPropertyMap()).containsKey(RequestIds.KEY);
    }
  }

  @Test
  void aDayAlreadyPostedIsLeftAloneByAMisfire() throws Exception {
    Metrics metrics = new Metrics(false);
    LocalDate day = deskDay(due.toInstant());
    DeliveryStore store = new DeliveryStore(ds, clock);
    long id = store.claim("C1", day, "other-node").orElseThrow();
    store.markPosted(id, "1.0001", 1);
    store.markSent(id, Optional.empty());
    Digest d = nodes.startWithoutMisfireFloor("a", Map.of("DIGEST_GRACE", "2s"), ds, clock, metrics);
    try (LogCapture log = LogCapture.of(MissedRunPolicy.class)) {
      var handled = log.whenLogged("missed run already recorded");
      overdue(d.scheduler(), due.toInstant());

      assertThat(handled.await(5, TimeUnit.SECONDS)).isTrue();
      Delivery kept = store.scheduled("C1", day).orElseThrow();
      assertThat(kept.status()).isEqualTo(Delivery.Status.SENT);
      assertThat(kept.claimedBy()).isEqualTo("other-node");
      assertThat(kept.error()).isEmpty();
      assertThat(metrics.scrape()).doesNotContain("outcome=\"skipped\"");
      assertThat(slack.calls("chat.postMessage")).isEmpty();
    }
  }

  @Test
  void aPauseOverSeveralDaysSkipsTheOlderDaysAndPostsTheLastOneStillWithinTheGrace() throws Exception {
    // Suspended since two days before the digest: Quartz's "do nothing" drops all three fire times, the last only
    // 30 s late, which must post late rather than vanish.
    Metrics metrics = new Metrics(false);
    Digest d = nodes.startWithoutMisfireFloor("a", Map.of("DIGEST_GRACE", "1h"), ds, clock, metrics);
    overdue(d.scheduler(), due.minusDays(2).toInstant());

    slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(5));
    DeliveryStore store = new DeliveryStore(ds, clock);
    LocalDate day = deskDay(due.toInstant());
    await(() -> store.scheduled("C1", day).map(x -> x.status() == Delivery.Status.SENT).orElse(false));

    assertThat(slack.calls("chat.postMessage")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("text", "Desk digest for " + day));
    assertThat(store.scheduled("C1", day.minusDays(1)).orElseThrow().status()).isEqualTo(Delivery.Status.SKIPPED);
    assertThat(store.scheduled("C1", day.minusDays(2)).orElseThrow().status()).isEqualTo(Delivery.Status.SKIPPED);
    assertThat(metrics.scrape()).contains("deskstats_digest_deliveries_total{outcome=\"skipped\"} 2.0")
        .contains("deskstats_digest_deliveries_total{outcome=\"sent\"} 1.0");
  }

  @Test
  void aClusterThatWasDownPastTheGraceRecordsTheMissedDaysOnceWhenANodeComesBack() throws Exception {
    // Every node was down for two days; the trigger in PostgreSQL still says "due two days ago". The node that comes
    // back finds it misfired at start-up, while start-up's catch-up looks at the last run: each day recorded once.
    String url = DigestDatabases.postgresUrl();
    Map<String, String> env = Map.of("DATABASE_URL", url, "DIGEST_GRACE", "1h");
    try (HikariDataSource pool = DigestDatabases.pool(url, 6)) {
      new SubscriptionStore(pool).upsert(new Subscription("C1", cron, UTC, "U1",
          due.minusDays(3).toInstant()));
      DeliveryStore store = new DeliveryStore(pool, clock);
      Deliverer unused = new Deliverer(new FakeReports(), FakeRenderer.renderer(),
          new SlackCalls(slack.methods(Nodes.BOT_TOKEN), w -> { }), store, new Metrics(false), clock, FakeReports.ZONE,
          "old");
      Scheduling old = Scheduling.create(true, pool, new DigestJob(unused),
          new MissedRuns(new MissedRunPolicy(unused, store, clock, "old"), Duration.ofHours(1), clock), "old",
          Duration.ofSeconds(1), Duration.ofHours(1));
      try {
        old.scheduler().scheduleJob(job(), Set.of(trigger(due.minusDays(2).toInstant())), true);
      } finally {
        old.scheduler().shutdown(false);
      }

      Metrics metrics = new Metrics(false);
      Digest d = nodes.startWithoutMisfireFloor("node-a", env, pool, clock, metrics);
      LocalDate day = deskDay(due.toInstant());
      slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(10));
      await(() -> store.scheduled("C1", day).map(x -> x.status() == Delivery.Status.SENT).orElse(false)
          && store.scheduled("C1", day.minusDays(2)).isPresent());
      d.stop();

      assertThat(slack.calls("chat.postMessage")).hasSize(1);
      assertThat(store.scheduled("C1", day.minusDays(1)).orElseThrow().status()).isEqualTo(Delivery.Status.SKIPPED);
      assertThat(store.scheduled("C1", day.minusDays(2)).orElseThrow().status()).isEqualTo(Delivery.Status.SKIPPED);
      assertThat(metrics.scrape()).contains("deskstats_digest_deliveries_total{outcome=\"skipped\"} 2.0");
    }
  }

  @Test
  void aTriggerMisfiredForWeeksHandsOnItsFirstLostRunAndThoseOfTheLastEightDays() {
    Instant now = due.toInstant().plusSeconds(30);
    var t = (org.quartz.spi.OperableTrigger) trigger(due.minusDays(20).toInstant());
    t.computeFirstFireTime(null);

    var lost = MissedRuns.lostFireTimes(t, now);

    assertThat(lost).first().isEqualTo(due.minusDays(20).toInstant());
    assertThat(lost.subList(1, lost.size())).containsExactly(due.minusDays(7).toInstant(), due.minusDays(6).toInstant(),
        due.minusDays(5).toInstant(), due.minusDays(4).toInstant(), due.minusDays(3).toInstant(),
        due.minusDays(2).toInstant(), due.minusDays(1).toInstant(), due.toInstant());
    assertThat(MissedRuns.lostFireTimes(t, due.minusDays(21).toInstant())).isEmpty();
  }

  /** The Desk day the digest fired at {@code t} reports (DigestJob's rule). */
  private static LocalDate deskDay(Instant t) {
    return t.atZone(FakeReports.ZONE).toLocalDate().minusDays(1);
  }

  /** Puts in C1's trigger, its next fire time {@code nextFire} (in the past), while the scheduler stands by. */
  private void overdue(Scheduler scheduler, Instant nextFire) throws Exception {
    scheduler.standby();
    scheduler.scheduleJob(job(), Set.of(trigger(nextFire)), true);
    // Standby does not stop a pass of the scheduler thread already under way: that pass may have found the trigger
    // misfired already (next fire tomorrow), which the listener hears all the same.
    assertThat(scheduler.getTrigger(Scheduling.triggerKey("C1")).getNextFireTime())
        .isIn(Date.from(nextFire), Date.from(due.plusDays(1).toInstant()));
    scheduler.start();
  }

  private JobDetail job() {
    return JobBuilder.newJob(DigestJob.class).withIdentity(Scheduling.jobKey("C1"))
        .usingJobData(DigestJob.CHANNEL, "C1").build();
  }

  /** C1's daily trigger as Scheduling makes it, started just before {@code nextFire}. */
  private Trigger trigger(Instant nextFire) {
    return TriggerBuilder.newTrigger().withIdentity(Scheduling.triggerKey("C1")).forJob(Scheduling.jobKey("C1"))
        .startAt(Date.from(nextFire.minusSeconds(1)))
        .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(UTC))
            .withMisfireHandlingInstructionDoNothing())
        .build();
  }

  /** A bounded poll for an outcome the test has already set going. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5 s");
      Thread.sleep(20);
    }
  }
}
