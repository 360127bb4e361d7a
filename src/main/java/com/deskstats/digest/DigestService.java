package com.deskstats.digest;

import com.deskstats.slack.DigestControl;
import com.deskstats.slack.DigestOptions;
import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryKey;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.StoreException;
import com.deskstats.store.StoreUnavailableException;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions from Slack: stored, scheduled at once, listed with their last delivery. The default
 * subscription (DIGEST_CHANNEL) is not stored; a stored subscription for the same channel overrides its
 * schedule, and unsubscribing that channel brings the default schedule back.
 */
public final class DigestService implements DigestControl {
  private static final Logger log = LoggerFactory.getLogger(DigestService.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

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
  public String subscribe(String channelId, Optional<LocalTime> time, DigestOptions options, String userId) {
    String cron = options.weekly()
        ? Schedules.weekly(time.or(() -> Schedules.timeOf(defaultCron)).orElse(LocalTime.of(9, 0)), options.day())
        : time.map(Schedules::daily).orElse(defaultCron);
    Subscription s = new Subscription(channelId, cron, zone, userId, clock.instant(),
        options.weekly() ? DeliveryKey.WEEKLY : DeliveryKey.DAILY, options.group().orElse(""), options.csv());
    try {
      Optional<Subscription> before = subscriptions.find(s.key());
      boolean added = subscriptions.upsert(s);
      scheduleOrUndo(s, before);
      log.info("digest subscription channel={} cadence={} group='{}' csv={} cron='{}' zone={} by={} {}", channelId,
          s.cadence(), s.group(), s.csv(), cron, zone, userId, added ? "added" : "moved");
      String when = Schedules.words(cron, zone);
      String next = Schedules.nextFire(cron, zone, clock.instant()).map(i -> " The next one is " + at(i, zone) + ".")
          .orElse("");
      String what = options.describe() + (options.weekly() ? " (last week, Monday to Sunday)" : "");
      String csv = options.csv() ? ", with the CSV" : "";
      return (added ? "<#" + channelId + "> will get " + what + " "
          : "<#" + channelId + ">'s " + options.describe().substring(4) + " now comes ")
          + when + csv + "." + next;
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (StoreException e) {
      return e.getMessage();
    } catch (SchedulerException e) {
      log.error("digest subscription channel={} could not be scheduled", channelId, e);
      return "The subscription is saved but could not be scheduled yet; it takes effect at the bot's next restart.";
    }
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
  public String unsubscribe(String channelId, boolean weekly, Optional<String> group, String userId) {
    DeliveryKey key = new DeliveryKey(channelId, weekly ? DeliveryKey.WEEKLY : DeliveryKey.DAILY, group.orElse(""));
    DigestOptions asked = new DigestOptions(weekly, java.time.DayOfWeek.MONDAY, group, false);
    boolean isDefault = defaultSubscription.filter(d -> d.key().equals(key)).isPresent();
    try {
      boolean removed = subscriptions.delete(key);
      if (!removed && isDefault) {
        return "<#" + channelId + "> gets the default digest set by DIGEST_CHANNEL, which cannot be removed from Slack: "
            + "unset DIGEST_CHANNEL (or point it at another channel) and restart the bot.";
      }
      if (!removed) {
        // Say which digests the channel does have, and how to name one: the grammar names exactly one.
        List<String> others = all().stream().filter(x -> x.channelId().equals(channelId))
            .map(x -> "`unsubscribe <#" + channelId + ">" + (x.key().weekly() ? " weekly" : "")
                + (x.group().isEmpty() ? "" : " group " + x.group()) + "`").toList();
        if (others.isEmpty()) {
          return "<#" + channelId + "> has no digest subscription; `/desk-stats subscriptions` lists the channels that do.";
        }
        return "<#" + channelId + "> has no " + asked.describe().substring(4) + "; say which one to remove: "
            + String.join(", ", others) + ".";
      }
      log.info("digest subscription channel={} cadence={} group='{}' removed by={}", channelId, key.cadence(),
          key.group(), userId);
      if (isDefault) {
        Subscription d = defaultSubscription.get();
        scheduling.schedule(d);
        return "<#" + channelId + ">'s own schedule is removed; it gets the default digest again, "
            + Schedules.words(d.cron(), d.zone()) + ", set by DIGEST_CHANNEL.";
      }
      scheduling.unschedule(key);
      return "<#" + channelId + "> will no longer get " + asked.describe() + ".";
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (StoreException e) {
      return e.getMessage();
    } catch (SchedulerException e) {
      log.error("digest subscription channel={} could not be unscheduled", channelId, e);
      return "The subscription is removed, but its schedule could not be cleared yet; it stops at the bot's next restart.";
    }
  }

  @Override
  public String list() {
    List<Subscription> all;
    try {
      all = all();
    } catch (StoreException e) {
      return e.getMessage();
    }
    if (all.isEmpty()) {
      return "No channel gets the daily digest. Add one with `/desk-stats subscribe #channel 09:00`.";
    }
    Instant now = clock.instant();
    StringBuilder sb = new StringBuilder("*Digest subscriptions*");
    for (Subscription s : all) {
      sb.append("\n• <#").append(s.channelId()).append("> ")
          .append(s.group().isEmpty() ? "" : "group `" + s.group() + "` ").append(Schedules.words(s.cron(), s.zone()))
          .append(s.key().weekly() ? ", last week's report" : "").append(s.csv() ? ", with the CSV" : "");
      if (s.createdBy().equals(Digest.DEFAULT_CREATOR)) sb.append(" _(default, from DIGEST_CHANNEL)_");
      Schedules.nextFire(s.cron(), s.zone(), now).ifPresent(i -> sb.append(" · next ").append(at(i, s.zone())));
      Optional<Delivery> last = deliveries.last(s.key());
      sb.append(" · last: ").append(last.map(d -> describe(d, s.zone())).orElse("none yet"));
    }
    return sb.toString();
  }

  @Override
  public String digestNow(String channelId, String userId) {
    log.info("digest test send channel={} by={}", channelId, userId);
    try {
      return deliverer.test(channelId).sentence();
    } catch (StoreException e) {
      return e.getMessage();
    }
  }

  private static String describe(Delivery d, ZoneId zone) {
    Instant when = d.finishedAt().orElse(d.claimedAt());
    if (d.status() == Delivery.Status.RETRYING) {
      return "retrying (for " + Deliverer.label(d.day()) + "): next try " + d.nextAttempt().map(i -> at(i, zone)).orElse("soon")
          + d.retryUntil().map(i -> ", gives up after " + at(i, zone)).orElse("") + d.error().map(e -> "; last: " + e).orElse("");
    }
    String what = switch (d.status()) {
      case SENT -> d.error().isPresent() ? "sent without the chart" : "sent";
      case FAILED -> "failed";
      case SKIPPED -> "skipped";
      case RETRYING -> "retrying";
      // Slack took the message but the node stopped before recording the rest (the chart): it was posted.
      case CLAIMED -> d.messageTs().isPresent() ? "posted" : "in progress";
    };
    String s = (d.kind() == Delivery.Kind.TEST ? "test send " : "") + what + " " + at(when, zone)
        + " (for " + Deliverer.label(d.day()) + ")";
    if (d.status() != Delivery.Status.SENT || d.error().isPresent()) {
      s += d.error().map(e -> ": " + e).orElse("");
    }
    return s;
  }

  private static String at(Instant i, ZoneId zone) {
    return WHEN.format(i.atZone(zone));
  }
}
