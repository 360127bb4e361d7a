package com.deskstats.digest;

import com.deskstats.delivery.Sentences;
import com.deskstats.slack.DigestControl;
import com.deskstats.slack.DigestOptions;
import com.deskstats.stats.Period;
import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryKey;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.StoreException;
import com.deskstats.store.StoreUnavailableException;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions from Slack: stored, scheduled at once, listed with their last delivery; every answer is written in the
 * asker's language. The default subscription (DIGEST_CHANNEL) is not stored and posts in BOT_LANGUAGE; a stored
 * subscription for the same channel overrides its schedule, and unsubscribing that channel brings the default back.
 */
public final class DigestService implements DigestControl {
  private static final Logger log = LoggerFactory.getLogger(DigestService.class);

  private final SubscriptionStore subscriptions;
  private final DeliveryStore deliveries;
  private final Scheduling scheduling;
  private final Deliverer deliverer;
  private final Optional<Subscription> defaultSubscription;
  private final String defaultCron;
  private final ZoneId zone;
  private final Clock clock;

  DigestService(SubscriptionStore subscriptions, DeliveryStore deliveries, Scheduling scheduling, Deliverer deliverer,
      Optional<Subscription> defaultSubscription, String defaultCron, ZoneId zone, Clock clock) {
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.scheduling = scheduling;
    this.deliverer = deliverer;
    this.defaultSubscription = defaultSubscription;
    this.defaultCron = defaultCron;
    this.zone = zone;
    this.clock = clock;
  }

  /** Every subscription in force: the stored ones, plus the default one unless a stored one overrides it. */
  List<Subscription> all() {
    List<Subscription> out = new ArrayList<>(subscriptions.list());
    defaultSubscription.filter(d -> out.stream().noneMatch(s -> s.key().equals(d.key())))
        .ifPresent(out::add);
    out.sort(Comparator.comparing(Subscription::channelId).thenComparing(Subscription::cadence)
        .thenComparing(Subscription::group));
    return out;
  }

