package com.deskstats.stats;

import com.deskstats.desk.DeskException;
import java.util.Optional;

/** Builds reports and agent cards for a period; what the Slack app and the digest call. */
public interface Reports {

  /** The team report for a period (and its previous period, for changes). */
  Report report(Period period) throws DeskException;

  /** The card of one agent, or empty when no agent with that AgentId (case-insensitive) was active. */
  Optional<AgentCard> card(Period period, String agentId) throws DeskException;

  /** Today in the Desk time zone: what "yesterday" and the period grammar are relative to. */
  java.time.LocalDate today();
}
