package com.deskstats.alert;

import com.deskstats.slack.AlertCondition;
import com.deskstats.text.Language;
import java.time.Instant;
import java.util.Optional;

/**
 * One alert rule as stored: which channel hears about which condition, who added it when, and the language its posts
 * are written in ({@code lang}; empty: BOT_LANGUAGE at post time).
 */
public record Rule(long id, String channelId, AlertCondition condition, String createdBy, Instant createdAt,
    Optional<Language> lang) {

  public Rule {
    lang = lang == null ? Optional.empty() : lang;
  }

  /** A rule whose posts use BOT_LANGUAGE. */
  public Rule(long id, String channelId, AlertCondition condition, String createdBy, Instant createdAt) {
    this(id, channelId, condition, createdBy, createdAt, Optional.empty());
  }

  /** The language its posts are written in. */
  Language language(Language botLanguage) {
    return lang.orElse(botLanguage);
  }
}
