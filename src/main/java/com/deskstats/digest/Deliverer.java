package com.deskstats.digest;

import com.deskstats.delivery.SlackCalls;
import com.deskstats.delivery.SlackFailure;
import com.deskstats.delivery.Sleeper;
import com.deskstats.desk.DeskException;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.store.Delivery.Kind;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers one digest: claim the day, build yesterday's report, post it, upload the chart, record the outcome.
 * Every path ends in exactly one log line and one {@code metrics.delivery(outcome)}.
 */
final class Deliverer {
  private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

  /** What happened, and the sentence for whoever asked. */
  record Outcome(String outcome, String sentence) {}

  private final Reports reports;
  private final Renderer renderer;
  private final SlackCalls slack;
  private final DeliveryStore deliveries;
  private final Metrics metrics;
  private final Clock clock;
  private final ZoneId deskZone;
  private final String node;

  Deliverer(Reports reports, Renderer renderer, SlackCalls slack, DeliveryStore deliveries, Metrics metrics,
      Clock clock, ZoneId deskZone, String node) {
    this.reports = reports;
    this.renderer = renderer;
    this.slack = slack;
    this.deliveries = deliveries;
    this.metrics = metrics;
    this.clock = clock;
    this.deskZone = deskZone;
    this.node = node;
  }

  /** The Desk day a digest fired at {@code fireTime} reports: yesterday in the Desk time zone. */
  LocalDate reportedDay(Instant fireTime) {
    return fireTime.atZone(deskZone).toLocalDate().minusDays(1);
  }

  /** A trigger fired (or start-up caught up a missed run): posts unless the day is already claimed. */
  Outcome scheduled(String channelId, Instant fireTime) {
    try (MDC.MDCCloseable ignored = requestId()) {
      return scheduledNow(channelId, fireTime);
    }
  }

  private Outcome scheduledNow(String channelId, Instant fireTime) {
    LocalDate day = reportedDay(fireTime);
    long start = System.nanoTime();
    OptionalLong id = deliveries.claim(channelId, day, node);
    if (id.isEmpty()) {
      // Another node, an earlier firing or start-up has it: exactly the case the claim exists for.
      return done(channelId, day, Kind.SCHEDULED, "duplicate", start, "The digest for " + label(day)
          + " is already recorded for <#" + channelId + ">.");
    }
    return deliver(id.getAsLong(), channelId, day, Kind.SCHEDULED, start);
  }

  /** {@code digest now}: a test send of yesterday's digest that never counts as the day's delivery. */
  Outcome test(String channelId) {
    try (MDC.MDCCloseable ignored = requestId()) {
      return testNow(channelId);
    }
  }

