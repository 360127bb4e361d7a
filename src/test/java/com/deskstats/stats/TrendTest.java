package com.deskstats.stats;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.StatsFakes;
import com.deskstats.testing.StatsFakes.FakeDays;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrendTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Values; NaN stands for a day without data. */
  private static List<OptionalDouble> days(double... v) {
    return Arrays.stream(v).mapToObj(x -> Double.isNaN(x) ? OptionalDouble.empty() : OptionalDouble.of(x)).toList();
  }

  @Test
  void aLineRunsLinearlyFromItsOwnLowestToItsHighestDay() {
    assertThat(Trend.sparkline(days(0, 1, 2, 3, 4, 5, 6, 7))).isEqualTo("▁▂▃▄▅▆▇█");
    assertThat(Trend.sparkline(days(100, 107, 103.5))).isEqualTo("▁█▅");
    assertThat(Trend.sparkline(days(7, 6, 5, 4, 3, 2, 1, 0))).isEqualTo("█▇▆▅▄▃▂▁");
  }

  @Test
  void aDayWithoutDataIsASpace() {
    double none = Double.NaN;
    assertThat(Trend.sparkline(days(none, 10, none, 20, none))).isEqualTo(" ▁ █ ");
    assertThat(Trend.sparkline(days(none, none))).isEqualTo("  ");
  }

  @Test
  void aFlatLineIsAllMiddleBlocksAndKeepsItsGaps() {
    assertThat(Trend.sparkline(days(0.9, 0.9, Double.NaN, 0.9))).isEqualTo("▄▄ ▄");
    assertThat(Trend.sparkline(days(5))).isEqualTo("▄");
  }

  @Test
  void cardTrendsCoverTheFourteenDaysEndingWithThePeriodFromTheSameCache() throws Exception {
    LocalDate to = LocalDate.of(2026, 11, 24);
    FakeDays source = StatsFakes.days();
    for (int i = 0; i < AgentTrends.DAYS; i++) {
      LocalDate d = to.minusDays(i);
      if (i == 3) continue; // a day off: no row at all
      source.on(d, row("ana").sessions(14 - i, 0).firstResp(10 + i, 1).ratings(i % 2 == 0 ? 0 : 1, i % 2 == 0 ? 0 : 1).build(),
          row("bo").sessions(1, 0).build());
    }
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneId.of("UTC"));
    AgentCard card = new ReportService(source, ZoneId.of("Asia/Shanghai"), 3, 10, clock, pool)
        .card(Period.day(to), "ana").orElseThrow();
    AgentTrends t = card.trends();
    assertThat(t.sessions().from()).isEqualTo(to.minusDays(13));
    assertThat(t.sessions().to()).isEqualTo(to);
    // Sessions 1..14 rising, the day three before the end missing.
    assertThat(t.sessions().line()).isEqualTo("▁▂▂▃▃▄▄▅▅▆ ▇▇█");
    // Rated on every other day only: a flat line with gaps.
    assertThat(t.satisfaction().line()).isEqualTo("▄ ▄ ▄ ▄ ▄   ▄ ");
    assertThat(t.firstResponse().line()).startsWith("█").endsWith("▁");
    // Each day read once, the period and its comparison included.
    assertThat(source.requestCounts()).allSatisfy((d, n) -> assertThat(n).isEqualTo(1));
    assertThat(source.requestCounts()).containsKeys(to.minusDays(13), to.minusWeeks(1), to);
  }
}
