package com.deskstats.slack;

import com.deskstats.text.Language;
import java.time.LocalTime;
import java.util.Optional;

/**
 * What the slash command asks of the digest: implemented by the digest package, handed in by Main.
 * Callers have already checked that the user may manage subscriptions. Every method returns one
 * mrkdwn message for the user who asked, in {@code lang}, the asker's language (SPEC §6).
 */
public interface DigestControl {

  /**
   * Adds or moves one subscription of the channel: one daily and one weekly per group may coexist. The group, when
   * named, is known (the caller checked). Its posts are written in {@code options.lang()} (empty: BOT_LANGUAGE).
   */
  String subscribe(Language lang, String channelId, Optional<LocalTime> time, DigestOptions options, String userId);

  /** Removes the channel's daily (or weekly) subscription of the team (or of the group). */
  String unsubscribe(Language lang, String channelId, boolean weekly, Optional<String> group, String userId);

  /** Every subscription with its schedule, its {@code lang}, and its last delivery's time and outcome. */
  String list(Language lang);

  /** Posts yesterday's digest to the channel now, as a test send that is not the day's delivery. */
  String digestNow(Language lang, String channelId, String userId);

  // English answers, for callers that do not know the asker's language yet.

  /** Adds or moves the channel's daily team subscription; {@code time} empty means the default time. */
  default String subscribe(String channelId, Optional<LocalTime> time, String userId) {
    return subscribe(Language.EN, channelId, time, DigestOptions.DAILY, userId);
  }

  /** As {@link #subscribe(Language, String, Optional, DigestOptions, String)} in English. */
  default String subscribe(String channelId, Optional<LocalTime> time, DigestOptions options, String userId) {
    return subscribe(Language.EN, channelId, time, options, userId);
  }

  /** Removes the channel's daily team subscription, answering in English. */
  default String unsubscribe(String channelId, String userId) {
    return unsubscribe(Language.EN, channelId, false, Optional.empty(), userId);
  }

  /** As {@link #unsubscribe(Language, String, boolean, Optional, String)} in English. */
  default String unsubscribe(String channelId, boolean weekly, Optional<String> group, String userId) {
    return unsubscribe(Language.EN, channelId, weekly, group, userId);
  }

  /** As {@link #list(Language)} in English. */
  default String list() {
    return list(Language.EN);
  }

  /** As {@link #digestNow(Language, String, String)} in English. */
  default String digestNow(String channelId, String userId) {
    return digestNow(Language.EN, channelId, userId);
  }
}
