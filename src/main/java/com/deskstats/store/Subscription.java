package com.deskstats.store;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One digest schedule of a channel: a Quartz cron expression read in {@code zone}.
 *
 * @param createdBy the Slack user who subscribed, or "DIGEST_CHANNEL" for the default subscription
 * @param cadence "daily" (yesterday) or "weekly" (last week, Monday to Sunday)
 * @param group the group the digest covers, or "" for the whole team
 * @param csv whether the export CSV goes with the chart
 */
public record Subscription(String channelId, String cron, ZoneId zone, String createdBy, Instant createdAt,
    String cadence, String group, boolean csv) {

  public Subscription {
    new DeliveryKey(channelId, cadence, group); // validates
    group = group == null ? "" : group;
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
