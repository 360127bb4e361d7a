package com.deskstats.alert;

import com.deskstats.slack.AlertCondition;
import java.time.Instant;

/** One alert rule as stored: which channel hears about which condition, and who added it when. */
public record Rule(long id, String channelId, AlertCondition condition, String createdBy, Instant createdAt) {}
