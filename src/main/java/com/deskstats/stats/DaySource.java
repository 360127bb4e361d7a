package com.deskstats.stats;

import com.deskstats.desk.DeskException;
import java.time.LocalDate;
import java.time.LocalTime;

/** Where a report's day rows come from: the per-day cache in front of Desk, or the sample team. */
public interface DaySource {

  /** Every agent's row for one Desk day. */
  DayRows day(LocalDate day) throws DeskException;

  /**
   * One Desk day up to {@code until}, a clock time in the Desk zone (the comparison for today, SPEC §3); never
   * cached. A source that cannot cut a day short gives the whole day.
   */
  default DayRows dayUntil(LocalDate day, LocalTime until) throws DeskException {
    return day(day);
  }

  /** True when the rows are the bundled sample team. */
  boolean sample();
}
