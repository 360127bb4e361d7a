package com.deskstats.stats;

import com.deskstats.desk.AgentRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Combines Desk day rows into one {@link AgentStats} per agent over a period, as SPEC §2 says. */
public final class Aggregation {

  private Aggregation() {}

  /**
   * One {@link AgentStats} per active agent over the given days, ordered by AgentId: {@link #listed} without the
   * agents who were not {@link #active}.
   *
   * <p>An agent is active when over the period it had a session, logged in, or spent any free, busy or rest
   * time: Desk lists every configured agent each day, and someone who never showed up is not part of the
   * team's day (reports, boards, summaries and cards).
   */
  public static List<AgentStats> aggregate(List<DayRows> days) {
    List<AgentStats> out = new ArrayList<>(listed(days));
    out.removeIf(a -> !active(a));
    return out;
  }

  /**
   * One {@link AgentStats} per agent Desk listed on any of the given days, idle ones included (all zeros), ordered by
   * AgentId: the rows of the export (SPEC §4).
   *
   * <p>Counts and durations are summed; AvgFirstRespTime and AvgRespTime are weighted by answered sessions;
   * AvgAcceptTime is TotalAcceptTime / TotalSessionCnt; the login is the earliest non-zero one, the logout
   * the latest; the nickname is the one of the latest day that has a non-empty one.
   *
   * <p>A row without an AgentId is ignored, and an agent listed twice on one day counts once (the first row), so a
   * paging glitch cannot double anyone's numbers.
   */
  public static List<AgentStats> listed(List<DayRows> days) {
    List<DayRows> ordered = new ArrayList<>(days);
    ordered.sort(Comparator.comparing(DayRows::day));
    int rowsPerDay = ordered.isEmpty() ? 16 : ordered.get(ordered.size() - 1).rows().size();
    Map<String, Acc> byAgent = new HashMap<>(Math.max(16, rowsPerDay * 2));
    for (int dayIndex = 0; dayIndex < ordered.size(); dayIndex++) {
      for (AgentRow row : ordered.get(dayIndex).rows()) {
        if (row == null || row.agentId() == null || row.agentId().isEmpty()) continue;
        Acc acc = byAgent.computeIfAbsent(row.agentId(), Acc::new);
        if (acc.lastDayIndex == dayIndex) continue;
        acc.lastDayIndex = dayIndex;
        acc.add(row);
      }
    }
    List<AgentStats> out = new ArrayList<>(byAgent.size());
    for (Acc acc : byAgent.values()) out.add(acc.stats());
    out.sort(Comparator.comparing(AgentStats::agentId));
    return out;
  }

  /** True when the agent had a session, logged in, or spent any free, busy or rest time over the period. */
  public static boolean active(AgentStats a) {
    return a.totalSessions() > 0 || a.firstLoginTimestamp() > 0 || a.freeTime() + a.busyTime() + a.restTime() > 0;
  }

  /** One agent's running totals. */
  private static final class Acc {
    final String agentId;
    int lastDayIndex = -1;
    String nickname = "";
    long firstLogin;
    long lastLogout;
    long freeTime;
    long busyTime;
    long restTime;
    long totalSessions;
    long transferSessions;
    long effectiveSessions;
    long agentEndCount;
    long servedUsers;
    long totalAcceptTime;
    long totalMessages;
    long agentMessages;
    long userMessages;
    long unreplied;
    long answered;
    // Sums of average × answered sessions, so the period's averages are weighted by answered sessions.
    double firstRespWeighted;
    double respWeighted;
    long firstRespUnder30s;
    long avgRespUnder30s;
    long rated;
    long satisfied;

    Acc(String agentId) {
      this.agentId = agentId;
    }

    void add(AgentRow r) {
      if (r.agentNickName() != null && !r.agentNickName().isBlank()) nickname = r.agentNickName();
      if (r.firstLoginTimestamp() > 0 && (firstLogin == 0 || r.firstLoginTimestamp() < firstLogin)) {
        firstLogin = r.firstLoginTimestamp();
      }
      lastLogout = Math.max(lastLogout, r.lastLogoutTimestamp());
      freeTime += r.freeTime();
      busyTime += r.busyTime();
      restTime += r.restTime();
      totalSessions += r.totalSessionCnt();
      transferSessions += r.transferSessionCnt();
      effectiveSessions += r.effectiveSessionCnt();
      agentEndCount += r.agentEndCnt();
      servedUsers += r.serveUserCnt();
      totalAcceptTime += r.totalAcceptTime();
      totalMessages += r.totalMsgCnt();
      agentMessages += r.agentMsgCnt();
      userMessages += r.userMsgCnt();
      unreplied += r.notRespSessionCnt();
      long dayAnswered = r.answeredSessions();
      answered += dayAnswered;
      firstRespWeighted += (double) r.avgFirstRespTime() * dayAnswered;
      respWeighted += (double) r.avgRespTime() * dayAnswered;
      firstRespUnder30s += r.firstRespUnder30sCnt();
      avgRespUnder30s += r.avgRespUnder30sCnt();
      rated += r.satisfactionSelectedCnt();
      satisfied += r.satisfiedCnt();
    }

    AgentStats stats() {
      return new AgentStats(
          agentId,
          nickname,
          firstLogin,
          lastLogout,
          freeTime,
          busyTime,
          restTime,
          totalSessions,
          transferSessions,
          effectiveSessions,
          agentEndCount,
          servedUsers,
          totalAcceptTime,
          totalMessages,
          agentMessages,
          userMessages,
          unreplied,
          answered == 0 ? 0 : firstRespWeighted / answered,
          firstRespUnder30s,
          answered == 0 ? 0 : respWeighted / answered,
          avgRespUnder30s,
          totalSessions == 0 ? 0 : (double) totalAcceptTime / totalSessions,
          rated,
          satisfied);
    }
  }
}
