package com.deskstats.testing;

import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.AgentTrends;
import com.deskstats.stats.Comparison;
import com.deskstats.stats.Trend;
import com.deskstats.stats.Period;
import com.deskstats.stats.Ranked;
import com.deskstats.stats.Report;
import com.deskstats.stats.Scope;
import com.deskstats.stats.TeamMedians;
import com.deskstats.stats.TeamSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Optional;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Reports and agent cards built straight from the contract records, for rendering tests. */
public final class RenderFixtures {
  private RenderFixtures() {}

  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  public static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  public static final Instant NOW = Instant.parse("2026-11-25T06:08:00Z"); // 14:08 in Shanghai
  public static final Instant AS_OF = Instant.parse("2026-11-25T06:05:00Z"); // 14:05 in Shanghai

  /** An agent with the given counts; the rest derived consistently. */
  public static AgentStats agent(String id, String nickname, long sessions, long unreplied, long rated, long satisfied,
      double avgFirstResp, long under30) {
    long answered = sessions - unreplied;
    return new AgentStats(id, nickname, 1_795_136_400L, 1_795_165_200L, 18_000, 7_200, 2_700, sessions,
        sessions / 10, answered * 8 / 10, answered / 2, sessions - sessions / 10, sessions * 300, sessions * 20,
        answered * 9, sessions * 9, unreplied, answered == 0 ? 0 : avgFirstResp, under30,
        answered == 0 ? 0 : avgFirstResp * 1.5, under30 * 8 / 10, sessions == 0 ? 0 : 300.0, rated, satisfied);
  }

  /** A report whose boards follow simple rules (enough for rendering: ranking is the stats package's job). */
  public static Report report(Period period, List<AgentStats> agents, boolean sample, int minRatings, int topN) {
    List<AgentStats> sat = agents.stream().filter(a -> a.ratedSessions() >= minRatings)
        .sorted(Comparator.comparingDouble((AgentStats a) -> -(double) a.satisfiedSessions() / a.ratedSessions())
            .thenComparing(AgentStats::agentId))
        .toList();
    List<AgentStats> fr = agents.stream().filter(a -> a.answeredSessions() > 0)
        .sorted(Comparator.comparingDouble(AgentStats::avgFirstRespTime).thenComparing(AgentStats::agentId))
        .toList();
    List<AgentStats> attention = agents.stream().filter(a -> a.unrepliedSessions() > 0)
        .sorted(Comparator.comparingLong((AgentStats a) -> -a.unrepliedSessions()).thenComparing(AgentStats::agentId))
        .toList();
    return new Report(period, SHANGHAI, sample, AS_OF, summary(agents), new TeamSummary(100, 3, 40, 50, 95, 14, 80, 5),
        List.copyOf(agents), ranked(sat), ranked(fr), attention, minRatings, topN, Scope.TEAM,
        Comparison.of(period, Optional.empty(), earlier(sat), earlier(fr)));
  }

  /** The board as it stood in the comparison period: the first two swapped, and (from four on) the last one absent. */
  public static List<Ranked> earlier(List<AgentStats> board) {
    List<AgentStats> then = new ArrayList<>(board);
    if (then.size() >= 2) Collections.swap(then, 0, 1);
    if (then.size() >= 4) then.remove(then.size() - 1);
    return ranked(then);
  }

  public static TeamSummary summary(List<AgentStats> agents) {
    long sessions = 0, satisfied = 0, rated = 0, answered = 0, under30 = 0, unreplied = 0;
    double weighted = 0;
    for (AgentStats a : agents) {
      sessions += a.totalSessions();
      satisfied += a.satisfiedSessions();
      rated += a.ratedSessions();
      answered += a.answeredSessions();
      under30 += a.firstRespUnder30s();
      unreplied += a.unrepliedSessions();
      weighted += a.avgFirstRespTime() * a.answeredSessions();
    }
    return new TeamSummary(sessions, agents.size(), satisfied, rated, answered, answered == 0 ? 0 : weighted / answered,
        under30, unreplied);
  }

  public static List<Ranked> ranked(List<AgentStats> ordered) {
    List<Ranked> out = new ArrayList<>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) out.add(new Ranked(i + 1, ordered.get(i)));
    return out;
  }

  /** The card of one agent of the report, with fixed medians. */
  public static AgentCard card(Report r, String agentId) {
    AgentStats a = r.agents().stream().filter(x -> x.agentId().equals(agentId)).findFirst().orElseThrow();
    return new AgentCard(r, a, rank(r.satisfaction(), agentId), rank(r.firstResponse(), agentId), medians(),
        trends(r.period()));
  }

  /** Fixed 14-day lines ending with the period: rising sessions, a flat satisfaction, days without data. */
  public static AgentTrends trends(Period period) {
    LocalDate from = period.to().minusDays(AgentTrends.DAYS - 1L);
    List<OptionalDouble> sessions = new ArrayList<>();
    List<OptionalDouble> satisfaction = new ArrayList<>();
    List<OptionalDouble> first = new ArrayList<>();
    for (int i = 0; i < AgentTrends.DAYS; i++) {
      boolean off = i == 5 || i == 6;
      sessions.add(off ? OptionalDouble.empty() : OptionalDouble.of(i));
      satisfaction.add(off ? OptionalDouble.empty() : OptionalDouble.of(0.9));
      first.add(off ? OptionalDouble.empty() : OptionalDouble.of(40 - i * 2));
    }
    return new AgentTrends(new Trend(from, sessions), new Trend(from, satisfaction), new Trend(from, first));
  }

  public static TeamMedians medians() {
    return new TeamMedians(OptionalDouble.of(30), OptionalDouble.of(0.8), OptionalDouble.of(15), OptionalDouble.of(0.9),
        OptionalDouble.of(22), OptionalDouble.of(300), OptionalDouble.of(1), OptionalDouble.of(27), OptionalDouble.of(240));
  }

  private static OptionalInt rank(List<Ranked> board, String agentId) {
    return board.stream().filter(x -> x.agent().agentId().equals(agentId)).mapToInt(Ranked::rank).findFirst();
  }

  /** A small fixed team: a CJK star, a hostile nickname, an empty nickname, an agent who never answered. */
  public static Report smallTeam(Period period, boolean sample) {
    List<AgentStats> agents = List.of(
        agent("li.na@example.com", "李娜", 40, 0, 12, 11, 9.4, 38),
        agent("bob@example.com", "<!channel> Bob & <@U123>", 30, 2, 6, 5, 65, 20),
        agent("agent.7@example.com", "", 20, 1, 2, 2, 21, 15),
        agent("tom@example.com", "Trainee *Tom*", 5, 5, 0, 0, 0, 0));
    return report(period, agents, sample, 3, 10);
  }
}
