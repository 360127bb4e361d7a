package com.deskstats.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/** The two leaderboards of SPEC §3: satisfaction by Wilson lower bound, and first response time. */
public final class Leaderboards {

  /** The normal quantile for a two-sided 95% interval. */
  public static final double Z_95 = 1.959964;

  // Primitive comparisons on precomputed keys: a 10,000-agent board sorts in a few milliseconds.
  private static final Comparator<Keyed> SATISFACTION_ORDER = (x, y) -> {
    int c = Double.compare(y.primary(), x.primary());
    if (c == 0) c = Double.compare(y.secondary(), x.secondary());
    return c != 0 ? c : x.agent().agentId().compareTo(y.agent().agentId());
  };
  private static final Comparator<Keyed> FIRST_RESPONSE_ORDER = (x, y) -> {
    int c = Double.compare(x.primary(), y.primary());
    if (c == 0) c = Double.compare(y.secondary(), x.secondary());
    return c != 0 ? c : x.agent().agentId().compareTo(y.agent().agentId());
  };

  private Leaderboards() {}

  /**
   * The lower bound of the Wilson score interval at 95% for {@code positive} successes out of {@code total}.
   * 0 when {@code total} is 0; {@code positive} is clamped to {@code [0, total]} so inconsistent Desk counts
   * cannot lift an agent above a perfect record.
   */
  public static double wilsonLowerBound(long positive, long total) {
    // No success: the bound is exactly 0, which the formula only reaches up to rounding (0/69 gives 3e-18),
    // and that noise would beat the "more ratings" tie-break.
    if (total <= 0 || positive <= 0) return 0;
    double n = total;
    double p = Math.min(positive, total) / n;
    double z2 = Z_95 * Z_95;
    double centre = p + z2 / (2 * n);
    double margin = Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return Math.max(0, (centre - margin) / (1 + z2 / n));
  }

  /** The upper bound of the same 95% Wilson interval; 0 when {@code total} is 0. */
  public static double wilsonUpperBound(long positive, long total) {
    if (total <= 0) return 0;
    double n = total;
    double p = Math.max(0, Math.min(positive, total)) / n;
    double z2 = Z_95 * Z_95;
    double margin = Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return Math.min(1, (p + z2 / (2 * n) + margin) / (1 + z2 / n));
  }

  /**
   * Agents with at least {@code minRatings} rated sessions (and always at least one), ordered by the Wilson
   * lower bound of satisfied/rated descending, then more ratings, then AgentId. Ranks are positions 1, 2, 3…:
   * the tie-breaks end at the unique AgentId, so no two agents share a place.
   */
  public static List<Ranked> satisfaction(List<AgentStats> agents, int minRatings) {
    long min = Math.max(1, minRatings);
    List<Keyed> keyed = new ArrayList<>();
    for (AgentStats a : agents) {
      if (a.ratedSessions() >= min) {
        keyed.add(new Keyed(wilsonLowerBound(a.satisfiedSessions(), a.ratedSessions()), a.ratedSessions(), a));
      }
    }
    keyed.sort(SATISFACTION_ORDER);
    return ranked(keyed);
  }

  /**
   * Agents with at least one answered session, ordered by average first response time ascending, then the
   * share of answered sessions first-answered within 30 s descending, then AgentId. An agent whose sessions
   * all went unanswered has no first response time (Desk says 0) and is never on the board.
   */
  public static List<Ranked> firstResponse(List<AgentStats> agents) {
    List<Keyed> keyed = new ArrayList<>();
    for (AgentStats a : agents) {
      if (a.answeredSessions() > 0) keyed.add(new Keyed(a.avgFirstRespTime(), a.firstRespUnder30Share().orElse(0), a));
    }
    keyed.sort(FIRST_RESPONSE_ORDER);
    return ranked(keyed);
  }

  /** The 1-based place of the agent with exactly this AgentId on a board, or empty when it is not on it. */
  public static OptionalInt rankOf(List<Ranked> board, String agentId) {
    for (Ranked r : board) {
      if (r.agent().agentId().equals(agentId)) return OptionalInt.of(r.rank());
    }
    return OptionalInt.empty();
  }

  private static List<Ranked> ranked(List<Keyed> sorted) {
    List<Ranked> out = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) out.add(new Ranked(i + 1, sorted.get(i).agent()));
    return List.copyOf(out);
  }

  /** Sort keys computed once per agent rather than once per comparison; {@code secondary} sorts descending. */
  private record Keyed(double primary, double secondary, AgentStats agent) {}
}
