package com.deskstats.desk;

import java.time.LocalDate;
import java.time.ZoneId;

/** A Desk day as Desk wants it: From = 00:00:00 and To = 23:59:59 of the day in the Desk zone, as epoch seconds. */
record DayBounds(long from, long to) {

  /** Holds on 23- and 25-hour days: To is the next day's start minus one second. */
  static DayBounds of(LocalDate day, ZoneId zone) {
    long from = day.atStartOfDay(zone).toEpochSecond();
    long to = day.plusDays(1).atStartOfDay(zone).toEpochSecond() - 1;
    return new DayBounds(from, to);
  }
}
