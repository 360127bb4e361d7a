package com.deskstats.stats;

import com.deskstats.desk.DeskException;
import java.util.Optional;

/** Builds reports and agent cards for a period; what the Slack app and the digest call. */
public interface Reports {

  /** The team report for a period (and its previous period, for changes). */
  default Report report(Period period) throws DeskException {
    return report(period, Scope.TEAM);
  }

  /** The report of the agents in {@code scope}: boards, ranks and summary cover them only. */
  Report report(Period period, Scope scope) throws DeskException;

  /** The card of one agent, or empty when no agent with that AgentId (case-insensitive) was active. */
  default Optional<AgentCard> card(Period period, String agentId) throws DeskException {
    return card(period, Scope.TEAM, agentId);
  }

  /** The card of one agent within {@code scope}: ranks and medians among the agents in scope. */
  Optional<AgentCard> card(Period period, Scope scope, String agentId) throws DeskException;

  /** Today in the Desk time zone: what "yesterday" and the period grammar are relative to. */
  java.time.LocalDate today();
}
