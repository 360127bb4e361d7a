package com.deskstats.stats;

import com.deskstats.desk.AgentRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One Desk day's rows, and when they were fetched from Desk (the data's age). */
public record DayRows(LocalDate day, List<AgentRow> rows, Instant fetchedAt) {
  public DayRows {
    rows = List.copyOf(rows);
  }
}
