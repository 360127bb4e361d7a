package com.deskstats.slack;

import com.deskstats.text.Language;

/**
 * What the slash command asks of the alerts (SPEC §8): implemented by the alert package, handed in by Main.
 * Callers have already checked that the user may change rules, that the bot can post to the channel and that the
 * group exists. Every method returns one mrkdwn message for the user who asked.
 */
public interface AlertControl {

  /** Saves a rule that posts to {@code channelId}; posts nothing now. */
  String add(String channelId, AlertCondition condition, String userId);

  /** Every rule: id, channel, condition, scope, state and the last evaluation. */
  String list();

  /** Removes the rule with this id. */
  String remove(long id, String userId);

  // The asker's language: each answer is written for the person who asked (SPEC §6 BOT_LANGUAGE).

  /** As {@link #add(String, AlertCondition, String)}, answering in {@code lang}; the rule posts in {@code postLang}. */
  default String add(Language lang, String channelId, AlertCondition condition, java.util.Optional<Language> postLang,
      String userId) {
    return add(channelId, condition, userId);
  }

  /** As {@link #list()}, answering in {@code lang}. */
  default String list(Language lang) {
    return list();
  }

  /** As {@link #remove(long, String)}, answering in {@code lang}. */
  default String remove(Language lang, long id, String userId) {
    return remove(id, userId);
  }

  /** A bot without alerts (tests, or a part that did not start): says so. */
  AlertControl NONE = new AlertControl() {
    private static final String OFF = "Alerts are not running on this bot.";

    @Override
    public String add(String channelId, AlertCondition condition, String userId) {
      return OFF;
    }

    @Override
    public String list() {
      return OFF;
    }

    @Override
    public String remove(long id, String userId) {
      return OFF;
    }
  };
}
