package com.deskstats.warmup;

import com.deskstats.desk.DeskException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job that warms the cache: one at a time across a cluster, so two nodes never read the same day;
 * a failure is logged in one line and the job is tried again {@code retryAfter} later.
 */
@DisallowConcurrentExecution
public final class WarmUpJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(WarmUpJob.class);

  private final CacheWarmer warmer;
  private final Duration retryAfter;

  public WarmUpJob(CacheWarmer warmer, Duration retryAfter) {
    this.warmer = warmer;
    this.retryAfter = retryAfter;
  }

  @Override
  public void execute(JobExecutionContext context) {
    LocalDate day = warmer.lastClosedDay();
    try {
      warmer.warm(day);
    } catch (DeskException | RuntimeException e) {
      // Never thrown on: Quartz would log a stack trace, and a command never waits on this job anyway.
      Date at = new Date(System.currentTimeMillis() + retryAfter.toMillis());
      log.warn("Cache warm-up of {} failed, trying again at {}: {}", day, at.toInstant(), e.getMessage());
      retryAt(context.getScheduler(), at);
    }
  }

  private static void retryAt(Scheduler scheduler, Date at) {
    Trigger retry = TriggerBuilder.newTrigger().withIdentity(WarmUp.RETRY).forJob(WarmUp.JOB).startAt(at).build();
    try {
      if (scheduler.checkExists(WarmUp.RETRY)) scheduler.rescheduleJob(WarmUp.RETRY, retry);
      else scheduler.scheduleJob(retry);
    } catch (SchedulerException e) {
      log.warn("Cache warm-up could not schedule its retry; the next day's run or restart warms instead: {}", e.getMessage());
    }
  }
}
