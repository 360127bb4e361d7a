package com.deskstats.stats;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.deskstats.desk.AgentRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationTest {

  private static final LocalDate D1 = LocalDate.of(2026, 11, 22);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final Instant AT = Instant.parse("2026-11-25T00:00:00Z");

  private static DayRows day(LocalDate d, AgentRow... rows) {
    return new DayRows(d, List.of(rows), AT);
  }

  private static AgentStats only(List<AgentStats> agents, String id) {
    return agents.stream().filter(a -> a.agentId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void everyCountAndDurationIsSummed() {
    AgentRow a = new AgentRow("a", "A", 100, 200, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 0, 2, 0, 3, 0, 4, 2);
    AgentRow b = new AgentRow("a", "A", 300, 400, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 10, 0, 20, 0, 30, 0, 40, 20);
    AgentStats s = Aggregation.aggregate(List.of(day(D1, a), day(D2, b))).get(0);
    assertThat(s.freeTime()).isEqualTo(11);
    assertThat(s.busyTime()).isEqualTo(22);
    assertThat(s.restTime()).isEqualTo(33);
    assertThat(s.totalSessions()).isEqualTo(44);
    assertThat(s.transferSessions()).isEqualTo(55);
    assertThat(s.effectiveSessions()).isEqualTo(66);
    assertThat(s.agentEndCount()).isEqualTo(77);
    assertThat(s.servedUsers()).isEqualTo(88);
    assertThat(s.totalAcceptTime()).isEqualTo(99);
    assertThat(s.totalMessages()).isEqualTo(110);
    assertThat(s.agentMessages()).isEqualTo(121);
    assertThat(s.userMessages()).isEqualTo(132);
    assertThat(s.unrepliedSessions()).isEqualTo(11);
    assertThat(s.firstRespUnder30s()).isEqualTo(22);
    assertThat(s.avgRespUnder30s()).isEqualTo(33);
    assertThat(s.ratedSessions()).isEqualTo(44);
    assertThat(s.satisfiedSessions()).isEqualTo(22);
  }

  @Test
  void responseAveragesAreWeightedByAnsweredSessionsAndAcceptTimeIsTotalOverSessions() {
    // Day 1: 10 sessions, 2 unreplied → 8 answered, first 10 s, avg 20 s, 1000 s in sessions.
    // Day 2: 5 sessions, 1 unreplied → 4 answered, first 40 s, avg 50 s, 800 s.
    // Day 3: 3 sessions, all unreplied → 0 answered (Desk's 0 averages must not count), 90 s.
    // First response: (10·8 + 40·4) / 12 = 240 / 12 = 20.0 (a plain mean of days would say 16.7).
    // Response:       (20·8 + 50·4) / 12 = 360 / 12 = 30.0.
    // Accept time:    (1000 + 800 + 90) / (10 + 5 + 3) = 1890 / 18 = 105.0 (Desk's daily averages are ignored).
    List<AgentStats> agents = Aggregation.aggregate(List.of(
        day(D1, row("ana").sessions(10, 2).firstResp(10, 7).resp(20, 6).accept(1000, 100).build()),
        day(D2, row("ana").sessions(5, 1).firstResp(40, 1).resp(50, 1).accept(800, 160).build()),
        day(D3, row("ana").sessions(3, 3).firstResp(0, 0).resp(0, 0).accept(90, 30).build())));
    AgentStats ana = only(agents, "ana");
    assertThat(ana.avgFirstRespTime()).isCloseTo(20.0, within(1e-9));
    assertThat(ana.avgRespTime()).isCloseTo(30.0, within(1e-9));
    assertThat(ana.avgAcceptTime()).isCloseTo(105.0, within(1e-9));
    assertThat(ana.answeredSessions()).isEqualTo(12);
    assertThat(ana.firstRespUnder30s()).isEqualTo(8);
  }

  @Test
  void averagesAreZeroWhenNothingWasAnsweredOrNoSessionHappened() {
    List<AgentStats> agents = Aggregation.aggregate(List.of(
        day(D1, row("ghost").sessions(4, 4).build(), row("idle").login(100, 200).build())));
    assertThat(only(agents, "ghost").avgFirstRespTime()).isZero();
    assertThat(only(agents, "ghost").avgRespTime()).isZero();
    assertThat(only(agents, "idle").avgAcceptTime()).isZero();
  }

  @Test
  void nicknameIsTheLatestNonEmptyOneWhateverTheOrderOfDays() {
    List<AgentStats> agents = Aggregation.aggregate(List.of(
        day(D3, row("a").nickname("Ana B.").sessions(1, 0).build(), row("b").nickname("").sessions(1, 0).build(),
            row("c").nickname("  ").sessions(1, 0).build()),
        day(D1, row("a").nickname("Ana").sessions(1, 0).build(), row("b").nickname("Bo").sessions(1, 0).build(),
            row("c").nickname(null).sessions(1, 0).build()),
        day(D2, row("a").nickname("").sessions(1, 0).build(), row("b").nickname("Bob").sessions(1, 0).build())));
    assertThat(only(agents, "a").nickname()).isEqualTo("Ana B.");
    assertThat(only(agents, "b").nickname()).isEqualTo("Bob");
    assertThat(only(agents, "c").nickname()).isEmpty();
    assertThat(only(agents, "c").displayName()).isEqualTo("c");
  }

  @Test
  void loginIsTheEarliestNonZeroAndLogoutTheLatest() {
    List<AgentStats> agents = Aggregation.aggregate(List.of(
        day(D1, row("a").login(1_764_000_500L, 1_764_030_000L).sessions(1, 0).build()),
        day(D2, row("a").login(0, 0).sessions(1, 0).build()),
        day(D3, row("a").login(1_764_000_100L, 1_764_200_000L).sessions(1, 0).build())));
    // The login is the minimum over days with one, not the first day's.
    AgentStats a = only(agents, "a");
    assertThat(a.firstLoginTimestamp()).isEqualTo(1_764_000_100L);
    assertThat(a.lastLogoutTimestamp()).isEqualTo(1_764_200_000L);
  }

  @Test
  void anAgentPresentOnSomeDaysCountsOnlyThoseDays() {
    List<AgentStats> agents = Aggregation.aggregate(List.of(
        day(D1, row("a").sessions(2, 0).firstResp(10, 2).build()),
        day(D2, row("a").sessions(2, 0).firstResp(20, 2).build(), row("b").sessions(6, 3).firstResp(30, 1).build()),
        day(D3, row("a").sessions(2, 0).firstResp(30, 2).build())));
    assertThat(agents).extracting(AgentStats::agentId).containsExactly("a", "b");
    AgentStats b = only(agents, "b");
    assertThat(b.totalSessions()).isEqualTo(6);
    assertThat(b.avgFirstRespTime()).isCloseTo(30.0, within(1e-9));
    assertThat(only(agents, "a").avgFirstRespTime()).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void agentsWhoNeverShowedUpAreNotActive() {
    List<AgentStats> agents = Aggregation.aggregate(List.of(
        day(D1, row("absent").build(), row("loggedIn").login(100, 200).build(), row("resting").times(0, 0, 60).build(),
            row("busy").sessions(1, 1).build()),
        day(D2, row("absent").nickname("Still absent").build())));
    assertThat(agents).extracting(AgentStats::agentId).containsExactly("busy", "loggedIn", "resting");
  }

  @Test
  void listedKeepsEveryAgentDeskListedWithZerosForTheIdleOnes() {
    List<DayRows> days = List.of(
        day(D1, row("absent").build(), row("busy").sessions(2, 0).firstResp(10, 2).ratings(1, 1).build(),
            row(null).sessions(9, 0).build()),
        day(D2, row("absent").nickname("Still absent").build(), row("busy").sessions(1, 0).firstResp(10, 1).build()));
    List<AgentStats> listed = Aggregation.listed(days);
    assertThat(listed).extracting(AgentStats::agentId).containsExactly("absent", "busy");
    AgentStats absent = only(listed, "absent");
    assertThat(absent.nickname()).isEqualTo("Still absent");
    assertThat(absent.totalSessions()).isZero();
    assertThat(absent.firstLoginTimestamp()).isZero();
    assertThat(absent.avgFirstRespTime()).isZero();
    assertThat(absent.satisfaction()).isEmpty();
    assertThat(Aggregation.active(absent)).isFalse();
    // The active list is the listed one without the idle: the same numbers, not a second combination.
    assertThat(Aggregation.aggregate(days)).containsExactly(only(listed, "busy"));
  }

  @Test
  void anAgentListedTwiceOnOneDayCountsOnceAndRowsWithoutAnIdAreIgnored() {
    List<AgentStats> agents = Aggregation.aggregate(List.of(
        day(D1, row("a").sessions(3, 0).build(), row("a").sessions(3, 0).build(), row(null).sessions(9, 0).build(),
            row("").sessions(9, 0).build()),
        day(D2, row("a").sessions(4, 0).build())));
    assertThat(agents).extracting(AgentStats::agentId).containsExactly("a");
    assertThat(agents.get(0).totalSessions()).isEqualTo(7);
  }

  @Test
  void agentsAreOrderedByAgentIdAndNoDaysMeansNoAgents() {
    List<AgentStats> agents = Aggregation.aggregate(List.of(
        day(D1, row("c").sessions(1, 0).build(), row("a").sessions(1, 0).build(), row("b").sessions(1, 0).build())));
    assertThat(agents).extracting(AgentStats::agentId).containsExactly("a", "b", "c");
    assertThat(Aggregation.aggregate(List.of())).isEmpty();
    assertThat(Aggregation.aggregate(List.of(day(D1)))).isEmpty();
  }

  @Test
  void oneDayKeepsDesksOwnAverages() {
    // Desk's sample row: 12 sessions, 2 unreplied, first 10 s, average 25 s, 1527 s in sessions.
    AgentRow meimei = new AgentRow("1289316652@qq.com", "Meimei", 1738923814, 1738934235, 3600, 300, 600, 12, 0, 8,
        10, 10, 1527, 450, 200, 150, 2, 10, 9, 25, 8, 300, 8, 6);
    AgentStats s = Aggregation.aggregate(List.of(day(D1, meimei))).get(0);
    assertThat(s.avgFirstRespTime()).isEqualTo(10.0);
    assertThat(s.avgRespTime()).isEqualTo(25.0);
    // The sample's own AvgAcceptTime (300) disagrees with its totals; SPEC §2 defines it as total / sessions.
    assertThat(s.avgAcceptTime()).isCloseTo(1527.0 / 12, within(1e-9));
    assertThat(s.firstLoginTimestamp()).isEqualTo(1738923814L);
    assertThat(s.lastLogoutTimestamp()).isEqualTo(1738934235L);
    assertThat(s.displayName()).isEqualTo("Meimei");
    assertThat(s.satisfaction()).hasValueCloseTo(0.75, within(1e-9));
  }
}
