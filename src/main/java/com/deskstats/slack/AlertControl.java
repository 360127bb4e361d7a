package com.deskstats.slack;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.util.Optional;

/**
 * What the slash command asks of the alerts (SPEC §8): implemented by the alert package, handed in by Main.
 * Callers have already checked that the user may change rules, that the bot can post to the channel and that the
 * group exists. Every method returns one mrkdwn message for the user who asked, in {@code lang}, the asker's language.
 */
public interface AlertControl {

  /** Saves a rule that posts to {@code channelId} in {@code postLang} (empty: BOT_LANGUAGE); posts nothing now. */
  String add(Language lang, String channelId, AlertCondition condition, Optional<Language> postLang, String userId);

  /** Every rule: id, channel, condition, scope, its {@code lang}, state and the last evaluation. */
  String list(Language lang);

  /** Removes the rule with this id. */
  String remove(Language lang, long id, String userId);

  // English answers, for callers that do not know the asker's language yet.

  /** As {@link #add(Language, String, AlertCondition, Optional, String)} in English, posting in BOT_LANGUAGE. */
  default String add(String channelId, AlertCondition condition, String userId) {
    return add(Language.EN, channelId, condition, Optional.empty(), userId);
  }

  /** As {@link #list(Language)} in English. */
  default String list() {
    return list(Language.EN);
  }

  /** As {@link #remove(Language, long, String)} in English. */
  default String remove(long id, String userId) {
    return remove(Language.EN, id, userId);
  }

  /** A bot without alerts (tests, or a part that did not start): says so. */
  AlertControl NONE = new AlertControl() {
    @Override
    public String add(Language lang, String channelId, AlertCondition condition, Optional<Language> postLang,
        String userId) {
      return off(lang);
    }

    @Override
    public String list(Language lang) {
      return off(lang);
    }

    @Override
    public String remove(Language lang, long id, String userId) {
      return off(lang);
    }

    private String off(Language lang) {
      return Texts.of(lang).get("posts.alert.off");
    }
  };
}
