package com.deskstats.warmup;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Schedules the cache warm-up on the digest's Quartz scheduler, in its own job group: daily when a day closes
 * (DESK_SETTLE after midnight in DESK_TIMEZONE, plus a minute) and once at start-up. On a cluster each firing
 * runs on one node, and {@link WarmUpJob} skips the days another node already cached.
 */
public final class WarmUp {
  private WarmUp() {}

  static final String GROUP = "cache-warm-up";
  static final JobKey JOB = JobKey.jobKey("last-closed-day", GROUP);
  static final TriggerKey DAILY = TriggerKey.triggerKey("day-closed", GROUP);
  static final TriggerKey START = TriggerKey.triggerKey("start-up", GROUP);
  static final TriggerKey RETRY = TriggerKey.triggerKey("retry", GROUP);
  /** How long after a failed warm-up it is tried again. */
  public static final Duration RETRY_AFTER = Duration.ofMinutes(10);
  /** After DESK_SETTLE: a day is closed strictly after its end plus the settle time. */
  static final Duration MARGIN = Duration.ofMinutes(1);

  /** Schedules the daily run (moved if DESK_TIMEZONE or DESK_SETTLE changed) and a run now. */
  public static void schedule(Scheduler scheduler, ZoneId zone, Duration settle) throws SchedulerException {
    JobDetail job = JobBuilder.newJob(WarmUpJob.class).withIdentity(JOB).storeDurably().requestRecovery(false).build();
    Trigger daily = TriggerBuilder.newTrigger().withIdentity(DAILY).forJob(JOB)
        .withSchedule(CronScheduleBuilder.cronSchedule(cron(settle)).inTimeZone(TimeZone.getTimeZone(zone))
            .withMisfireHandlingInstructionFireAndProceed())
        .build();
    Trigger now = TriggerBuilder.newTrigger().withIdentity(START).forJob(JOB).startNow().build();
    scheduler.scheduleJob(job, Set.of(daily, now), true);
  }

  /** The daily firing time: DESK_SETTLE plus {@link #MARGIN} after midnight (the time of day, whatever the days). */
  static String cron(Duration settle) {
    long seconds = settle.plus(MARGIN).toSeconds() % 86_400;
    return (seconds % 60) + " " + (seconds / 60 % 60) + " " + (seconds / 3600) + " * * ?";
  }
}
