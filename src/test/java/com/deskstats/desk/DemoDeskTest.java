package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoDeskTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T06:08:00Z"), ZoneOffset.UTC); // 14:08 CST
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  private final DemoDesk desk = new DemoDesk(CLOCK, ZONE);

  @Test
  void isMarkedAsSample() {
    assertThat(desk.sample()).isTrue();
  }

  @Test
  void sameInputsGiveSameRows() {
    DemoDesk other = new DemoDesk(Clock.fixed(CLOCK.instant(), ZoneOffset.UTC), ZONE);
    for (int ago = 0; ago < DemoDesk.DAYS; ago++) {
      LocalDate day = TODAY.minusDays(ago);
      assertThat(other.fetchDay(day, Set.of())).isEqualTo(desk.fetchDay(day, Set.of()));
    }
    assertThat(desk.fetchDay(TODAY.minusDays(3), Set.of())).isNotEqualTo(desk.fetchDay(TODAY.minusDays(4), Set.of()));
  }

  @Test
  void daysOutsideTheSixtyDaysHaveNoRows() {
    assertThat(desk.fetchDay(TODAY.minusDays(DemoDesk.DAYS - 1), Set.of())).isNotEmpty();
    assertThat(desk.fetchDay(TODAY.minusDays(DemoDesk.DAYS), Set.of())).isEmpty();
    assertThat(desk.fetchDay(TODAY.plusDays(1), Set.of())).isEmpty();
  }

  @Test
  void everyRowIsInternallyConsistent() {
    for (AgentRow r : all()) {
      assertThat(r.agentId()).contains("@");
      assertThat(r.notRespSessionCnt()).isBetween(0L, r.totalSessionCnt());
      long answered = r.totalSessionCnt() - r.notRespSessionCnt();
      assertThat(r.firstRespUnder30sCnt()).isBetween(0L, answered);
      assertThat(r.avgRespUnder30sCnt()).isBetween(0L, answered);
      assertThat(r.satisfiedCnt()).isBetween(0L, r.satisfactionSelectedCnt());
      assertThat(r.satisfactionSelectedCnt()).isBetween(0L, r.totalSessionCnt());
      assertThat(r.effectiveSessionCnt()).isBetween(0L, r.totalSessionCnt());
      assertThat(r.transferSessionCnt()).isBetween(0L, r.totalSessionCnt());
      assertThat(r.agentEndCnt()).isBetween(0L, r.totalSessionCnt());
      assertThat(r.serveUserCnt()).isBetween(0L, r.totalSessionCnt());
      assertThat(r.totalMsgCnt()).isGreaterThanOrEqualTo(r.agentMsgCnt() + r.userMsgCnt());
      assertThat(r.avgAcceptTime()).isEqualTo(r.totalSessionCnt() == 0 ? 0 : r.totalAcceptTime() / r.totalSessionCnt());
      if (answered == 0) assertThat(r.avgFirstRespTime()).isZero();
      else assertThat(r.avgFirstRespTime()).isPositive();
      assertThat(r.freeTime()).isNotNegative();
      assertThat(r.busyTime()).isNotNegative();
      assertThat(r.restTime()).isNotNegative();
      assertThat(r.firstLoginTimestamp()).isPositive();
      if (r.lastLogoutTimestamp() != 0) {
        assertThat(r.lastLogoutTimestamp() - r.firstLoginTimestamp()).isEqualTo(r.freeTime() + r.busyTime() + r.restTime());
      }
    }
  }

  @Test
  void todayIsPartialAndNothingHappensAfterNow() {
    long now = CLOCK.instant().getEpochSecond();
    List<AgentRow> today = desk.fetchDay(TODAY, Set.of());
    assertThat(today).isNotEmpty();
    assertThat(today).allSatisfy(r -> {
      assertThat(r.firstLoginTimestamp()).isLessThan(now);
      assertThat(r.lastLogoutTimestamp()).isLessThanOrEqualTo(now);
    });
    assertThat(today).anySatisfy(r -> assertThat(r.lastLogoutTimestamp()).as("still online").isZero());
  }

  @Test
  void teamHasTheCasesRealTeamsHave() {
    List<AgentRow> rows = all();
    Map<String, String> nick = new HashMap<>();
    Map<String, long[]> totals = new HashMap<>(); // sessions, unreplied, rated, satisfied, days
    for (AgentRow r : rows) {
      nick.put(r.agentId(), r.agentNickName());
      long[] t = totals.computeIfAbsent(r.agentId(), k -> new long[5]);
      t[0] += r.totalSessionCnt();
      t[1] += r.notRespSessionCnt();
      t[2] += r.satisfactionSelectedCnt();
      t[3] += r.satisfiedCnt();
      t[4]++;
    }
    assertThat(nick).hasSizeBetween(22, 28);
    assertThat(nick.values()).contains("李娜", "王伟", "<!channel> Bob", "");
    // one agent whose sessions all went unanswered
    assertThat(totals.values()).anySatisfy(t -> assertThat(t[0]).isPositive().isEqualTo(t[1]));
    // one agent with a single, perfect rating
    assertThat(totals.values()).anySatisfy(t -> assertThat(new long[] {t[2], t[3]}).containsExactly(1, 1));
    // strong and weak agents
    List<Double> satisfaction = new ArrayList<>();
    totals.values().stream().filter(t -> t[2] >= 50).forEach(t -> satisfaction.add((double) t[3] / t[2]));
    assertThat(satisfaction).anySatisfy(s -> assertThat(s).isGreaterThan(0.9));
    assertThat(satisfaction).anySatisfy(s -> assertThat(s).isLessThan(0.7));
    // part-timers are absent some days
    assertThat(totals.values()).anySatisfy(t -> assertThat(t[4]).isLessThan(DemoDesk.DAYS / 2));
    // weekends are quieter
    long weekday = 0, weekend = 0;
    int weekdays = 0, weekends = 0;
    for (int ago = 1; ago < DemoDesk.DAYS; ago++) {
      LocalDate d = TODAY.minusDays(ago);
      long s = desk.fetchDay(d, Set.of()).stream().mapToLong(AgentRow::totalSessionCnt).sum();
      if (d.getDayOfWeek().getValue() >= 6) { weekend += s; weekends++; } else { weekday += s; weekdays++; }
    }
    assertThat((double) weekend / weekends).isLessThan(0.7 * weekday / weekdays);
  }

  @Test
  void yesterdayShowsTheSinglePerfectRating() {
    AgentRow priya = desk.fetchDay(TODAY.minusDays(1), Set.of("priya.nair@deskdemo.example")).get(0);
    assertThat(priya.satisfactionSelectedCnt()).isEqualTo(1);
    assertThat(priya.satisfiedCnt()).isEqualTo(1);
  }

  @Test
  void filtersByAgentIds() {
    Set<String> wanted = Set.of("li.na@deskdemo.example", "WANG.WEI@deskdemo.example");
    Set<String> seen = new HashSet<>();
    for (int ago = 0; ago < 10; ago++) desk.fetchDay(TODAY.minusDays(ago), wanted).forEach(r -> seen.add(r.agentId()));
    assertThat(seen).containsExactlyInAnyOrder("li.na@deskdemo.example", "wang.wei@deskdemo.example");
    assertThat(desk.fetchDay(TODAY.minusDays(1), Set.of("nobody@x"))).isEmpty();
  }

  private List<AgentRow> all() {
    List<AgentRow> rows = new ArrayList<>();
    for (int ago = 0; ago < DemoDesk.DAYS; ago++) rows.addAll(desk.fetchDay(TODAY.minusDays(ago), Set.of()));
    return rows;
  }
}
