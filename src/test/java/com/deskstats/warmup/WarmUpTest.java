package com.deskstats.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.config.Settings;
import com.deskstats.desk.DeskException;
import com.deskstats.digest.Digest;
import com.deskstats.ops.Metrics;
import com.deskstats.stats.CachedDays;
import com.deskstats.stats.ReportService;
import com.deskstats.store.DayStore;
import com.deskstats.testing.CountingDeskSource;
import com.deskstats.testing.Databases;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.LogCapture;
import com.deskstats.testing.MutableClock;
import com.slack.api.Slack;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Duration SETTLE = Duration.ofHours(2);
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  static final Duration WAIT = Duration.ofSeconds(20);

  private Scheduler scheduler;

  @AfterEach
  void stop() throws Exception {
    if (scheduler != null) scheduler.shutdown(false);
  }

  /** The cache, a report service and a warmer over one fake Desk, as Main builds them. */
  record Node(CachedDays days, ReportService reports, CacheWarmer warmer) {
    static Node of(CountingDeskSource desk, DataSource db, Clock clock) {
      CachedDays days = new CachedDays(desk, new DayStore(db), "1400000000@Asia/Shanghai", ZONE, SETTLE, clock,
          new Metrics(false));
      ReportService reports = new ReportService(days, ZONE, 3, 10, clock, Executors.newCachedThreadPool());
      return new Node(days, reports, new CacheWarmer(reports, days));
    }

    List<LocalDate> needed() {
      return reports.daysNeeded(com.deskstats.stats.Period.day(DAY));
    }
  }

  @Test
  void theDailyRunFiresWhenTheDayClosesInTheDeskZone() throws Exception {
    scheduler = ram(Map.of());
    WarmUp.schedule(scheduler, ZONE, SETTLE);
    CronTrigger daily = (CronTrigger) scheduler.getTrigger(WarmUp.DAILY);
    Date afterMidnight = Date.from(DAY.plusDays(1).atStartOfDay(ZONE).toInstant());
    // DESK_SETTLE (2h) and a minute after midnight in Shanghai.
    org.quartz.CronExpression cron = new org.quartz.CronExpression(daily.getCronExpression());
    cron.setTimeZone(daily.getTimeZone());
    assertThat(cron.getNextValidTimeAfter(afterMidnight).toInstant())
        .isEqualTo(ZonedDateTime.of(DAY.plusDays(1).atTime(2, 1), ZONE).toInstant());
    assertThat(WarmUp.cron(Duration.ofMinutes(90))).isEqualTo("0 31 1 * * ?");
  }

  @Test
  void whenTheDayClosesItIsWarmedOnceWithItsComparisonDay() throws Exception {
    CountingDeskSource desk = CountingDeskSource.ofTeam(20);
    // 02:01 in Shanghai on the next day: DAY has just closed.
    MutableClock clock = new MutableClock(ZonedDateTime.of(DAY.plusDays(1).atTime(2, 1), ZONE).toInstant());
    Node node = Node.of(desk, Databases.h2(), clock);
    assertThat(node.warmer().lastClosedDay()).isEqualTo(DAY);
    List<LocalDate> needed = node.needed();
    assertThat(needed).contains(DAY).hasSizeGreaterThan(1);

    assertThat(node.warmer().warmLastClosedDay()).isTrue();
    for (LocalDate d : needed) {
      assertThat(desk.calls(d)).as("Desk reads of %s", d).isEqualTo(1);
      assertThat(node.days().cached(d)).isTrue();
    }
    assertThat(desk.calls()).isEqualTo(needed.size());

    // The morning's report, and any later warm-up, cost no Desk call.
    node.reports().report(com.deskstats.stats.Period.day(DAY));
    assertThat(node.warmer().warmLastClosedDay()).isFalse();
    assertThat(desk.calls()).isEqualTo(needed.size());
  }

  @Test
  void beforeTheSettleTimeTheDayBeforeIsTheLastClosedDay() {
    MutableClock clock = new MutableClock(ZonedDateTime.of(DAY.plusDays(1).atTime(1, 59), ZONE).toInstant());
    Node node = Node.of(CountingDeskSource.ofTeam(2), Databases.h2(), clock);
    assertThat(node.warmer().lastClosedDay()).isEqualTo(DAY.minusDays(1));
  }

  @Test
  void atStartUpAMissingDayIsWarmedOnce() throws Exception {
    CountingDeskSource desk = CountingDeskSource.ofTeam(20);
    Node node = Node.of(desk, Databases.h2(), closedClock());
    CountDownLatch ran = new CountDownLatch(1);
    scheduler = ram(Map.of());
    scheduler.getListenerManager().addJobListener(listener(ran, new AtomicInteger()));
    scheduler.setJobFactory((bundle, s) -> new WarmUpJob(node.warmer(), WarmUp.RETRY_AFTER));
    WarmUp.schedule(scheduler, ZONE, SETTLE);
    scheduler.start();

    assertThat(ran.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    for (LocalDate d : node.needed()) assertThat(desk.calls(d)).isEqualTo(1);
    assertThat(desk.calls()).isEqualTo(node.needed().size());
  }

  @Test
  void atStartUpCachedDaysAreSkipped() throws Exception {
    CountingDeskSource desk = CountingDeskSource.ofTeam(20);
    Node node = Node.of(desk, Databases.h2(), closedClock());
    node.warmer().warm(DAY);
    int before = desk.calls();
    CountDownLatch ran = new CountDownLatch(1);
    scheduler = ram(Map.of());
    scheduler.getListenerManager().addJobListener(listener(ran, new AtomicInteger()));
    scheduler.setJobFactory((bundle, s) -> new WarmUpJob(node.warmer(), WarmUp.RETRY_AFTER));
    WarmUp.schedule(scheduler, ZONE, SETTLE);
    scheduler.start();

    assertThat(ran.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(desk.calls()).isEqualTo(before);
  }

  @Test
  void aFailedWarmUpIsLoggedInOneLineAndTriedAgainLater() throws Exception {
    CountingDeskSource desk = CountingDeskSource.ofTeam(20);
    Node node = Node.of(desk, Databases.h2(), closedClock());
    List<LocalDate> needed = node.needed();
    desk.failNext(new DeskException(DeskException.Kind.UNAVAILABLE, 0, "Desk is busy: try again later."));
    CountDownLatch twice = new CountDownLatch(2);
    scheduler = ram(Map.of());
    scheduler.getListenerManager().addJobListener(listener(twice, new AtomicInteger()));
    scheduler.setJobFactory((bundle, s) -> new WarmUpJob(node.warmer(), Duration.ofMillis(200)));
    try (LogCapture logs = LogCapture.of(WarmUpJob.class)) {
      WarmUp.schedule(scheduler, ZONE, SETTLE);
      scheduler.start();

      assertThat(twice.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the retry ran").isTrue();
      assertThat(logs.lines()).hasSize(1).first().asString()
          .contains("Cache warm-up of " + DAY + " failed").contains("Desk is busy").doesNotContain("\n");
    }
    for (LocalDate d : needed) assertThat(node.days().cached(d)).as("%s cached after the retry", d).isTrue();
  }

  @Test
  void twoClusteredNodesWarmTheDayOnce() throws Exception {
    String url = DigestDatabases.postgresUrl();
    CountingDeskSource desk = CountingDeskSource.ofTeam(20);
    Clock clock = closedClock();
    AtomicInteger runs = new AtomicInteger();
    desk.hold(); // the first warm-up holds its Desk read until both nodes have scheduled theirs
    try (HikariDataSource poolA = DigestDatabases.pool(url, 4); HikariDataSource poolB = DigestDatabases.pool(url, 4)) {
      Node a = Node.of(desk, poolA, clock);
      Node b = Node.of(desk, poolB, clock);
      Digest one = node(url, poolA, a, clock);
      Digest two = node(url, poolB, b, clock);
      try {
        one.scheduler().getListenerManager().addJobListener(listener(new CountDownLatch(0), runs));
        two.scheduler().getListenerManager().addJobListener(listener(new CountDownLatch(0), runs));
        WarmUp.schedule(one.scheduler(), ZONE, SETTLE);
        desk.awaitFetchStarted();
        WarmUp.schedule(two.scheduler(), ZONE, SETTLE);
        desk.release();
        // Both start-up runs are over once no start-up trigger is left and neither node runs the job.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((one.scheduler().checkExists(WarmUp.START) || runs.get() == 0
            || !one.scheduler().getCurrentlyExecutingJobs().isEmpty()
            || !two.scheduler().getCurrentlyExecutingJobs().isEmpty()) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(runs.get()).isPositive();
        for (LocalDate d : a.needed()) assertThat(desk.calls(d)).as("Desk reads of %s", d).isEqualTo(1);
        for (LocalDate d : a.needed()) assertThat(b.days().cached(d)).isTrue();
      } finally {
        one.scheduler().shutdown(false);
        two.scheduler().shutdown(false);
      }
    }
  }

  /** A clustered digest node (Quartz on PostgreSQL) with the warm-up job, as Main starts it. */
  private static Digest node(String url, DataSource db, Node n, Clock clock) throws Exception {
    Settings settings = Settings.load(Map.of("DATABASE_URL", url, "SLACK_BOT_TOKEN", "xoxb-unused"));
    return Digest.start(settings, db, n.reports(), Slack.getInstance().methods("xoxb-unused"),
        (report, today, now, language) -> {
          throw new AssertionError("no digest is due");
        }, new Metrics(false), clock, Map.of(WarmUpJob.class, new WarmUpJob(n.warmer(), WarmUp.RETRY_AFTER)));
  }

  /** Just after DAY closed. */
  private static Clock closedClock() {
    return Clock.fixed(ZonedDateTime.of(DAY.plusDays(1).atTime(3, 0), ZONE).toInstant(), ZONE);
  }

  private static JobListener listener(CountDownLatch ran, AtomicInteger runs) {
    return new JobListener() {
      @Override
      public String getName() {
        return "test-" + UUID.randomUUID();
      }

      @Override
      public void jobToBeExecuted(JobExecutionContext context) {}

      @Override
      public void jobExecutionVetoed(JobExecutionContext context) {}

      @Override
      public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
        runs.incrementAndGet();
        ran.countDown();
      }
    };
  }

  /** A RAM-store scheduler of its own, not started. */
  private static Scheduler ram(Map<String, String> extra) throws Exception {
    Properties p = new Properties();
    String name = "warm-up-test-" + UUID.randomUUID();
    p.setProperty("org.quartz.scheduler.instanceName", name);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    extra.forEach(p::setProperty);
    Scheduler s = new StdSchedulerFactory(p).getScheduler();
    SchedulerRepository.getInstance().remove(name);
    return s;
  }
}
