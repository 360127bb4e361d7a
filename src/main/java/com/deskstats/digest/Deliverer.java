package com.deskstats.digest;

import com.deskstats.delivery.SlackCalls;
import com.deskstats.delivery.Sentences;
import com.deskstats.delivery.SlackFailure;
import com.deskstats.desk.DeskException;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.deskstats.stats.Groups;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.stats.Scope;
import com.deskstats.store.Delivery.Kind;
import com.deskstats.store.DeliveryKey;
import com.deskstats.store.DeliveryStore;
import com.deskstats.text.Language;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers one digest: claim the period (yesterday, or last week for a weekly digest), build its report (of the
 * subscription's group, resolved now), post it, upload the chart, record the outcome.
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
  private final ReportedDays reported;
  private final String node;
  private final Groups groups;
  /** Null: a delivery that fails is recorded as failed at once. */
  private final DeliveryRetries retries;
  /** BOT_LANGUAGE: the posts of subscriptions without their own {@code lang}. */
  private final Language botLanguage;

  /** The whole team's digests in English, failures recorded at once: for tests. */
  Deliverer(Reports reports, Renderer renderer, SlackCalls slack, DeliveryStore deliveries, Metrics metrics,
      Clock clock, ZoneId deskZone, String node) {
    this(reports, Groups.NONE, renderer, slack, deliveries, metrics, clock, deskZone, node, null, Language.EN);
  }

  Deliverer(Reports reports, Groups groups, Renderer renderer, SlackCalls slack, DeliveryStore deliveries,
      Metrics metrics, Clock clock, ZoneId deskZone, String node, DeliveryRetries retries, Language botLanguage) {
    this.botLanguage = botLanguage;
    this.retries = retries;
    this.groups = groups;
    this.reports = reports;
    this.renderer = renderer;
    this.slack = slack;
    this.deliveries = deliveries;
    this.metrics = metrics;
    this.clock = clock;
    this.deskZone = deskZone;
    this.reported = new ReportedDays(deskZone);
    this.node = node;
  }

  /** Which days a digest fired at a given time reports. */
  ReportedDays reported() {
    return reported;
  }

  /** A trigger fired (or start-up caught up a missed run): posts unless the day is already claimed. */
  Outcome scheduled(String channelId, Instant fireTime) {
    return scheduled(Target.daily(channelId), fireTime);
  }

  /**
   * As {@link #scheduled(String, Instant)} for any subscription: posts, in its language, unless its period is already
   * claimed. The outcome's sentence is for the log: English.
   */
  Outcome scheduled(Target target, Instant fireTime) {
    try (MDC.MDCCloseable ignored = requestId()) {
      return scheduledNow(target, fireTime);
    }
  }

  private Outcome scheduledNow(Target target, Instant fireTime) {
    Period period = reported.period(target.key(), fireTime);
    Texts answer = Texts.of(Language.EN);
    long start = System.nanoTime();
    OptionalLong id = deliveries.claim(target.key(), period.from(), node);
    if (id.isEmpty()) {
      // Another node, an earlier firing or start-up has it: exactly the case the claim exists for.
      return done(target, period.from(), Kind.SCHEDULED, "duplicate", start,
          answer.get("posts.digest.already", label(period, answer), target.channelId()));
    }
    return deliver(id.getAsLong(), target, period, Kind.SCHEDULED, start,
        retries == null ? null : retries.until(fireTime), answer);
  }

  /** {@code digest now}: a test send of yesterday's digest that never counts as the day's delivery; in English. */
  Outcome test(String channelId) {
    return test(channelId, Optional.empty(), Language.EN);
  }

  /**
   * As {@link #test(String)}: the digest is posted in {@code lang} (empty: BOT_LANGUAGE), and the outcome's sentence
   * is written in {@code answer}, the asker's language.
   */
  Outcome test(String channelId, Optional<Language> lang, Language answer) {
    try (MDC.MDCCloseable ignored = requestId()) {
      LocalDate day = reported.day(clock.instant());
      long start = System.nanoTime();
      long id = deliveries.startTest(channelId, day, node);
      Target target = new Target(DeliveryKey.daily(channelId), false, lang);
      return deliver(id, target, Period.day(day), Kind.TEST, start, null, Texts.of(answer));
    }
  }

  /** A run later than DIGEST_GRACE that {@link MissedRunPolicy} recorded as skipped: its outcome line and count. */
  void skipped(Target target, LocalDate day, String reason) {
    done(target, day, Kind.SCHEDULED, "skipped", System.nanoTime(), reason);
  }

  /**
   * The retry job claimed a delivery waiting as retrying: tries it again, or, when the bot was away until its grace
   * ended, records it as failed with one notice. {@code csv} and {@code lang}: what its subscription asks for now.
   */
  Outcome retry(com.deskstats.store.Delivery d, boolean csv, Optional<Language> lang) {
    try (MDC.MDCCloseable ignored = requestId()) {
      long start = System.nanoTime();
      Target target = new Target(d.key(), csv, lang);
      Texts answer = Texts.of(Language.EN);
      Texts post = Texts.of(target.language(botLanguage));
      Period period = d.key().weekly() ? new Period(d.day(), d.day().plusDays(6)) : Period.day(d.day());
      Instant until = d.retryUntil().orElseGet(clock::instant);
      if (!clock.instant().isAfter(until)) return deliver(d.id(), target, period, Kind.SCHEDULED, start, until, answer);
      String error = d.error().orElseGet(() -> answer.get("posts.digest.undelivered"));
      String postedError = d.error().orElseGet(() -> post.get("posts.digest.undelivered"));
      int attempts = d.attempts();
      try {
        attempts += notice(d.channelId(), post.get("posts.digest.notice.grace_ended", label(period, post), postedError));
      } catch (SlackFailure f) {
        error += " " + answer.get("posts.digest.notice_failed_too", f.sentence(d.channelId()));
      }
      deliveries.markFailed(d.id(), error, attempts);
      return done(target, d.day(), Kind.SCHEDULED, "failed", start, error);
    }
  }

  private int notice(String channelId, String text) throws SlackFailure {
    return slack.post(channelId, text, List.of()).attempts();
  }

  /** A passing failure of a scheduled delivery within its grace waits as retrying; returns the next attempt's time. */
  private Optional<Instant> retryLater(long id, Kind kind, boolean passing, Instant until, String error, int attempts) {
    if (retries == null || until == null || kind != Kind.SCHEDULED || !passing) return Optional.empty();
    return retries.later(id, until, error, attempts);
  }

  private String retrying(Period period, String why, Instant next, Texts answer) {
    return answer.get("posts.digest.retrying", label(period, answer), why,
        next.atZone(deskZone).toLocalTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString());
  }

  /**
   * Posts the digest in the target's language; the delivery record stays in English, and the outcome's sentence is
   * written in {@code answer}.
   */
  private Outcome deliver(long id, Target target, Period period, Kind kind, long start, Instant retryUntil,
      Texts answer) {
    String channelId = target.channelId();
    LocalDate day = period.from();
    Language language = target.language(botLanguage);
    Texts post = Texts.of(language);
    Texts record = Texts.of(Language.EN);
    try {
      Optional<Scope> scope = target.key().group().isEmpty() ? Optional.of(Scope.TEAM)
          : groups.scope(target.key().group());
      if (scope.isEmpty()) {
        // The group was removed after the subscription was made: the channel hears why there is no digest.
        Text why = Text.of("posts.digest.why.group_missing", target.key().group());
        return cannotMake(id, target, period, kind, start, "group_missing", "No group", why, answer);
      }
      Report report;
      try {
        report = reports.report(period, scope.get());
      } catch (DeskException e) {
        String error = "Desk: " + e.userMessage();
        Optional<Instant> next = retryLater(id, kind, e.passing(), retryUntil, error, 0);
        if (next.isPresent()) {
          return done(target, day, kind, "retrying", start, retrying(period, error, next.get(), answer));
        }
        Text why = Text.localized(x -> e.userMessage(x.language()));
        return cannotMake(id, target, period, kind, start, "desk_failed", "Desk", why, answer);
      }
      Instant now = clock.instant();
      Renderer.Rendered r = renderer.render(report, now.atZone(deskZone).toLocalDate(), now, language);
      SlackCalls.Posted posted;
      try {
        posted = slack.post(channelId, r.text(), r.blocks());
      } catch (SlackFailure f) {
        String failure = f.sentence(channelId);
        Optional<Instant> next = retryLater(id, kind, !f.permanent(), retryUntil, failure, f.attempts());
        if (next.isPresent()) {
          return done(target, day, kind, "retrying", start,
              retrying(period, f.sentence(channelId, answer), next.get(), answer));
        }
        if (retryUntil != null && kind == Kind.SCHEDULED && !f.permanent()) {
          // Retried until the grace ended: one short notice, if Slack takes it now.
          try {
            notice(channelId, post.get("posts.digest.notice.not_posted", label(period, post), f.sentence(channelId, post)));
          } catch (SlackFailure ignored) {
            // The failure below is the record.
          }
        }
        deliveries.markFailed(id, failure, f.attempts());
        return done(target, day, kind, "failed", start,
            answer.get("posts.digest.failed_post", f.sentence(channelId, answer)));
      }
      deliveries.markPosted(id, posted.ts(), posted.attempts());
      List<Text> notes = Uploads.attach(slack, posted.channelId(), channelId, report, period, r.chartPng(),
          target.csv(), post);
      deliveries.markSent(id, notes.isEmpty() ? Optional.empty() : Optional.of(Uploads.sentences(notes, record)));
      String where = channelId;
      String sentence = kind == Kind.TEST
          ? answer.get("posts.digest.posted_test", label(period, answer), where)
          : answer.get("posts.digest.posted", label(period, answer), where);
      return done(target, day, kind, notes.isEmpty() ? "sent" : "sent_without_chart", start,
          notes.isEmpty() ? sentence : Sentences.join(answer, sentence, Uploads.sentences(notes, answer)));
    } catch (RuntimeException e) {
      log.error("digest channel={} day={} failed unexpectedly", channelId, day, e);
      try {
        deliveries.markFailed(id, "Unexpected error: " + e.getClass().getSimpleName(), 0);
      } catch (RuntimeException ignored) {
        // The database is what failed; the log line above is the record.
      }
      return done(target, day, kind, "error", start, answer.get("posts.digest.failed_unexpected", label(period, answer)));
    }
  }

  /** No report: a scheduled digest tells the channel why in one sentence; recorded as failed. */
  private Outcome cannotMake(long id, Target target, Period period, Kind kind, long start, String outcome,
      String what, Text why, Texts answer) {
    String channelId = target.channelId();
    Texts post = Texts.of(target.language(botLanguage));
    String error = what + ": " + Texts.of(Language.EN).render(why);
    int attempts = 0;
    if (kind == Kind.SCHEDULED) {
      // The team expects a digest every morning: say in one sentence why there is none today.
      try {
        attempts = slack.post(channelId, post.get("posts.digest.notice.not_made", label(period, post), why),
            List.of()).attempts();
      } catch (SlackFailure f) {
        error += " " + Texts.of(Language.EN).get("posts.digest.notice_failed_too", f.sentence(channelId));
        attempts = f.attempts();
      }
    }
    deliveries.markFailed(id, error, attempts);
    return done(target, period.from(), kind, outcome, start,
        answer.get("posts.digest.cannot_make", label(period, answer), why));
  }

  private Outcome done(Target target, LocalDate day, Kind kind, String outcome, long start, String sentence) {
    String counted = kind == Kind.TEST ? "test_" + outcome : outcome;
    metrics.delivery(counted);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (outcome.equals("sent") || outcome.equals("duplicate")) {
      log.info("digest {} day={} kind={} outcome={} ms={}", target.describe(), day, kind.name().toLowerCase(), outcome, ms);
    } else {
      log.warn("digest {} day={} kind={} outcome={} ms={} reason=\"{}\"", target.describe(), day,
          kind.name().toLowerCase(), outcome, ms, sentence);
    }
    return new Outcome(counted, sentence);
  }

  /**
   * A request id for one delivery, so its Desk calls and its outcome line can be found together; a test send
   * keeps the id of the command that asked for it. Null (nothing to close) when one is in force already.
   */
  static MDC.MDCCloseable requestId() {
    return RequestIds.current() == null ? RequestIds.begin() : null;
  }

  private static String label(Period period, Texts x) {
    return period.label(x.language());
  }
}