  @Override
  public String subscribe(Language lang, String channelId, Optional<LocalTime> time, DigestOptions options,
      String userId) {
    Texts x = Texts.of(lang);
    String cron = options.weekly()
        ? Schedules.weekly(time.or(() -> Schedules.timeOf(defaultCron)).orElse(LocalTime.of(9, 0)), options.day())
        : time.map(Schedules::daily).orElse(defaultCron);
    Subscription s = new Subscription(channelId, cron, zone, userId, clock.instant(),
        options.weekly() ? DeliveryKey.WEEKLY : DeliveryKey.DAILY, options.group().orElse(""), options.csv(),
        options.lang());
    try {
      Optional<Subscription> before = subscriptions.find(s.key());
      boolean added = subscriptions.upsert(s);
      scheduleOrUndo(s, before);
      log.info("digest subscription channel={} cadence={} group='{}' csv={} lang={} cron='{}' zone={} by={} {}",
          channelId, s.cadence(), s.group(), s.csv(), s.lang().map(Language::code).orElse("default"), cron, zone,
          userId, added ? "added" : "moved");
      String when = Schedules.words(cron, zone, x);
      String key = added ? (options.weekly() ? "posts.subscribe.added_weekly" : "posts.subscribe.added")
          : "posts.subscribe.moved";
      List<String> sentences = new ArrayList<>();
      sentences.add(x.get(key + (options.csv() ? "_csv" : ""), channelId,
          added ? what(s.key(), x) : kind(s.key(), x), when));
      Schedules.nextFire(cron, zone, clock.instant())
          .ifPresent(i -> sentences.add(x.get("posts.subscribe.next", at(i, zone, x))));
      options.lang().ifPresent(l -> sentences.add(x.get("posts.lang.posts_in", x.get("posts.language." + l.code()))));
      return Sentences.join(x, sentences);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (StoreException e) {
      return e.getMessage();
    } catch (SchedulerException e) {
      log.error("digest subscription channel={} could not be scheduled", channelId, e);
      return x.get("posts.subscribe.not_scheduled");
    }
  }

  /** "the daily digest", "the weekly digest of group `tier1`". */
  private static String what(DeliveryKey key, Texts x) {
    String k = "posts.digest.what." + key.cadence();
    return key.group().isEmpty() ? x.get(k) : x.get(k + "_group", key.group());
  }

  /** "daily digest", "weekly digest of group `tier1`": as {@link #what} without the article. */
  private static String kind(DeliveryKey key, Texts x) {
    String k = "posts.digest.kind." + key.cadence();
    return key.group().isEmpty() ? x.get(k) : x.get(k + "_group", key.group());
  }

  /**
   * Schedules the saved subscription. When the scheduler's database went away meanwhile (the clustered job store),
   * the save is undone and the change refused, so nothing is half-saved.
   */
  private void scheduleOrUndo(Subscription s, Optional<Subscription> before) throws SchedulerException {
    try {
      scheduling.schedule(s);
    } catch (SchedulerException e) {
      if (!StoreException.unreachable(e)) throw e;
      try {
        if (before.isPresent()) subscriptions.upsert(before.get());
        else subscriptions.delete(s.key());
      } catch (StoreException undo) {
        log.warn("digest subscription channel={} saved but not scheduled, and could not be undone: {}; it takes "
            + "effect at the next restart", s.channelId(), undo.getMessage());
      }
      throw new StoreUnavailableException("Could not schedule the digest subscription.", e);
    }
  }

  @Override
  public String unsubscribe(Language lang, String channelId, boolean weekly, Optional<String> group, String userId) {
    Texts x = Texts.of(lang);
    DeliveryKey key = new DeliveryKey(channelId, weekly ? DeliveryKey.WEEKLY : DeliveryKey.DAILY, group.orElse(""));
    boolean isDefault = defaultSubscription.filter(d -> d.key().equals(key)).isPresent();
    try {
      boolean removed = subscriptions.delete(key);
      if (!removed && isDefault) return x.get("posts.unsubscribe.default_fixed", channelId);
      if (!removed) {
        // Say which digests the channel does have, and how to name one: the grammar names exactly one.
        List<String> others = all().stream().filter(s -> s.channelId().equals(channelId))
            .map(s -> "`unsubscribe <#" + channelId + ">" + (s.key().weekly() ? " weekly" : "")
                + (s.group().isEmpty() ? "" : " group " + s.group()) + "`").toList();
        if (others.isEmpty()) return x.get("posts.unsubscribe.none", channelId);
        return x.get("posts.unsubscribe.which", channelId, kind(key, x),
            String.join(x.get("posts.list.separator"), others));
      }
      log.info("digest subscription channel={} cadence={} group='{}' removed by={}", channelId, key.cadence(),
          key.group(), userId);
      if (isDefault) {
        Subscription d = defaultSubscription.get();
        scheduling.schedule(d);
        return x.get("posts.unsubscribe.default_back", channelId, Schedules.words(d.cron(), d.zone(), x));
      }
      scheduling.unschedule(key);
      return x.get("posts.unsubscribe.removed", channelId, what(key, x));
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (StoreException e) {
      return e.getMessage();
    } catch (SchedulerException e) {
      log.error("digest subscription channel={} could not be unscheduled", channelId, e);
      return x.get("posts.unsubscribe.not_unscheduled");
    }
  }

  @Override
  public String list(Language lang) {
    Texts x = Texts.of(lang);
    List<Subscription> all;
    try {
      all = all();
    } catch (StoreException e) {
      return e.getMessage();
    }
    if (all.isEmpty()) return x.get("posts.subscriptions.none");
    Instant now = clock.instant();
    StringBuilder sb = new StringBuilder(x.get("posts.subscriptions.title"));
    for (Subscription s : all) {
      String when = Schedules.words(s.cron(), s.zone(), x);
      sb.append("\n• <#").append(s.channelId()).append("> ")
          .append(s.group().isEmpty() ? when : x.get("posts.subscriptions.group", s.group(), when))
          .append(s.key().weekly() ? x.get("posts.subscriptions.weekly") : "")
          .append(s.csv() ? x.get("posts.subscriptions.csv") : "");
      s.lang().ifPresent(l -> sb.append(x.get("posts.lang.tag", l.code())));
      if (s.createdBy().equals(Digest.DEFAULT_CREATOR)) sb.append(x.get("posts.subscriptions.default"));
      Schedules.nextFire(s.cron(), s.zone(), now)
          .ifPresent(i -> sb.append(x.get("posts.subscriptions.next", at(i, s.zone(), x))));
      Optional<Delivery> last = deliveries.last(s.key());
      sb.append(x.get("posts.subscriptions.last",
          last.map(d -> describe(d, s.zone(), x)).orElseGet(() -> x.get("posts.subscriptions.none_yet"))));
    }
    return sb.toString();
  }

  @Override
  public String digestNow(Language lang, String channelId, String userId) {
    log.info("digest test send channel={} by={}", channelId, userId);
    try {
      // The test send is written as the channel's daily digest would be: in its lang, else BOT_LANGUAGE.
      Optional<Language> postLang = all().stream().filter(s -> s.key().equals(DeliveryKey.daily(channelId)))
          .findFirst().flatMap(Subscription::lang);
      return deliverer.test(channelId, postLang, lang).sentence();
    } catch (StoreException e) {
      return e.getMessage();
    }
  }

  private static String describe(Delivery d, ZoneId zone, Texts x) {
    Instant when = d.finishedAt().orElse(d.claimedAt());
    String day = Period.day(d.day()).label(x.language());
    if (d.status() == Delivery.Status.RETRYING) {
      String next = d.nextAttempt().map(i -> at(i, zone, x)).orElseGet(() -> x.get("posts.delivery.soon"));
      return d.retryUntil().map(u -> x.get("posts.delivery.retrying_until", day, next, at(u, zone, x)))
          .orElseGet(() -> x.get("posts.delivery.retrying", day, next))
          + d.error().map(e -> x.get("posts.delivery.last_error", e)).orElse("");
    }
    String what = x.get(switch (d.status()) {
      case SENT -> d.error().isPresent() ? "posts.delivery.sent_without_chart" : "posts.delivery.sent";
      case FAILED -> "posts.delivery.failed";
      case SKIPPED -> "posts.delivery.skipped";
      case RETRYING -> "posts.delivery.retrying_status";
      // Slack took the message but the node stopped before recording the rest (the chart): it was posted.
      case CLAIMED -> d.messageTs().isPresent() ? "posts.delivery.posted" : "posts.delivery.in_progress";
    });
    String s = x.get(d.kind() == Delivery.Kind.TEST ? "posts.delivery.test_line" : "posts.delivery.line", what,
        at(when, zone, x), day);
    if (d.status() != Delivery.Status.SENT || d.error().isPresent()) {
      s += d.error().map(e -> x.get("posts.delivery.error", e)).orElse("");
    }
    return s;
  }

  /** "Mon 23 Nov 08:58", 11月23日 周一 08:58. */
  private static String at(Instant i, ZoneId zone, Texts x) {
    return x.formats().timestamp(i.getEpochSecond(), zone);
  }
}
