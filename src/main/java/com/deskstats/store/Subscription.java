package com.deskstats.store;

import com.deskstats.text.Language;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One digest schedule of a channel: a Quartz cron expression read in {@code zone}.
 *
 * @param createdBy the Slack user who subscribed, or "DIGEST_CHANNEL" for the default subscription
 * @param cadence "daily" (yesterday) or "weekly" (last week, Monday to Sunday)
 * @param group the group the digest covers, or "" for the whole team
 * @param csv whether the export CSV goes with the chart
 * @param lang the language its posts are written in; empty: BOT_LANGUAGE at post time
 */
public record Subscription(String channelId, String cron, ZoneId zone, String createdBy, Instant createdAt,
    String cadence, String group, boolean csv, Optional<Language> lang) {

  public Subscription {
    new DeliveryKey(channelId, cadence, group); // validates
    group = group == null ? "" : group;
    lang = lang == null ? Optional.empty() : lang;
  }

  /** A subscription whose posts use BOT_LANGUAGE. */
  public Subscription(String channelId, String cron, ZoneId zone, String createdBy, Instant createdAt,
      String cadence, String group, boolean csv) {
    this(channelId, cron, zone, createdBy, createdAt, cadence, group, csv, Optional.empty());
  }

  /** A daily digest of the whole team without CSV: the subscription as it was before V7. */
  public Subscription(String channelId, String cron, ZoneId zone, String createdBy, Instant createdAt) {
    this(channelId, cron, zone, createdBy, createdAt, DeliveryKey.DAILY, "", false);
  }

  /** What makes this subscription one of its channel's: channel, cadence and group. */
  public DeliveryKey key() {
    return new DeliveryKey(channelId, cadence, group);
  }
}
