package com.deskstats.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.delivery.SlackCalls;
import com.deskstats.ops.Metrics;
import com.deskstats.store.DeliveryStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/** How Quartz treats a digest trigger that could not run on time while the bot was up. */
class SchedulingTest {

  @Test
  void aTriggerThatCouldNotRunForMinutesStillFiresForItsOwnTimeWithinTheGrace() throws Exception {
    // Twenty channels at 09:00 and two worker threads, a slow Desk or Slack's Retry-After: the last triggers get a
    // thread minutes late. Quartz's default 60 s misfire threshold (with "do nothing") dropped them until tomorrow.
    try (FakeSlack slack = new FakeSlack()) {
      Clock clock = Clock.systemUTC();
      DeliveryStore deliveries = new DeliveryStore(DigestDatabases.h2(), clock);
      Deliverer deliverer = new Deliverer(new FakeReports(), FakeRenderer.renderer(),
          new SlackCalls(slack.methods(Nodes.BOT_TOKEN), d -> { }), deliveries,
          new Metrics(false), clock, FakeReports.ZONE, "node-a");
      Scheduling scheduling = Scheduling.create(false, null, new DigestJob(deliverer),
          new MissedRuns(new MissedRunPolicy(deliverer, deliveries, clock, "node-a"), Duration.ofHours(6), clock),
          "node-a", Duration.ofSeconds(1), Duration.ofHours(6));
      try {
        // A daily trigger whose fire time was 90 s ago and that has not run yet: as if it had waited for a thread.
        ZonedDateTime due = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        String cron = due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " * * ?";
        JobDetail job = JobBuilder.newJob(DigestJob.class).withIdentity(Scheduling.jobKey("C1"))
            .usingJobData(DigestJob.CHANNEL, "C1").build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(Scheduling.triggerKey("C1")).forJob(job)
            .startAt(Date.from(due.toInstant().minusSeconds(1)))
            .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC))
                .withMisfireHandlingInstructionDoNothing())
            .build();
        scheduling.scheduler().scheduleJob(job, Set.of(trigger), true);
        scheduling.scheduler().start();

        slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(10));
        assertThat(slack.calls("chat.postMessage")).singleElement()
            .satisfies(c -> assertThat(c.params()).containsEntry("channel", "C1"));
      } finally {
        scheduling.scheduler().shutdown(false);
      }
    }
  }

  @Test
  void theMisfireThresholdIsTheGraceOnBothJobStores() {
    assertThat(Scheduling.misfireThreshold(Duration.ofHours(6), Digest.MISFIRE_FLOOR)).isEqualTo(Duration.ofHours(6));
    assertThat(Scheduling.misfireThreshold(Duration.ofSeconds(10), Digest.MISFIRE_FLOOR)).isEqualTo(Duration.ofSeconds(60));
    assertThat(Scheduling.properties(false, null, "a", Duration.ofSeconds(30), Duration.ofHours(6))
        .getProperty("org.quartz.jobStore.misfireThreshold")).isEqualTo(String.valueOf(Duration.ofHours(6).toMillis()));
    assertThat(Scheduling.properties(true, "ds", "AUTO", Duration.ofSeconds(30), Duration.ofMinutes(90))
        .getProperty("org.quartz.jobStore.misfireThreshold")).isEqualTo(String.valueOf(Duration.ofMinutes(90).toMillis()));
  }

  @Test
  void anotherFeaturesJobRunsOnTheSameSchedulerAndSyncLeavesItAlone() throws Exception {
    Clock clock = Clock.systemUTC();
    DeliveryStore deliveries = new DeliveryStore(DigestDatabases.h2(), clock);
    Deliverer deliverer = new Deliverer(new FakeReports(), FakeRenderer.renderer(), null,
        deliveries, new Metrics(false), clock, FakeReports.ZONE, "node-a");
    java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
    org.quartz.Job other = context -> ran.countDown();
    Scheduling scheduling = Scheduling.create(false, null,
        java.util.Map.of(DigestJob.class, new DigestJob(deliverer), other.getClass(), other),
        new MissedRuns(new MissedRunPolicy(deliverer, deliveries, clock, "node-a"), Duration.ofHours(6), clock),
        "node-a", Duration.ofSeconds(1), Duration.ofHours(6));
    try {
      JobDetail job = JobBuilder.newJob(other.getClass()).withIdentity("warm", "other").storeDurably().build();
      scheduling.scheduler().addJob(job, true);
      scheduling.sync(java.util.List.of());
      assertThat(scheduling.scheduler().checkExists(job.getKey())).isTrue();
      scheduling.scheduler().start();
      scheduling.scheduler().triggerJob(job.getKey());
      assertThat(ran.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      scheduling.scheduler().shutdown(false);
    }
  }
}
