package com.deskstats.desk;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** A Desk day as Desk wants it: From = 00:00:00 and To = 23:59:59 of the day in the Desk zone, as epoch seconds. */
record DayBounds(long from, long to) {

  /** Holds on 23- and 25-hour days: To is the next day's start minus one second. */
  static DayBounds of(LocalDate day, ZoneId zone) {
    long from = day.atStartOfDay(zone).toEpochSecond();
    long to = day.plusDays(1).atStartOfDay(zone).toEpochSecond() - 1;
    return new DayBounds(from, to);
  }

  /** The day from 00:00:00 up to {@code until} (the clock time in the zone), never past the day's own end. */
  static DayBounds until(LocalDate day, LocalTime until, ZoneId zone) {
    DayBounds whole = of(day, zone);
    long cut = day.atTime(until).atZone(zone).toEpochSecond();
    return new DayBounds(whole.from(), Math.max(whole.from(), Math.min(whole.to(), cut)));
  }
}
