package com.deskstats.stats;

import com.deskstats.desk.DeskException;
import java.time.LocalDate;

/** Where a report's day rows come from: the per-day cache in front of Desk, or the sample team. */
public interface DaySource {

  /** Every agent's row for one Desk day. */
  DayRows day(LocalDate day) throws DeskException;

  /** True when the rows are the bundled sample team. */
  boolean sample();
}
