package com.deskstats.slack;

import com.deskstats.text.Language;
import java.time.DayOfWeek;
import java.util.Optional;

/**
 * Which digest of a channel a subscribe or unsubscribe means (SPEC §5): daily or weekly (and on which day), the whole
 * team or one group, whether the export CSV goes along, and the posts' language (empty: BOT_LANGUAGE).
 */
public record DigestOptions(boolean weekly, DayOfWeek day, Optional<String> group, boolean csv, Optional<Language> lang) {

  /** The daily digest of the whole team, without CSV, in BOT_LANGUAGE: what plain {@code subscribe} makes. */
  public static final DigestOptions DAILY = new DigestOptions(false, DayOfWeek.MONDAY, Optional.empty(), false);

  /** Options whose posts use BOT_LANGUAGE. */
  public DigestOptions(boolean weekly, DayOfWeek day, Optional<String> group, boolean csv) {
    this(weekly, day, group, csv, Optional.empty());
  }

  /** "the daily digest", "the weekly digest of group tier1". */
  public String describe() {
    return "the " + (weekly ? "weekly" : "daily") + " digest" + group.map(g -> " of group `" + g + "`").orElse("");
  }
}
