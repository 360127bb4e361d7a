package com.deskstats.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.alert.Evaluator;
import com.deskstats.desk.DemoDesk;
import com.deskstats.desk.DeskException;
import com.deskstats.stats.DirectDays;
import com.deskstats.stats.Groups;
import com.deskstats.testing.FakeGroups;
import com.deskstats.testing.StatsFakes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertPreviewTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Evaluator.Params PARAMS = new Evaluator.Params(3, Duration.ofHours(1));

  record Printed(int code, String out, String err) {}

  static Printed run(String rule, Clock clock, com.deskstats.stats.DaySource days, Groups groups, boolean json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AlertPreview.run(new AlertPreview.Options(rule, true, json, false), days, groups, ZONE, PARAMS,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    return new Printed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Clock at(int hour) {
    return Clock.fixed(LocalDateTime.of(2026, 11, 25, hour, 0).atZone(ZONE).toInstant(), ZoneOffset.UTC);
  }

  static Printed demo(String rule, int hour) {
    Clock clock = at(hour);
    return run(rule, clock, new DirectDays(new DemoDesk(clock, ZONE), clock), Groups.NONE, false);
  }

  @Test
  void theDemoTeamsGrowingDayFiresARuleInTheAfternoonThatHeldNothingInTheMorning() {
    Printed morning = demo("unreplied > 5", 9);
    Printed afternoon = demo("unreplied > 5", 16);

    assertThat(morning.code()).isZero();
    assertThat(morning.out()).startsWith("Nothing would be posted: unreplied sessions for the team: ")
        .contains("not > 5 (data as of 09:00 Asia/Shanghai)");
    assertThat(afternoon.code()).isZero();
    assertThat(afternoon.out()).startsWith("Would post to the rule's channel:")
        .contains("[Sample data] Unreplied sessions: ").contains("Largest contributors")
        .contains("Data as of 16:00 Asia/Shanghai").contains("[Open today's report]");
  }

  @Test
  void aPerAgentRuleNamesTheAgentsOrTheNearestOne() {
    assertThat(demo("first-response > 20s per agent", 16).out()).contains("agents > 20s").contains("(new)");
    assertThat(demo("first-response > 10m per agent", 16).out())
        .startsWith("Nothing would be posted: no agent of the team is > 10m 00s today; the nearest is ");
  }

  @Test
  void jsonIsTheBlockKitSlackWouldGet() {
    Clock clock = at(16);
    Printed p = run("sessions >= 1", clock, new DirectDays(new DemoDesk(clock, ZONE), clock), Groups.NONE, true);
    assertThat(p.out()).contains("\"type\": \"header\"").contains("\"action_id\": \"deskstats_open\"");
  }

  @Test
  void aRuleTheBotDoesNotUnderstandIsOneSentenceAndCostsNoDeskCall() {
    StatsFakes.FakeDays days = StatsFakes.days();
    Printed p = run("satisfaction < 150%", at(16), days, Groups.NONE, false);
    assertThat(p.code()).isEqualTo(2);
    assertThat(p.err()).startsWith("'150%' is more than 100%").contains("as in `alert satisfaction < 80%`");
    Printed g = run("unreplied > 5 group night", at(16), days, new FakeGroups().put("tier1", "a"), false);
    assertThat(g.code()).isEqualTo(2);
    assertThat(g.err()).isEqualTo("There is no group night; the groups are tier1.\n");
    assertThat(days.requested()).isEmpty();
  }

  @Test
  void deskFailingIsSaidAndExitsOne() {
    StatsFakes.FakeDays days = StatsFakes.days().failOn(LocalDate.of(2026, 11, 25),
        new DeskException(DeskException.Kind.CREDENTIALS, 70003, "Desk rejected the credentials."));
    Printed p = run("unreplied > 5", at(16), days, Groups.NONE, false);
    assertThat(p.code()).isEqualTo(1);
    assertThat(p.err()).isEqualTo("Desk could not be read, so nothing would be posted: Desk rejected the credentials.\n");
  }

  @Test
  void theCommandLineNeedsARule() {
    assertThatThrownBy(() -> AlertPreview.parseArgs(List.of("--demo"))).isInstanceOf(Preview.UsageException.class);
    assertThat(AlertPreview.parseArgs(List.of("unreplied", ">", "5", "--demo")))
        .isEqualTo(new AlertPreview.Options("unreplied > 5", true, false, false));
  }
}
