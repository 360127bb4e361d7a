package com.deskstats.stats;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.StatsFakes;
import com.deskstats.testing.StatsFakes.FakeDays;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** The day the issue was measured: a Sunday. */
  private static final LocalDate SUNDAY = LocalDate.of(2026, 11, 29);

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Period parse(String text, LocalDate today) {
    return ((PeriodParse.Parsed) PeriodParser.parse(text, today)).period();
  }

  @ParameterizedTest(name = "{0} on {1} is compared with {2}")
  @CsvSource(delimiter = '|', value = {
      "yesterday               | 2026-11-29 | 2026-11-21",
      "today                   | 2026-11-29 | 2026-11-22",
      "2026-11-24              | 2026-11-29 | 2026-11-17",
      "2026-11-20..2026-11-22  | 2026-11-29 | 2026-11-13..2026-11-15",
      "3d                      | 2026-11-29 | 2026-11-19..2026-11-21",
      "last 6 days             | 2026-11-29 | 2026-11-16..2026-11-21",
      "last 7 days             | 2026-11-29 | 2026-11-15..2026-11-21",
      "14d                     | 2026-11-29 | 2026-11-01..2026-11-14",
      "2026-11-01..2026-11-30  | 2026-12-05 | 2026-10-02..2026-10-31",
      "this week               | 2026-11-25 | 2026-11-16..2026-11-18",
      "this week               | 2026-11-29 | 2026-11-16..2026-11-22",
      "last week               | 2026-11-29 | 2026-11-09..2026-11-15",
      "2026-03-08              | 2026-03-20 | 2026-03-01",
      "2026-03-15              | 2026-03-20 | 2026-03-08",
      "2026-11-01              | 2026-11-20 | 2026-10-25",
  })
  void everyPeriodFormHasItsComparison(String text, LocalDate today, String expected) {
    assertThat(Comparison.periodOf(parse(text.strip(), today)).token()).isEqualTo(expected);
  }

  @Test
  void aSaturdayIsComparedWithTheSaturdayBeforeNotTheFriday() {
    Period saturday = parse("yesterday", SUNDAY);
    assertThat(Comparison.periodOf(saturday).from().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
  }

  @Test
  void onlyAPeriodEndingTodayCutsItsComparisonAtTheSameClockTime() {
    LocalTime now = LocalTime.of(14, 5, 33, 120);
    assertThat(Comparison.cutOf(parse("today", SUNDAY), SUNDAY, now)).contains(LocalTime.of(14, 5, 33));
    assertThat(Comparison.cutOf(parse("this week", SUNDAY), SUNDAY, now)).contains(LocalTime.of(14, 5, 33));
    assertThat(Comparison.cutOf(parse("yesterday", SUNDAY), SUNDAY, now)).isEmpty();
    assertThat(Comparison.cutOf(parse("last week", SUNDAY), SUNDAY, now)).isEmpty();
  }

  @Test
  void theLabelNamesThePeriodAndTheCut() {
    Comparison whole = Comparison.of(Period.day(LocalDate.of(2026, 11, 28)), Optional.empty(), List.of(), List.of());
    Comparison partial = Comparison.of(Period.day(SUNDAY), Optional.of(LocalTime.of(14, 5)), List.of(), List.of());
    assertThat(whole.label()).isEqualTo("Sat 21 Nov 2026");
    assertThat(partial.label()).isEqualTo("Sun 22 Nov 2026 until 14:05");
  }

  @Test
  void todayReadsTheSameWeekdayLastWeekUpToTheSameTimeAndNothingElseOfThatDay() throws Exception {
    // 14:05:09 on Sunday 29 Nov in Shanghai.
    Clock clock = Clock.fixed(Instant.parse("2026-11-29T06:05:09Z"), ZoneId.of("UTC"));
    FakeDays days = StatsFakes.days()
        .on(SUNDAY, row("ana").sessions(5, 0).build())
        .on(SUNDAY.minusWeeks(1), row("ana").sessions(3, 0).build());
    Report r = new ReportService(days, SHANGHAI, 3, 10, clock, pool).report(Period.day(SUNDAY));
    assertThat(days.partials()).containsExactly("2026-11-22 until 14:05:09");
    assertThat(days.requestCounts()).isEqualTo(Map.of(SUNDAY, 1));
    assertThat(r.previous().sessions()).isEqualTo(3);
    assertThat(r.comparison().label()).isEqualTo("Sun 22 Nov 2026 until 14:05");
  }

  @Test
  void todayOnASpringForwardWeekComparesTheSameClockTimeInTheZone() throws Exception {
    // Sunday 15 Mar 2026 10:30 EDT; a week earlier was the day the clocks went forward.
    Clock clock = Clock.fixed(Instant.parse("2026-03-15T14:30:00Z"), ZoneId.of("UTC"));
    FakeDays days = StatsFakes.days();
    Report r = new ReportService(days, NEW_YORK, 3, 10, clock, pool).report(Period.day(LocalDate.of(2026, 3, 15)));
    assertThat(days.partials()).containsExactly("2026-03-08 until 10:30");
    assertThat(r.comparison().period()).isEqualTo(Period.day(LocalDate.of(2026, 3, 8)));
  }

  @Test
  void aWeekEndingTodayReadsTheWholeDaysBeforeAndCutsOnlyItsLastDay() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-29T06:05:00Z"), ZoneId.of("UTC"));
    FakeDays days = StatsFakes.days();
    new ReportService(days, SHANGHAI, 3, 10, clock, pool).report(parse("this week", SUNDAY));
    assertThat(days.partials()).containsExactly("2026-11-22 until 14:05");
    assertThat(days.requestCounts().keySet()).containsExactlyInAnyOrderElementsOf(
        new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 29)).dates().stream()
            .filter(d -> !d.equals(LocalDate.of(2026, 11, 22))).toList());
  }

  // ---------------------------------------------------------------- rank movement

  @Test
  void boardRowsMoveAgainstTheSameBoardOfTheComparisonPeriod() {
    LocalDate day = LocalDate.of(2026, 11, 28);
    DayRows now = new DayRows(day, List.of(
        row("eve").sessions(4, 0).firstResp(5, 4).build(),
        row("ana").sessions(4, 0).firstResp(10, 4).build(),
        row("bo").sessions(4, 0).firstResp(20, 4).build(),
        row("cy").sessions(4, 0).firstResp(30, 4).build(),
        row("dee").sessions(4, 0).firstResp(40, 4).build()), Instant.EPOCH);
    DayRows then = new DayRows(day.minusWeeks(1), List.of(
        row("bo").sessions(4, 0).firstResp(10, 4).build(),
        row("ana").sessions(4, 0).firstResp(20, 4).build(),
        row("cy").sessions(4, 0).firstResp(25, 4).build(),
        row("eve").sessions(4, 0).firstResp(35, 4).build()), Instant.EPOCH);
    Report r = new ReportService(StatsFakes.days(), SHANGHAI, 3, 10, Clock.systemUTC(), pool)
        .build(Period.day(day), List.of(now), List.of(then));
    assertThat(r.firstResponse()).extracting(x -> x.agent().agentId() + " " + r.comparison().firstResponseMove(x).text())
        .containsExactly("eve ▲3", "ana =", "bo ▼2", "cy ▼1", "dee new");
    assertThat(r.comparison().period()).isEqualTo(Period.day(day.minusWeeks(1)));
  }

  @Test
  void anAgentOffTheSatisfactionBoardThenIsNewOnItNow() {
    LocalDate day = LocalDate.of(2026, 11, 28);
    DayRows now = new DayRows(day, List.of(
        row("ana").sessions(10, 0).ratings(9, 10).build(), row("bo").sessions(10, 0).ratings(3, 3).build()), Instant.EPOCH);
    // bo had only two ratings a week earlier: under MIN_RATINGS, so not on that board.
    DayRows then = new DayRows(day.minusWeeks(1), List.of(
        row("ana").sessions(10, 0).ratings(5, 6).build(), row("bo").sessions(10, 0).ratings(2, 2).build()), Instant.EPOCH);
    Report r = new ReportService(StatsFakes.days(), SHANGHAI, 3, 10, Clock.systemUTC(), pool)
        .build(Period.day(day), List.of(now), List.of(then));
    assertThat(r.satisfaction()).extracting(x -> x.agent().agentId() + " " + r.comparison().satisfactionMove(x).text())
        .containsExactly("ana =", "bo new");
  }

  @Test
  void moveTextsAreArrowsWithPlacesEqualsOrNew() {
    assertThat(new Comparison.Move(2, false).text()).isEqualTo("▲2");
    assertThat(new Comparison.Move(-1, false).text()).isEqualTo("▼1");
    assertThat(new Comparison.Move(0, false).text()).isEqualTo("=");
    assertThat(Comparison.Move.NEW.text()).isEqualTo("new");
  }
}
