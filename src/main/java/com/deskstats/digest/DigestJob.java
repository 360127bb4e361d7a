package com.deskstats.digest;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind every subscription's trigger; one pre-built instance is handed out by
 * {@link Scheduling}'s JobFactory. It never throws: the delivery record holds the outcome, and a
 * re-fired trigger finds the day already claimed.
 */
@DisallowConcurrentExecution
final class DigestJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(DigestJob.class);

  /** The JobDataMap key holding the channel id. */
  static final String CHANNEL = "channel";

  private final Deliverer deliverer;

  DigestJob(Deliverer deliverer) {
    this.deliverer = deliverer;
  }

  @Override
  public void execute(JobExecutionContext context) {
    Target target = Target.read(context.getMergedJobDataMap());
    try {
      deliverer.scheduled(target, context.getScheduledFireTime().toInstant());
    } catch (RuntimeException e) {
      log.error("digest {} job failed", target.describe(), e);
    }
  }
}
