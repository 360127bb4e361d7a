package com.deskstats.alert;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind the alerts' trigger, one pre-built instance on the digest's scheduler. Not concurrent: on a
 * cluster one node evaluates at a time. It never throws: the next firing tries again.
 */
@DisallowConcurrentExecution
public final class AlertJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(AlertJob.class);

  private final Alerting alerting;

  AlertJob(Alerting alerting) {
    this.alerting = alerting;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      alerting.evaluateNow();
    } catch (RuntimeException e) {
      log.error("alerts evaluation failed", e);
    }
  }
}
