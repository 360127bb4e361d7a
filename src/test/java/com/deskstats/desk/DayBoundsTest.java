package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DayBoundsTest {

  @Test
  void shanghaiDayMatchesTheDocSample() {
    DayBounds b = DayBounds.of(LocalDate.of(2025, 1, 13), ZoneId.of("Asia/Shanghai"));
    assertThat(b.from()).isEqualTo(1736697600L);
    assertThat(b.to()).isEqualTo(1736783999L);
    // The doc's two-day sample ends at 1736870399: the end of the 14th.
    assertThat(DayBounds.of(LocalDate.of(2025, 1, 14), ZoneId.of("Asia/Shanghai")).to()).isEqualTo(1736870399L);
  }

  @Test
  void springForwardDayIsTwentyThreeHours() {
    DayBounds b = DayBounds.of(LocalDate.of(2026, 3, 8), ZoneId.of("America/New_York"));
    assertThat(b.from()).isEqualTo(1772946000L); // 2026-03-08T00:00-05:00
    assertThat(b.to() - b.from() + 1).isEqualTo(23 * 3600);
    assertThat(b.to()).isEqualTo(1773028799L); // 2026-03-08T23:59:59-04:00
  }

  @Test
  void fallBackDayIsTwentyFiveHours() {
    DayBounds b = DayBounds.of(LocalDate.of(2026, 11, 1), ZoneId.of("America/New_York"));
    assertThat(b.from()).isEqualTo(1793505600L); // 2026-11-01T00:00-04:00
    assertThat(b.to() - b.from() + 1).isEqualTo(25 * 3600);
    assertThat(b.to()).isEqualTo(1793595599L); // 2026-11-01T23:59:59-05:00
  }

  @Test
  void consecutiveDaysTouchWithoutGapOrOverlap() {
    ZoneId ny = ZoneId.of("America/New_York");
    LocalDate d = LocalDate.of(2026, 3, 7);
    for (int i = 0; i < 3; i++, d = d.plusDays(1)) {
      assertThat(DayBounds.of(d.plusDays(1), ny).from()).isEqualTo(DayBounds.of(d, ny).to() + 1);
    }
  }

  @Test
  void partialDayEndsAtTheSameClockTimeEvenOnASpringForwardDay() {
    ZoneId ny = ZoneId.of("America/New_York");
    DayBounds b = DayBounds.until(LocalDate.of(2026, 3, 8), java.time.LocalTime.of(14, 5), ny);
    assertThat(b.from()).isEqualTo(1772946000L);
    // 14:05 EDT is 18:05 UTC: 13 h 05 min after a midnight that was still EST.
    assertThat(b.to()).isEqualTo(1772993100L);
    assertThat(b.to() - b.from()).isEqualTo(13 * 3600 + 5 * 60);
  }

  @Test
  void partialDayInTheSkippedHourMovesForwardAndNeverPassesTheDaysEnd() {
    ZoneId ny = ZoneId.of("America/New_York");
    LocalDate d = LocalDate.of(2026, 3, 8);
    // 02:30 does not exist that day: Java reads it as 03:30 EDT, 07:30 UTC.
    assertThat(DayBounds.until(d, java.time.LocalTime.of(2, 30), ny).to()).isEqualTo(1772955000L);
    assertThat(DayBounds.until(d, java.time.LocalTime.MAX, ny).to()).isEqualTo(DayBounds.of(d, ny).to());
  }
}
