package com.deskstats.testing;

import com.deskstats.desk.DeskException;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Period;
import com.deskstats.stats.Ranked;
import com.deskstats.stats.Scope;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.stats.TeamMedians;
import com.deskstats.stats.TeamSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link Reports} with a small fixed team in the Desk zone Asia/Shanghai; records every call and can fail
 * or block on demand.
 */
public final class FakeReports implements Reports {

  /** What {@link #today()} answers. */
  public static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  /** The Desk zone of every report. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Every call so far, as "report PERIOD" or "card AGENT PERIOD" (the period as its token). */
  public final List<String> calls = new CopyOnWriteArrayList<>();
  /** When set, every call throws it (a DeskException or a RuntimeException). */
  public volatile Exception failWith;
  /** When set, every call waits (at most 10 s) until it opens. */
  public volatile CountDownLatch gate;

  private static AgentStats agent(String id, String nick, long sessions, long unreplied, long rated, long satisfied,
      double first) {
    return new AgentStats(id, nick, 1764000000L, 1764030000L, 3600, 7200, 600, sessions, 0, sessions, sessions / 2,
        sessions, sessions * 10, sessions * 20, sessions * 10, sessions * 10, unreplied, first, sessions / 2, first * 2,
        sessions / 3, 10.0, rated, satisfied);
  }

  private static final List<AgentStats> TEAM = List.of(
      agent("alice@example.com", "Alice", 40, 0, 10, 9, 12.5),
      agent("bob@example.com", "Bob", 30, 2, 6, 4, 20.0),
      agent("carol", "", 20, 1, 4, 4, 35.0));

  private static Report fixture(Period period, Scope scope) {
    TeamSummary cur = new TeamSummary(90, 3, 17, 20, 87, 20.0, 40, 3);
    List<Ranked> sat = List.of(new Ranked(1, TEAM.get(0)), new Ranked(2, TEAM.get(2)), new Ranked(3, TEAM.get(1)));
    List<Ranked> first = List.of(new Ranked(1, TEAM.get(0)), new Ranked(2, TEAM.get(1)), new Ranked(3, TEAM.get(2)));
    return new Report(period, ZONE, false, Instant.parse("2026-11-25T01:00:00Z"), cur, TeamSummary.EMPTY, TEAM, sat,
        first, List.of(TEAM.get(1), TEAM.get(2)), 3, 10, scope,
        com.deskstats.stats.Comparison.of(period, java.util.Optional.empty(), sat, first));
  }

  @Override
  public Report report(Period period, Scope scope) throws DeskException {
    calls.add("report " + period.token() + scope.group().map(g -> " group " + g).orElse(""));
    pass();
    return fixture(period, scope);
  }

  @Override
  public Optional<AgentCard> card(Period period, Scope scope, String agentId) throws DeskException {
    calls.add("card " + agentId + " " + period.token() + scope.group().map(g -> " group " + g).orElse(""));
    pass();
    Report r = fixture(period, scope);
    return TEAM.stream().filter(a -> a.agentId().toLowerCase(Locale.ROOT).equals(agentId.toLowerCase(Locale.ROOT)))
        .findFirst()
        .map(a -> new AgentCard(r, a, OptionalInt.of(1), OptionalInt.of(1), new TeamMedians(OptionalDouble.of(30),
            OptionalDouble.of(0.8), OptionalDouble.of(20), OptionalDouble.of(0.5), OptionalDouble.of(40),
            OptionalDouble.of(10), OptionalDouble.of(1), OptionalDouble.of(30), OptionalDouble.of(300)),
            RenderFixtures.trends(period)));
  }

  private void pass() throws DeskException {
    CountDownLatch g = gate;
    if (g != null) {
      try {
        if (!g.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Exception e = failWith;
    if (e instanceof DeskException d) throw d;
    if (e instanceof RuntimeException r) throw r;
  }

  @Override
  public LocalDate today() {
    return TODAY;
  }
}
