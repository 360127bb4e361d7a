package com.deskstats.stats;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything one team report shows, for every surface (slash command, buttons, Home, digest, preview).
 *
 * @param sample true when built from the bundled sample team: every surface marks it as sample data
 * @param dataAsOf when the newest of the underlying rows was fetched from Desk
 * @param previous the team summary of the comparison period, for ▲/▼ changes
 * @param agents every agent with any activity in the period, by AgentId
 * @param satisfaction the full satisfaction board (agents with at least {@code minRatings} ratings)
 * @param firstResponse the full first-response board (agents with at least one answered session)
 * @param needsAttention agents with unreplied sessions, most first
 * @param topN how many of each board to show
 * @param scope the whole team, or the group the report covers
 * @param comparison the comparison period (SPEC §3) and the boards' ranks then, for rank movement
 * @param listed every agent in Desk's rows of the period (in scope), idle ones included, by AgentId: the export's
 *     rows (SPEC §4); every other surface shows {@code agents}
 */
public record Report(
    Period period,
    ZoneId zone,
    boolean sample,
    Instant dataAsOf,
    TeamSummary current,
    TeamSummary previous,
    List<AgentStats> agents,
    List<Ranked> satisfaction,
    List<Ranked> firstResponse,
    List<AgentStats> needsAttention,
    int minRatings,
    int topN,
    Scope scope,
    Comparison comparison,
    List<AgentStats> listed) {

  /** A report whose listed agents are its active ones (a report built by hand, with no idle agent). */
  public Report(Period period, ZoneId zone, boolean sample, Instant dataAsOf, TeamSummary current,
      TeamSummary previous, List<AgentStats> agents, List<Ranked> satisfaction, List<Ranked> firstResponse,
      List<AgentStats> needsAttention, int minRatings, int topN, Scope scope, Comparison comparison) {
    this(period, zone, sample, dataAsOf, current, previous, agents, satisfaction, firstResponse, needsAttention,
        minRatings, topN, scope, comparison, agents);
  }
}
