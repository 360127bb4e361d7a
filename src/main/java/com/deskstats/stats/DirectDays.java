package com.deskstats.stats;

import com.deskstats.desk.DeskException;
import com.deskstats.desk.DeskSource;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

/** Days straight from a DeskSource with no cache: for the sample team and previews. */
public final class DirectDays implements DaySource {

  private final DeskSource desk;
  private final Clock clock;

  public DirectDays(DeskSource desk, Clock clock) {
    this.desk = desk;
    this.clock = clock;
  }

  @Override
  public DayRows day(LocalDate day) throws DeskException {
    return new DayRows(day, desk.fetchDay(day, Set.of()), clock.instant());
  }

  @Override
  public DayRows dayUntil(LocalDate day, java.time.LocalTime until) throws DeskException {
    return new DayRows(day, desk.fetchDayUntil(day, until, Set.of()), clock.instant());
  }

  @Override
  public boolean sample() {
    return desk.sample();
  }
}
