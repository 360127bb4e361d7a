package com.deskstats.store;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One channel's digest schedule: a Quartz cron expression read in {@code zone}.
 *
 * @param createdBy the Slack user who subscribed, or "DIGEST_CHANNEL" for the default subscription
 */
public record Subscription(String channelId, String cron, ZoneId zone, String createdBy, Instant createdAt) {}
