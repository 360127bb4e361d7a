package com.deskstats.desk;

import java.time.LocalDate;
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

  /** True when the rows are the bundled sample team rather than a real Desk application. */
  default boolean sample() {
    return false;
  }
}
