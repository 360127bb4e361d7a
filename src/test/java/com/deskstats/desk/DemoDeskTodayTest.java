package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sample team's today grows with the clock, so an alert can be seen firing in a demo (DESK_DEMO=true). */
class DemoDeskTodayTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final LocalDate DAY = LocalDate.of(2026, 11, 25); // a Wednesday

  static long[] totals(LocalTime at) {
    Clock clock = Clock.fixed(DAY.atTime(at).atZone(ZONE).toInstant(), ZoneOffset.UTC);
    List<AgentRow> rows = new DemoDesk(clock, ZONE).fetchDay(DAY, Set.of());
    return new long[] {
        rows.stream().mapToLong(AgentRow::totalSessionCnt).sum(),
        rows.stream().mapToLong(AgentRow::notRespSessionCnt).sum()};
  }

  @Test
  void todaysSessionsAndUnrepliedRiseThroughTheDayAndNeverFall() {
    long[] previous = {0, 0};
    for (int hour = 6; hour <= 23; hour++) {
      long[] now = totals(LocalTime.of(hour, 0));
      assertThat(now[0]).as("sessions at %02d:00", hour).isGreaterThanOrEqualTo(previous[0]);
      assertThat(now[1]).as("unreplied at %02d:00", hour).isGreaterThanOrEqualTo(previous[1]);
      previous = now;
    }
    long[] morning = totals(LocalTime.of(9, 30));
    long[] afternoon = totals(LocalTime.of(15, 0));
    assertThat(afternoon[0]).isGreaterThan(morning[0] + 100);
    assertThat(afternoon[1]).as("a rule like 'unreplied > 5' fires during the day").isGreaterThan(5)
        .isGreaterThan(morning[1]);
  }
}
