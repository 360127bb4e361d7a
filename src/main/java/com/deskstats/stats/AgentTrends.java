package com.deskstats.stats;

import com.deskstats.desk.AgentRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** An agent's headline metrics day by day over the {@value #DAYS} days ending with a card's period (SPEC §4). */
public record AgentTrends(Trend sessions, Trend satisfaction, Trend firstResponse) {

  /** Days a trend line covers. */
  public static final int DAYS = 14;

  /** The {@value #DAYS} days a card of {@code period} draws: they end with the period's last day. */
  public static List<LocalDate> days(Period period) {
    return new Period(period.to().minusDays(DAYS - 1L), period.to()).dates();
  }

  /**
   * The agent's lines over {@code days} (in order, one DayRows each). A day is empty for sessions when the agent
   * was not active, for satisfaction when nobody rated, for first response when no session was answered.
   */
  public static AgentTrends of(String agentId, List<DayRows> days) {
    List<OptionalDouble> sessions = new ArrayList<>(days.size());
    List<OptionalDouble> satisfaction = new ArrayList<>(days.size());
    List<OptionalDouble> firstResponse = new ArrayList<>(days.size());
    for (DayRows day : days) {
      AgentStats a = one(agentId, day);
      sessions.add(a == null ? OptionalDouble.empty() : OptionalDouble.of(a.totalSessions()));
      satisfaction.add(a == null ? OptionalDouble.empty() : a.satisfaction());
      firstResponse.add(a == null || a.answeredSessions() == 0 ? OptionalDouble.empty()
          : OptionalDouble.of(a.avgFirstRespTime()));
    }
    LocalDate from = days.isEmpty() ? LocalDate.EPOCH : days.get(0).day();
    return new AgentTrends(new Trend(from, sessions), new Trend(from, satisfaction), new Trend(from, firstResponse));
  }

  /** The agent's day as SPEC §2 combines it, or null when the agent was not active that day. */
  private static AgentStats one(String agentId, DayRows day) {
    List<AgentRow> mine = new ArrayList<>(1);
    for (AgentRow r : day.rows()) {
      if (r != null && agentId.equals(r.agentId())) {
        mine.add(r);
        break;
      }
    }
    if (mine.isEmpty()) return null;
    List<AgentStats> a = Aggregation.aggregate(List.of(new DayRows(day.day(), mine, day.fetchedAt())));
    return a.isEmpty() ? null : a.get(0);
  }
}
