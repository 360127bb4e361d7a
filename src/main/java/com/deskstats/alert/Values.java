package com.deskstats.alert;

import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.TeamMetrics;
import com.deskstats.stats.TeamSummary;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A metric's value today, for the team (or group) or for one agent, in the unit rules use: sessions, percent or
 * seconds. Empty when the metric means nothing yet: no answered session, or fewer ratings than MIN_RATINGS.
 */
final class Values {
  private Values() {}

  static OptionalDouble team(Metric metric, List<AgentStats> agents, int minRatings) {
    TeamSummary t = TeamMetrics.summary(agents);
    return switch (metric) {
      case UNREPLIED -> OptionalDouble.of(t.unreplied());
      case SESSIONS -> OptionalDouble.of(t.sessions());
      case SATISFACTION -> t.rated() >= Math.max(1, minRatings) ? percent(t.satisfaction()) : OptionalDouble.empty();
      case FIRST_RESPONSE -> t.firstResponse();
      case WITHIN_30S -> percent(t.firstRespUnder30Share());
    };
  }

  static OptionalDouble agent(Metric metric, AgentStats a, int minRatings) {
    return switch (metric) {
      case UNREPLIED -> OptionalDouble.of(a.unrepliedSessions());
      case SESSIONS -> OptionalDouble.of(a.totalSessions());
      case SATISFACTION -> a.ratedSessions() >= Math.max(1, minRatings) ? percent(a.satisfaction()) : OptionalDouble.empty();
      case FIRST_RESPONSE -> a.answeredSessions() == 0 ? OptionalDouble.empty() : OptionalDouble.of(a.avgFirstRespTime());
      case WITHIN_30S -> percent(a.firstRespUnder30Share());
    };
  }

  private static OptionalDouble percent(OptionalDouble share) {
    return share.isPresent() ? OptionalDouble.of(share.getAsDouble() * 100) : OptionalDouble.empty();
  }
}
