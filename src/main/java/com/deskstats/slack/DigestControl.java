package com.deskstats.slack;

import com.deskstats.text.Language;
import java.time.LocalTime;
import java.util.Optional;

/**
 * What the slash command asks of the digest: implemented by the digest package, handed in by Main.
 * Callers have already checked that the user may manage subscriptions. Every method returns one
 * mrkdwn message for the user who asked.
 */
public interface DigestControl {

  /** Adds or moves the channel's daily team subscription; {@code time} empty means the default time. */
  default String subscribe(String channelId, Optional<LocalTime> time, String userId) {
    return subscribe(channelId, time, DigestOptions.DAILY, userId);
  }

  /**
   * Adds or moves one subscription of the channel: one daily and one weekly per group may coexist. The group, when
   * named, is known (the caller checked).
   */
  String subscribe(String channelId, Optional<LocalTime> time, DigestOptions options, String userId);

  default String unsubscribe(String channelId, String userId) {
    return unsubscribe(channelId, false, Optional.empty(), userId);
  }

  /** Removes the channel's daily (or weekly) subscription of the team (or of the group). */
  String unsubscribe(String channelId, boolean weekly, Optional<String> group, String userId);

  /** Every subscription with its schedule and its last delivery's time and outcome. */
  String list();

  /** Posts yesterday's digest to the channel now, as a test send that is not the day's delivery. */
  String digestNow(String channelId, String userId);

  // The asker's language: each answer is written for the person who asked (SPEC §6 BOT_LANGUAGE).

  /** As {@link #subscribe(String, Optional, DigestOptions, String)}, answering in {@code lang}. */
  default String subscribe(Language lang, String channelId, Optional<LocalTime> time, DigestOptions options, String userId) {
    return subscribe(channelId, time, options, userId);
  }

  /** As {@link #unsubscribe(String, boolean, Optional, String)}, answering in {@code lang}. */
  default String unsubscribe(Language lang, String channelId, boolean weekly, Optional<String> group, String userId) {
    return unsubscribe(channelId, weekly, group, userId);
  }

  /** As {@link #list()}, answering in {@code lang}. */
  default String list(Language lang) {
    return list();
  }

  /** As {@link #digestNow(String, String)}, answering in {@code lang}. */
  default String digestNow(Language lang, String channelId, String userId) {
    return digestNow(channelId, userId);
  }
}
