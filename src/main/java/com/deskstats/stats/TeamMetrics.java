package com.deskstats.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** Team-wide figures over a period's active agents: the summary, needs attention and the medians. */
public final class TeamMetrics {

  private TeamMetrics() {}

  /**
   * The team summary of SPEC §3: sums over the agents, every agent counting as active (as
   * {@link Aggregation#aggregate} returns only active ones), and first response averaged over answered
   * sessions (each agent's average weighted by its answered sessions).
   */
  public static TeamSummary summary(List<AgentStats> agents) {
    long sessions = 0;
    long satisfied = 0;
    long rated = 0;
    long answered = 0;
    double firstRespWeighted = 0;
    long under30 = 0;
    long unreplied = 0;
    for (AgentStats a : agents) {
      sessions += a.totalSessions();
      satisfied += a.satisfiedSessions();
      rated += a.ratedSessions();
      long agentAnswered = a.answeredSessions();
      answered += agentAnswered;
      firstRespWeighted += a.avgFirstRespTime() * agentAnswered;
      under30 += a.firstRespUnder30s();
      unreplied += a.unrepliedSessions();
    }
    return new TeamSummary(sessions, agents.size(), satisfied, rated, answered,
        answered == 0 ? 0 : firstRespWeighted / answered, under30, unreplied);
  }

  /** Agents with unreplied sessions, the most unreplied first, then by AgentId. */
  public static List<AgentStats> needsAttention(List<AgentStats> agents) {
    List<AgentStats> out = new ArrayList<>();
    for (AgentStats a : agents) {
      if (a.unrepliedSessions() > 0) out.add(a);
    }
    out.sort(Comparator.comparingLong(AgentStats::unrepliedSessions).reversed().thenComparing(AgentStats::agentId));
    return List.copyOf(out);
  }

  /**
   * The median of each metric over the agents that have it: every agent for counts, agents with a rating for
   * satisfaction, agents with an answered session for response times and the 30 s share, agents with a
   * session for the session duration. Empty when no agent has the metric; the mean of the middle two for an
   * even count.
   */
  public static TeamMedians medians(List<AgentStats> agents) {
    Predicate<AgentStats> all = a -> true;
    Predicate<AgentStats> answered = a -> a.answeredSessions() > 0;
    return new TeamMedians(
        median(agents, all, AgentStats::totalSessions),
        median(agents, a -> a.ratedSessions() > 0, a -> a.satisfaction().getAsDouble()),
        median(agents, answered, AgentStats::avgFirstRespTime),
        median(agents, answered, a -> a.firstRespUnder30Share().getAsDouble()),
        median(agents, answered, AgentStats::avgRespTime),
        median(agents, a -> a.totalSessions() > 0, AgentStats::avgAcceptTime),
        median(agents, all, AgentStats::unrepliedSessions),
        median(agents, all, AgentStats::servedUsers),
        median(agents, all, AgentStats::agentMessages));
  }

  /** The median of some values: empty for none, the mean of the middle two for an even count. */
  public static OptionalDouble median(double[] values) {
    return medianInPlace(values.clone(), values.length);
  }

  /** The median of the first {@code n} values, reordering them (selection, not a full sort). */
  private static OptionalDouble medianInPlace(double[] v, int n) {
    if (n == 0) return OptionalDouble.empty();
    int mid = n / 2;
    double upper = select(v, n, mid);
    if (n % 2 == 1) return OptionalDouble.of(upper);
    // After selecting mid, everything left of it is ≤ it: the lower middle is their maximum.
    double lower = v[0];
    for (int i = 1; i < mid; i++) lower = Math.max(lower, v[i]);
    return OptionalDouble.of((lower + upper) / 2);
  }

  /** Quickselect: puts the k-th smallest of {@code v[0..n)} at {@code v[k]}, smaller ones before it, and returns it. */
  private static double select(double[] v, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = medianOfThree(v[lo], v[lo + (hi - lo) / 2], v[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (v[i] < pivot) i++;
        while (v[j] > pivot) j--;
        if (i <= j) {
          double t = v[i];
          v[i] = v[j];
          v[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return v[k];
      }
    }
    return v[k];
  }

  private static double medianOfThree(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static OptionalDouble median(List<AgentStats> agents, Predicate<AgentStats> has, ToDoubleFunction<AgentStats> metric) {
    double[] values = new double[agents.size()];
    int n = 0;
    for (AgentStats a : agents) {
      if (has.test(a)) values[n++] = metric.applyAsDouble(a);
    }
    return medianInPlace(values, n);
  }
}
