package com.deskstats.desk;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/** Where per-agent rows for one Desk day come from: the live Desk API or the bundled sample team. */
public interface DeskSource {

  /**
   * All rows of one Desk day, one per agent, in Desk's order.
   *
   * @param agentIds when non-empty, only these agents (Desk's {@code AgentIds} filter)
   */
  List<AgentRow> fetchDay(LocalDate day, Set<String> agentIds) throws DeskException;

  /**
   * The rows of one Desk day from its start up to {@code until}, a clock time in the Desk zone: the partial day a
   * report of today is compared with (SPEC §1). Never cached.
   */
  List<AgentRow> fetchDayUntil(LocalDate day, LocalTime until, Set<String> agentIds) throws DeskException;

  /** True when the rows are the bundled sample team rather than a real Desk application. */
  default boolean sample() {
    return false;
  }
}
