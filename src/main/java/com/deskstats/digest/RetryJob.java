package com.deskstats.digest;

import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryRetryStore;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import java.time.Duration;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries again the digest deliveries that wait as retrying and are due: one Quartz trigger in its own job group,
 * looking every minute (on one node of a cluster). Each due delivery is claimed first, so it runs once.
 */
@DisallowConcurrentExecution
final class RetryJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(RetryJob.class);

  static final String GROUP = "digest-retry";
  static final JobKey KEY = JobKey.jobKey("retries", GROUP);
  /** How often due retries are looked for; a retry is due {@link DeliveryRetries#EVERY} after its failure. */
  static final Duration LOOK_EVERY = Duration.ofMinutes(1);

  private final Deliverer deliverer;
  private final DeliveryRetryStore deliveries;
  private final SubscriptionStore subscriptions;
  private final String node;

  RetryJob(Deliverer deliverer, DeliveryRetryStore deliveries, SubscriptionStore subscriptions, String node) {
    this.deliverer = deliverer;
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.node = node;
  }

  /** Adds the job and its trigger unless they are there (another replica, or an earlier start, added them). */
  static void schedule(Scheduler scheduler) throws SchedulerException {
    if (scheduler.checkExists(KEY)) return;
    JobDetail job = JobBuilder.newJob(RetryJob.class).withIdentity(KEY).storeDurably().build();
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity("retries", GROUP).forJob(job)
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(LOOK_EVERY.toMillis())
            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
    try {
      scheduler.scheduleJob(job, trigger);
    } catch (org.quartz.ObjectAlreadyExistsException e) {
      // Another replica added it first.
    }
  }

  @Override
  public void execute(JobExecutionContext context) {
    runDue();
  }

  /** Tries every due delivery once; returns how many this node tried. */
  int runDue() {
    int tried = 0;
    try {
      for (Delivery d : deliveries.dueRetries()) {
        try {
          if (!deliveries.claimRetry(d.id(), node)) continue;
          tried++;
          // The CSV goes along when its subscription (still) asks for it, in the language it asks for now.
          Optional<Subscription> s = subscriptions.find(d.key());
          deliverer.retry(d, s.map(Subscription::csv).orElse(false), s.flatMap(Subscription::lang));
        } catch (RuntimeException e) {
          log.error("digest channel={} day={} retry failed", d.channelId(), d.day(), e);
        }
      }
    } catch (RuntimeException e) {
      // The database is away: the retries wait for it, and DatabaseGuard has said so.
      log.debug("digest retries not looked at: {}", e.getMessage());
    }
    return tried;
  }
}
