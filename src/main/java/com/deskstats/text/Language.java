package com.deskstats.text;

import java.util.Locale;
import java.util.Optional;

/** The languages the bot speaks (SPEC §6 {@code BOT_LANGUAGE}, {@code lang en|zh}): English and Simplified Chinese. */
public enum Language {
  EN("en", Locale.ENGLISH),
  ZH("zh", Locale.SIMPLIFIED_CHINESE);

  private final String code;
  private final Locale locale;

  Language(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  /** "en" or "zh": the word in {@code lang …}, {@code BOT_LANGUAGE} and the database. */
  public String code() {
    return code;
  }

  /** The locale dates and numbers are formatted in. */
  public Locale locale() {
    return locale;
  }

  /** The language a word names ("en", "zh", any case), or empty. */
  public static Optional<Language> parse(String word) {
    if (word == null) return Optional.empty();
    String w = word.strip().toLowerCase(Locale.ROOT);
    for (Language l : values()) if (l.code.equals(w)) return Optional.of(l);
    return Optional.empty();
  }

  /**
   * The language for a Slack locale ({@code zh-CN}, {@code zh-TW}, {@code en-US}…): every {@code zh-*} reads Simplified
   * Chinese, every {@code en-*} English; anything else, or none, gets {@code fallback}.
   */
  public static Language ofSlackLocale(String slackLocale, Language fallback) {
    if (slackLocale == null) return fallback;
    String l = slackLocale.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    String primary = l.contains("-") ? l.substring(0, l.indexOf('-')) : l;
    return parse(primary).orElse(fallback);
  }
}
