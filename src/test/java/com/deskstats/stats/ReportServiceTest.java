package com.deskstats.stats;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.deskstats.desk.DeskException;
import com.deskstats.testing.StatsFakes;
import com.deskstats.testing.StatsFakes.FakeDays;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportServiceTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  // 2026-11-25 01:30 in Shanghai, still 2026-11-24 in UTC.
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T17:30:00Z"), ZoneId.of("UTC"));
  private static final LocalDate MON = LocalDate.of(2026, 11, 23);
  private static final LocalDate TUE = MON.plusDays(1);
  // A period under a week is compared with the same days a week earlier.
  private static final LocalDate MON_BEFORE = MON.minusWeeks(1);
  private static final LocalDate TUE_BEFORE = TUE.minusWeeks(1);
  private static final Period PERIOD = new Period(MON, TUE);

  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private ReportService service(FakeDays days) {
    return new ReportService(days, SHANGHAI, 3, 10, CLOCK, pool);
  }

  private static FakeDays team() {
    return StatsFakes.days()
        .on(MON_BEFORE, row("ana").sessions(4, 0).firstResp(12, 4).ratings(2, 2).build(),
            row("bo").sessions(4, 2).firstResp(50, 0).build())
        .on(TUE_BEFORE, row("ana").sessions(2, 0).firstResp(18, 2).build())
        .on(MON, row("ana").nickname("Ana").sessions(10, 1).firstResp(20, 8).ratings(5, 6).build(),
            row("bo").nickname("Bo").sessions(6, 2).firstResp(15, 4).ratings(1, 1).build(),
            row("cy").nickname("Cy").sessions(3, 3).build())
        .on(TUE, row("ana").nickname("Ana Li").sessions(2, 0).firstResp(11, 2).ratings(1, 1).build(),
            row("bo").sessions(2, 0).firstResp(30, 1).ratings(2, 2).build(),
            row("dee").login(1_764_000_000L, 1_764_001_000L).build());
  }

  @Test
  void reportAsksForEveryDayOfThePeriodAndOfTheSameDaysAWeekEarlierOnce() throws Exception {
    FakeDays days = team();
    service(days).report(PERIOD);
    assertThat(days.requestCounts()).isEqualTo(Map.of(MON, 1, TUE, 1, MON_BEFORE, 1, TUE_BEFORE, 1));
  }

  @Test
  void aGroupReportRanksAndSumsOnlyTheGroupsAgentsFromTheSameDays() throws Exception {
    FakeDays days = team();
    ReportService service = service(days);
    Report team = service.report(PERIOD);
    Report group = service.report(PERIOD, Scope.group("tier1", java.util.Set.of("BO", " cy ")));
    assertThat(group.scope().group()).contains("tier1");
    assertThat(group.agents()).extracting(AgentStats::agentId).containsExactly("bo", "cy");
    assertThat(group.satisfaction()).extracting(x -> x.rank(), x -> x.agent().agentId()).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1, "bo"));
    assertThat(group.current().sessions()).isEqualTo(6 + 2 + 3);
    assertThat(group.previous().sessions()).isEqualTo(4);
    assertThat(team.scope()).isEqualTo(Scope.TEAM);
    // Switching scope re-reads the same days from the source (the cache), never more of them.
    assertThat(days.requestCounts()).isEqualTo(Map.of(MON, 2, TUE, 2, MON_BEFORE, 2, TUE_BEFORE, 2));
    assertThat(service.card(PERIOD, Scope.group("tier1", java.util.Set.of("bo")), "ana")).isEmpty();
    assertThat(service.card(PERIOD, Scope.group("tier1", java.util.Set.of("bo")), "bo")).get()
        .satisfies(c -> assertThat(c.satisfactionRank()).hasValue(1));
  }

  @Test
  void idleAgentsAreListedForTheExportButStayOffReportsBoardsSummariesAndCards() throws Exception {
    FakeDays days = team()
        .on(MON, row("ana").sessions(10, 1).firstResp(20, 8).ratings(5, 6).build(), row("bo").sessions(6, 2).build(),
            row("zed").nickname("Zed").build())
        .on(TUE, row("ana").sessions(2, 0).firstResp(11, 2).build(), row("zed").build());
    ReportService service = service(days);
    Report r = service.report(PERIOD);
    // Listing the idle agent costs no extra read of Desk: each day once, as for any report.
    assertThat(days.requestCounts()).isEqualTo(Map.of(MON, 1, TUE, 1, MON_BEFORE, 1, TUE_BEFORE, 1));

    assertThat(r.listed()).extracting(AgentStats::agentId).containsExactly("ana", "bo", "zed");
    assertThat(r.agents()).extracting(AgentStats::agentId).containsExactly("ana", "bo");
    assertThat(r.current().activeAgents()).isEqualTo(2);
    assertThat(r.satisfaction()).extracting(x -> x.agent().agentId()).doesNotContain("zed");
    assertThat(r.firstResponse()).extracting(x -> x.agent().agentId()).doesNotContain("zed");
    assertThat(r.needsAttention()).extracting(AgentStats::agentId).doesNotContain("zed");
    assertThat(ReportService.cardOf(r, "zed")).isEmpty();
    assertThat(service.card(PERIOD, "zed")).isEmpty();
  }

  @Test
  void reportCombinesTheDaysAndRanksTheAgents() throws Exception {
    Report r = service(team()).report(PERIOD);
    assertThat(r.period()).isEqualTo(PERIOD);
    assertThat(r.zone()).isEqualTo(SHANGHAI);
    assertThat(r.minRatings()).isEqualTo(3);
    assertThat(r.topN()).isEqualTo(10);
    assertThat(r.agents()).extracting(AgentStats::agentId).containsExactly("ana", "bo", "cy", "dee");
    assertThat(r.agents().get(0).nickname()).isEqualTo("Ana Li");
    // ana 6/7 → 0.4869; bo 3/3 → 0.4385.
    assertThat(r.satisfaction()).extracting(x -> x.agent().agentId()).containsExactly("ana", "bo");
    // ana (20·9 + 11·2) / 11 = 18.36 s; bo (15·4 + 30·2) / 6 = 20 s; cy answered nothing; dee had no session.
    assertThat(r.firstResponse()).extracting(x -> x.agent().agentId()).containsExactly("ana", "bo");
    assertThat(r.firstResponse().get(0).agent().avgFirstRespTime()).isCloseTo(202.0 / 11, within(1e-9));
    assertThat(r.needsAttention()).extracting(AgentStats::agentId).containsExactly("cy", "bo", "ana");
  }

  @Test
  void aTwoDayPeriodIsComparedWithTheSameDaysAWeekEarlier() throws Exception {
    Report r = service(team()).report(PERIOD);
    // Current: 23 sessions, 4 active, 9/10 satisfied, 17 answered, 6 unreplied.
    assertThat(r.current().sessions()).isEqualTo(23);
    assertThat(r.current().activeAgents()).isEqualTo(4);
    assertThat(r.current().satisfied()).isEqualTo(9);
    assertThat(r.current().rated()).isEqualTo(10);
    assertThat(r.current().answered()).isEqualTo(17);
    assertThat(r.current().unreplied()).isEqualTo(6);
    // Previous (Mon + Tue a week earlier): ana 6 sessions, bo 4 with 2 unreplied → 10 sessions, 2 agents, 8 answered,
    // first response (12·4 + 18·2 + 50·2) / 8 = 184 / 8 = 23.0.
    assertThat(r.previous().sessions()).isEqualTo(10);
    assertThat(r.previous().activeAgents()).isEqualTo(2);
    assertThat(r.previous().answered()).isEqualTo(8);
    assertThat(r.previous().avgFirstRespTime()).isCloseTo(23.0, within(1e-9));
    assertThat(r.previous().unreplied()).isEqualTo(2);
  }

  @Test
  void dataAgeIsTheNewestFetchOfThePeriodsDaysOnly() throws Exception {
    FakeDays days = team()
        .fetchedAt(MON, Instant.parse("2026-11-24T01:00:00Z"))
        .fetchedAt(TUE, Instant.parse("2026-11-24T17:00:00Z"))
        .fetchedAt(TUE_BEFORE, Instant.parse("2026-11-24T17:29:00Z"));
    assertThat(service(days).report(PERIOD).dataAsOf()).isEqualTo(Instant.parse("2026-11-24T17:00:00Z"));
  }

  @Test
  void sampleDataIsMarkedAsSample() throws Exception {
    assertThat(service(team()).report(PERIOD).sample()).isFalse();
    assertThat(service(team().sample(true)).report(PERIOD).sample()).isTrue();
  }

  @Test
  void anEmptyTeamMakesAnEmptyReport() throws Exception {
    Report r = service(StatsFakes.days()).report(Period.day(TUE));
    assertThat(r.agents()).isEmpty();
    assertThat(r.satisfaction()).isEmpty();
    assertThat(r.firstResponse()).isEmpty();
    assertThat(r.needsAttention()).isEmpty();
    assertThat(r.current()).isEqualTo(TeamSummary.EMPTY);
    assertThat(r.previous()).isEqualTo(TeamSummary.EMPTY);
  }

  @Test
  void aDeskFailureOnAnyDayReachesTheCallerUnchanged() {
    DeskException failure = new DeskException(DeskException.Kind.CREDENTIALS, 70003, "Check DESK_SECRET_KEY.");
    FakeDays days = team().failOn(MON_BEFORE, failure);
    assertThatThrownBy(() -> service(days).report(PERIOD)).isSameAs(failure);
    assertThatThrownBy(() -> service(days).card(PERIOD, "ana")).isSameAs(failure);
  }

  @Test
  void cardFindsTheAgentIgnoringCaseWithRanksAndMedians() throws Exception {
    AgentCard card = service(team()).card(PERIOD, "  BO ").orElseThrow();
    assertThat(card.agent().agentId()).isEqualTo("bo");
    assertThat(card.satisfactionRank()).hasValue(2);
    assertThat(card.firstResponseRank()).hasValue(2);
    // Sessions 12, 8, 3, 0 → (3 + 8) / 2.
    assertThat(card.medians().sessions()).hasValue(5.5);
    assertThat(card.report().agents()).hasSize(4);
  }

  @Test
  void cardOfABuiltReportCostsNoFetch() throws Exception {
    FakeDays days = team();
    Report report = service(days).report(PERIOD);
    int asked = days.requested().size();
    AgentCard card = ReportService.cardOf(report, "Ana").orElseThrow();
    assertThat(card.agent().agentId()).isEqualTo("ana");
    assertThat(card.satisfactionRank()).hasValue(1);
    assertThat(card.report()).isSameAs(report);
    assertThat(ReportService.cardOf(report, null)).isEmpty();
    assertThat(days.requested()).hasSize(asked);
  }

  @Test
  void cardOfAnAgentOffTheBoardsHasNoRanks() throws Exception {
    AgentCard card = service(team()).card(PERIOD, "cy").orElseThrow();
    assertThat(card.satisfactionRank()).isEmpty();
    assertThat(card.firstResponseRank()).isEmpty();
  }

  @Test
  void cardOfAnUnknownOrInactiveAgentIsEmpty() throws Exception {
    FakeDays days = team().on(TUE, row("ana").sessions(1, 0).build(), row("zed").build());
    assertThat(service(days).card(PERIOD, "nobody")).isEmpty();
    assertThat(service(days).card(PERIOD, "zed")).isEmpty();
    assertThat(service(days).card(PERIOD, " ")).isEmpty();
  }

  @Test
  void cardPrefersTheExactAgentIdOverOneThatDiffersOnlyInCase() throws Exception {
    FakeDays days = StatsFakes.days().on(TUE, row("Kim").sessions(1, 0).build(), row("kim").sessions(2, 0).build());
    ReportService service = service(days);
    assertThat(service.card(Period.day(TUE), "kim").orElseThrow().agent().agentId()).isEqualTo("kim");
    assertThat(service.card(Period.day(TUE), "Kim").orElseThrow().agent().agentId()).isEqualTo("Kim");
    assertThat(service.card(Period.day(TUE), "KIM")).isPresent();
  }

  @Test
  void todayIsTheDateInTheDeskTimeZone() {
    assertThat(service(team()).today()).isEqualTo(LocalDate.of(2026, 11, 25));
    assertThat(new ReportService(team(), ZoneId.of("UTC"), 3, 10, CLOCK, pool).today()).isEqualTo(LocalDate.of(2026, 11, 24));
  }

  @Test
  void daysAreFetchedInParallel() throws Exception {
    // Each fetch waits until two fetches are in flight: one at a time would never get there.
    CountDownLatch inFlight = new CountDownLatch(2);
    FakeDays rows = team();
    DaySource slow = new DaySource() {
      @Override
      public DayRows day(LocalDate day) throws DeskException {
        inFlight.countDown();
        try {
          if (!inFlight.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("fetches never overlapped");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return rows.day(day);
      }

      @Override
      public boolean sample() {
        return false;
      }
    };
    Report r = new ReportService(slow, SHANGHAI, 3, 10, CLOCK, pool).report(PERIOD);
    assertThat(r.agents()).hasSize(4);
  }

  @Test
  void theConvenienceConstructorFetchesWithItsOwnPool() throws Exception {
    FakeDays days = team();
    Report r = new ReportService(days, SHANGHAI, 3, 10, CLOCK).report(new Period(MON_BEFORE, TUE));
    assertThat(r.agents()).hasSize(4);
    assertThat(days.requestCounts()).hasSize(18); // nine days and the nine before
  }

  @Test
  void reportsOfEveryLengthAskForTwiceTheirDays() throws Exception {
    FakeDays days = StatsFakes.days();
    service(days).report(new Period(TUE.minusDays(30), TUE));
    List<LocalDate> asked = days.requested();
    assertThat(asked).hasSize(62).doesNotHaveDuplicates();
    assertThat(asked).allSatisfy(d -> assertThat(d).isBetween(TUE.minusDays(61), TUE));
  }

  @Test
  void aLaterDayThatFailsFailsTheReportWhileAnEarlierDayIsStillFetching() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean mondayAnswered = new AtomicBoolean();
    DeskException refused = new DeskException(DeskException.Kind.CREDENTIALS, 0, "Desk refused the credentials.");
    FakeDays rows = team().failOn(TUE, refused);
    DaySource mondayIsSlow = new DaySource() {
      @Override
      public DayRows day(LocalDate day) throws DeskException {
        if (day.equals(MON)) {
          try {
            // Bounded, so a report that waits for Monday ends (and fails below) instead of hanging.
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          mondayAnswered.set(true);
        }
        return rows.day(day);
      }

      @Override
      public boolean sample() {
        return false;
      }
    };
    try {
      assertThatThrownBy(() -> new ReportService(mondayIsSlow, SHANGHAI, 3, 10, CLOCK, pool).report(PERIOD))
          .isSameAs(refused);
      assertThat(mondayAnswered).as("Monday was still being fetched when the report failed").isFalse();
    } finally {
      release.countDown();
    }
  }
}
