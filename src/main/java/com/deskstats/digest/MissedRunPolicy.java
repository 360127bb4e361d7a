package com.deskstats.digest;

import com.deskstats.delivery.Sleeper;
import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decides what becomes of a run that did not fire on time, whether missed while the bot was down (start-up's
 * {@link #catchUp}) or dropped by Quartz as misfired while it ran ({@link #missed}, fed by {@link MissedRuns}): within
 * DIGEST_GRACE it is posted now through the {@link Deliverer}, past it it is recorded as skipped.
 */
final class MissedRunPolicy {
  private static final Logger log = LoggerFactory.getLogger(MissedRunPolicy.class);

  private final Deliverer deliverer;
  private final DeliveryStore deliveries;
  private final Clock clock;
  private final String node;

  MissedRunPolicy(Deliverer deliverer, DeliveryStore deliveries, Clock clock, String node) {
    this.deliverer = deliverer;
    this.deliveries = deliveries;
    this.clock = clock;
    this.node = node;
  }

  /**
   * Start-up: for each subscription, the last fire time before now that has no delivery recorded posts now
   * when it is within {@code grace}, else is recorded as skipped. A fresh claim may be a node's that was killed
   * just before this start (a restart within minutes of the digest): it is looked at again once it is stale,
   * so that the day is posted or skipped rather than left "in progress" and silently lost.
   */
  void catchUp(List<Subscription> subscriptions, Duration grace, Sleeper sleeper) {
    Map<Subscription, Instant> busy = catchUpPass(subscriptions, grace);
    if (busy.isEmpty()) return;
    Instant wake = Collections.min(busy.values()).plus(DeliveryStore.STALE_CLAIM).plusSeconds(1);
    Duration wait = Duration.between(clock.instant(), wake);
    busy.forEach((s, claimedAt) -> log.info("digest catch-up channel={} claimed at {} by another node: looking again in {}s",
        s.channelId(), claimedAt, Math.max(0, wait.toSeconds())));
    try {
      if (!wait.isNegative()) sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    catchUpPass(List.copyOf(busy.keySet()), grace).forEach((s, claimedAt) -> log.info(
        "digest catch-up channel={} is still claimed by another node (at {}): leaving it", s.channelId(), claimedAt));
  }

  /** One look at every subscription; returns those whose day is claimed, not stale, and not yet posted. */
  private Map<Subscription, Instant> catchUpPass(List<Subscription> subscriptions, Duration grace) {
    Instant now = clock.instant();
    Map<Subscription, Instant> busy = new LinkedHashMap<>();
    for (Subscription s : subscriptions) {
      try {
        Optional<Instant> last = Schedules.lastFire(s.cron(), s.zone(), now, s.createdAt());
        if (last.isEmpty()) continue;
        Target target = Target.of(s);
        LocalDate day = deliverer.reported().period(s.key(), last.get()).from();
        Optional<Delivery> recorded = deliveries.scheduled(s.key(), day);
        if (recorded.isPresent() && !stale(recorded.get(), now)) {
          if (inProgress(recorded.get())) busy.put(s, recorded.get().claimedAt());
          continue;
        }
        Duration late = Duration.between(last.get(), now);
        if (late.compareTo(grace) <= 0) {
          log.info("digest catch-up {} day={} missed by {}s (grace {}s): posting now",
              target.describe(), day, late.toSeconds(), grace.toSeconds());
          deliverer.scheduled(target, last.get());
        } else {
          skipLate(target, day, last.get(), late, grace);
        }
      } catch (RuntimeException e) {
        log.error("digest catch-up channel={} failed", s.channelId(), e);
      }
    }
    return busy;
  }

  /**
   * While running: Quartz dropped these fire times of the channel's trigger as misfired. Each day later than
   * {@code grace} is recorded as skipped; one still within it (the last of several lost to a long pause) posts
   * now, as start-up's catch-up would. A day already recorded (claimed, posted or skipped, by this node, another
   * or start-up) is left alone.
   */
  void missed(String channelId, List<Instant> fireTimes, Duration grace) {
    missed(Target.daily(channelId), fireTimes, grace);
  }

  /** As {@link #missed(String, List, Duration)} for any subscription; a period is decided by its latest fire time. */
  void missed(Target target, List<Instant> fireTimes, Duration grace) {
    String channelId = target.channelId();
    // Several fire times in one period (a sub-daily cron): the period is decided by its latest.
    Map<LocalDate, Instant> byDay = new LinkedHashMap<>();
    for (Instant t : fireTimes) byDay.put(deliverer.reported().period(target.key(), t).from(), t);
    Instant now = clock.instant();
    byDay.forEach((day, fireTime) -> {
      try {
        Duration late = Duration.between(fireTime, now);
        if (late.compareTo(grace) > 0) {
          skipLate(target, day, fireTime, late, grace);
        } else if (deliveries.scheduled(target.key(), day).isEmpty()) {
          log.info("digest {} day={} run dropped by Quartz was {}s late (grace {}s): posting now",
              target.describe(), day, late.toSeconds(), grace.toSeconds());
          deliverer.scheduled(target, fireTime);
        }
      } catch (RuntimeException e) {
        log.error("digest channel={} day={} missed run could not be recorded", channelId, day, e);
      }
    });
  }

  /** Records a run later than the grace as skipped, unless the day has a record; logs and counts it once. */
  private void skipLate(Target target, LocalDate day, Instant fireTime, Duration late, Duration grace) {
    String reason = "The run at " + fireTime + " was missed by " + minutes(late)
        + ", more than DIGEST_GRACE (" + minutes(grace) + ").";
    // One request id for the record and both lines, as for a delivery.
    try (MDC.MDCCloseable ignored = Deliverer.requestId()) {
      if (deliveries.skip(target.key(), day, node, reason)) {
        deliverer.skipped(target, day, reason);
      } else {
        log.info("digest {} day={} missed run already recorded: left alone", target.describe(), day);
      }
    }
  }

  private static boolean inProgress(Delivery d) {
    return d.status() == Delivery.Status.CLAIMED && d.messageTs().isEmpty();
  }

  private static boolean stale(Delivery d, Instant now) {
    return d.status() == Delivery.Status.CLAIMED && d.messageTs().isEmpty()
        && d.claimedAt().isBefore(now.minus(DeliveryStore.STALE_CLAIM));
  }

  private static String minutes(Duration d) {
    if (d.toMinutes() < 1) return d.toSeconds() + "s";
    long m = d.toMinutes();
    return m >= 120 ? (m / 60) + "h" + (m % 60 == 0 ? "" : (m % 60) + "m") : m + "m";
  }
}
