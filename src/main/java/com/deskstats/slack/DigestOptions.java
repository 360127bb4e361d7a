package com.deskstats.slack;

import java.time.DayOfWeek;
import java.util.Optional;

/**
 * Which digest of a channel a subscribe or unsubscribe means (SPEC §5): daily or weekly (and on which day), the whole
 * team or one group, and whether the export CSV goes along.
 */
public record DigestOptions(boolean weekly, DayOfWeek day, Optional<String> group, boolean csv) {

  /** The daily digest of the whole team, without CSV: what plain {@code subscribe} makes. */
  public static final DigestOptions DAILY = new DigestOptions(false, DayOfWeek.MONDAY, Optional.empty(), false);

  /** "the daily digest", "the weekly digest of group tier1". */
  public String describe() {
    return "the " + (weekly ? "weekly" : "daily") + " digest" + group.map(g -> " of group `" + g + "`").orElse("");
  }
}
