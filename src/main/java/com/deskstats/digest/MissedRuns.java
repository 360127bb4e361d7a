package com.deskstats.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears Quartz drop a digest trigger as misfired while the bot runs (a long GC or VM pause, a suspended host, a
 * database outage, every node down past the grace) and has {@link MissedRunPolicy#missed} record what was lost, so
 * the day shows as skipped instead of vanishing. Quartz's "do nothing" instruction loses every fire time up to now,
 * not just the first: all of them are handed on.
 */
final class MissedRuns extends TriggerListenerSupport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MissedRuns.class);

  static final String NAME = "deskstats-missed-runs";

  private final MissedRunPolicy policy;
  private final Duration grace;
  private final Clock clock;
  // Off Quartz's thread: the listener runs holding the job store's trigger lock, and a database write (or a
  // database that is down) or a late post must not hold it.
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "digest-missed-runs");
    t.setDaemon(true);
    return t;
  });
  private final List<Runnable> held = new ArrayList<>();
  private boolean open;

  MissedRuns(MissedRunPolicy policy, Duration grace, Clock clock) {
    this.policy = policy;
    this.grace = grace;
    this.clock = clock;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public void triggerMisfired(Trigger trigger) {
    // Only a misfire beyond the threshold (DIGEST_GRACE) gets here; a later-but-within-threshold firing just runs.
    if (!Scheduling.GROUP.equals(trigger.getKey().getGroup())) return;
    // A trigger from before V7 carries no data: its name is the channel of a daily team digest.
    Target target = Target.of(trigger);
    List<Instant> lost = lostFireTimes(trigger, clock.instant());
    if (lost.isEmpty()) return;
    submit(() -> policy.missed(target, lost, grace));
  }

  /**
   * The fire times Quartz is about to skip: the misfired one and each after it up to {@code now} (those older than
   * {@link Schedules#LOOK_BACK} besides the first are not looked at, as at start-up).
   */
  static List<Instant> lostFireTimes(Trigger trigger, Instant now) {
    List<Instant> lost = new ArrayList<>();
    Date t = trigger.getNextFireTime();
    if (t == null || t.toInstant().isAfter(now)) return lost;
    lost.add(t.toInstant());
    Instant from = now.minus(Schedules.LOOK_BACK);
    t = trigger.getFireTimeAfter(t.toInstant().isBefore(from) ? Date.from(from) : t);
    while (t != null && !t.toInstant().isAfter(now)) {
      lost.add(t.toInstant());
      t = trigger.getFireTimeAfter(t);
    }
    return lost;
  }

  /**
   * Lets recorded misfires through; until then they wait. Digest opens it with start-up's catch-up, so a start that
   * fails later (a clustered store recovers misfires inside {@code scheduler.start()}) records and posts nothing.
   */
  void open() {
    List<Runnable> ready;
    synchronized (this) {
      if (open) return;
      open = true;
      ready = List.copyOf(held);
      held.clear();
    }
    ready.forEach(this::execute);
  }

  private void submit(Runnable task) {
    synchronized (this) {
      if (!open) {
        held.add(task);
        return;
      }
    }
    execute(task);
  }

  private void execute(Runnable task) {
    try {
      worker.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("digest missed-run record failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      log.warn("digest is stopping: a missed run is left for the next start-up");
    }
  }

  /** Finishes a record or late post under way; Digest calls it after Quartz has stopped. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(2, TimeUnit.MINUTES)) log.warn("digest missed-run record still running at stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