  private Outcome testNow(String channelId) {
    LocalDate day = clock.instant().atZone(deskZone).toLocalDate().minusDays(1);
    long start = System.nanoTime();
    long id = deliveries.startTest(channelId, day, node);
    return deliver(id, channelId, day, Kind.TEST, start);
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
        LocalDate day = reportedDay(last.get());
        Optional<com.deskstats.store.Delivery> recorded = deliveries.scheduled(s.channelId(), day);
        if (recorded.isPresent() && !stale(recorded.get(), now)) {
          if (inProgress(recorded.get())) busy.put(s, recorded.get().claimedAt());
          continue;
        }
        Duration late = Duration.between(last.get(), now);
        if (late.compareTo(grace) <= 0) {
          log.info("digest catch-up channel={} day={} missed by {}s (grace {}s): posting now",
              s.channelId(), day, late.toSeconds(), grace.toSeconds());
          scheduled(s.channelId(), last.get());
        } else {
          skipLate(s.channelId(), day, last.get(), late, grace);
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
    // Several fire times on one Desk day (a sub-daily cron): the day is decided by its latest.
    Map<LocalDate, Instant> byDay = new LinkedHashMap<>();
    for (Instant t : fireTimes) byDay.put(reportedDay(t), t);
    Instant now = clock.instant();
    byDay.forEach((day, fireTime) -> {
      try {
        Duration late = Duration.between(fireTime, now);
        if (late.compareTo(grace) > 0) {
          skipLate(channelId, day, fireTime, late, grace);
        } else if (deliveries.scheduled(channelId, day).isEmpty()) {
          log.info("digest channel={} day={} run dropped by Quartz was {}s late (grace {}s): posting now",
              channelId, day, late.toSeconds(), grace.toSeconds());
          scheduled(channelId, fireTime);
        }
      } catch (RuntimeException e) {
        log.error("digest channel={} day={} missed run could not be recorded", channelId, day, e);
      }
    });
  }

  /** Records a run later than the grace as skipped, unless the day has a record; logs and counts it once. */
  private void skipLate(String channelId, LocalDate day, Instant fireTime, Duration late, Duration grace) {
    String reason = "The run at " + fireTime + " was missed by " + minutes(late)
        + ", more than DIGEST_GRACE (" + minutes(grace) + ").";
    try (MDC.MDCCloseable ignored = requestId()) {
      if (deliveries.skip(channelId, day, node, reason)) {
        done(channelId, day, Kind.SCHEDULED, "skipped", System.nanoTime(), reason);
      } else {
        log.info("digest channel={} day={} missed run already recorded: left alone", channelId, day);
      }
    }
  }

  private static boolean inProgress(com.deskstats.store.Delivery d) {
    return d.status() == com.deskstats.store.Delivery.Status.CLAIMED && d.messageTs().isEmpty();
  }

  private static boolean stale(com.deskstats.store.Delivery d, Instant now) {
    return d.status() == com.deskstats.store.Delivery.Status.CLAIMED && d.messageTs().isEmpty()
        && d.claimedAt().isBefore(now.minus(DeliveryStore.STALE_CLAIM));
  }

  private Outcome deliver(long id, String channelId, LocalDate day, Kind kind, long start) {
    String where = "<#" + channelId + ">";
    try {
      Report report;
      try {
        report = reports.report(Period.day(day));
      } catch (DeskException e) {
        String error = "Desk: " + e.userMessage();
        int attempts = 0;
        if (kind == Kind.SCHEDULED) {
          // The team expects a digest every morning: say in one sentence why there is none today.
          try {
            attempts = slack.post(channelId, "The desk-stats digest for " + label(day) + " could not be made: "
                + e.userMessage(), List.of()).attempts();
          } catch (SlackFailure f) {
            error += " The notice could not be posted either: " + f.sentence(channelId);
            attempts = f.attempts();
          }
        }
        deliveries.markFailed(id, error, attempts);
        return done(channelId, day, kind, "desk_failed", start,
            "The digest for " + label(day) + " could not be made: " + e.userMessage());
      }
      Instant now = clock.instant();
      Renderer.Rendered r = renderer.render(report, now.atZone(deskZone).toLocalDate(), now);
      SlackCalls.Posted posted;
      try {
        posted = slack.post(channelId, r.text(), r.blocks());
      } catch (SlackFailure f) {
        deliveries.markFailed(id, f.sentence(channelId), f.attempts());
        return done(channelId, day, kind, "failed", start, "Could not post the digest: " + f.sentence(channelId));
      }
      deliveries.markPosted(id, posted.ts(), posted.attempts());
      Optional<String> note = Optional.empty();
      if (r.chartPng() != null && r.chartPng().length > 0) {
        try {
          // Slack answers the post with the channel's id: the upload needs an id even if we were given a name.
          slack.upload(posted.channelId(), r.chartPng(), "desk-stats-" + day + ".png", "Leaderboard, " + label(day));
        } catch (SlackFailure f) {
          note = Optional.of("The chart could not be uploaded: " + f.sentence(channelId));
        }
      }
      deliveries.markSent(id, note);
      String sentence = kind == Kind.TEST
          ? "Posted a test digest for " + label(day) + " to " + where + ". It does not count as the day's scheduled digest."
          : "Posted the digest for " + label(day) + " to " + where + ".";
      return done(channelId, day, kind, note.isPresent() ? "sent_without_chart" : "sent", start,
          note.map(n -> sentence + " " + n).orElse(sentence));
    } catch (RuntimeException e) {
      log.error("digest channel={} day={} failed unexpectedly", channelId, day, e);
      try {
        deliveries.markFailed(id, "Unexpected error: " + e.getClass().getSimpleName(), 0);
      } catch (RuntimeException ignored) {
        // The database is what failed; the log line above is the record.
      }
      return done(channelId, day, kind, "error", start,
          "The digest for " + label(day) + " failed unexpectedly; the bot's log has the details.");
    }
  }

  private Outcome done(String channelId, LocalDate day, Kind kind, String outcome, long start, String sentence) {
    String counted = kind == Kind.TEST ? "test_" + outcome : outcome;
    metrics.delivery(counted);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (outcome.equals("sent") || outcome.equals("duplicate")) {
      log.info("digest channel={} day={} kind={} outcome={} ms={}", channelId, day, kind.name().toLowerCase(), outcome, ms);
    } else {
      log.warn("digest channel={} day={} kind={} outcome={} ms={} reason=\"{}\"", channelId, day,
          kind.name().toLowerCase(), outcome, ms, sentence);
    }
    return new Outcome(counted, sentence);
  }

  /**
   * A request id for one delivery, so its Desk calls and its outcome line can be found together; a test send
   * keeps the id of the command that asked for it. Null (nothing to close) when one is in force already.
   */
  private static MDC.MDCCloseable requestId() {
    return RequestIds.current() == null ? RequestIds.begin() : null;
  }

  static String label(LocalDate day) {
    return Period.day(day).label();
  }

  private static String minutes(Duration d) {
    if (d.toMinutes() < 1) return d.toSeconds() + "s";
    long m = d.toMinutes();
    return m >= 120 ? (m / 60) + "h" + (m % 60 == 0 ? "" : (m % 60) + "m") : m + "m";
  }
}
