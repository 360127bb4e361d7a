package com.deskstats.digest;

import com.deskstats.stats.Period;
import com.deskstats.store.DeliveryKey;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** Which Desk days a digest that fires at a given time reports, read in the Desk time zone. */
record ReportedDays(ZoneId deskZone) {

  /** The Desk day a digest fired at {@code fireTime} reports: yesterday in the Desk time zone. */
  LocalDate day(Instant fireTime) {
    return fireTime.atZone(deskZone).toLocalDate().minusDays(1);
  }

  /**
   * The period a digest fired at {@code fireTime} reports: yesterday in the Desk time zone, or for a weekly digest
   * last week, Monday to Sunday, whatever day it posts on.
   */
  Period period(DeliveryKey key, Instant fireTime) {
    if (!key.weekly()) return Period.day(day(fireTime));
    LocalDate monday = fireTime.atZone(deskZone).toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
    return new Period(monday, monday.plusDays(6));
  }
}
