package com.deskstats.slack;

import java.time.LocalTime;
import java.util.Optional;

/**
 * What the slash command asks of the digest: implemented by the digest package, handed in by Main.
 * Callers have already checked that the user may manage subscriptions. Every method returns one
 * mrkdwn message for the user who asked.
 */
public interface DigestControl {

  /** Adds or moves the channel's subscription; {@code time} empty means the default time. */
  String subscribe(String channelId, Optional<LocalTime> time, String userId);

  String unsubscribe(String channelId, String userId);

  /** Every subscription with its schedule and its last delivery's time and outcome. */
  String list();

  /** Posts yesterday's digest to the channel now, as a test send that is not the day's delivery. */
  String digestNow(String channelId, String userId);
}
