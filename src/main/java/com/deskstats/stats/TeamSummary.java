package com.deskstats.stats;

import java.util.OptionalDouble;

/** The team's totals over a period (SPEC §3, "Team summary"). */
public record TeamSummary(
    long sessions,
    int activeAgents,
    long satisfied,
    long rated,
    long answered,
    /** First response averaged over answered sessions, seconds; 0 when none was answered. */
    double avgFirstRespTime,
    long firstRespUnder30s,
    long unreplied) {

  public static final TeamSummary EMPTY = new TeamSummary(0, 0, 0, 0, 0, 0, 0, 0);

  public OptionalDouble satisfaction() {
    return rated == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) satisfied / rated);
  }

  public OptionalDouble firstResponse() {
    return answered == 0 ? OptionalDouble.empty() : OptionalDouble.of(avgFirstRespTime);
  }

  public OptionalDouble firstRespUnder30Share() {
    return answered == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1.0, (double) firstRespUnder30s / answered));
  }
}
