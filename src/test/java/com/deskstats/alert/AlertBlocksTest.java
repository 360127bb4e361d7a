package com.deskstats.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.testing.SlackLimits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AlertBlocksTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Instant DATA = Instant.parse("2026-11-25T06:05:00Z"); // 14:05 in Shanghai
  static final LocalDate DAY = LocalDate.of(2026, 11, 25);

  static Rule rule(AlertCondition c) {
    return new Rule(3, "C1", c, "U1", DATA);
  }

  static List<Transition.Named> agents(int n, boolean isNew) {
    List<Transition.Named> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new Transition.Named("a" + i + "@x", "Agent *" + i + "* <@U1>", 20 - i, isNew));
    return out;
  }

  @Test
  void aTeamAlertSaysWhatCrossedTheScopeTheAgentsTheTimeAndOpensTodaysReport() {
    AlertCondition c = new AlertCondition(Metric.UNREPLIED, Op.GT, 5, false, Optional.of("tier1"));
    ReportBlocks.Message m = AlertBlocks.message(new Transition.Fired(rule(c), DAY, 1, 7, agents(3, false), 0, DATA, false), ZONE);

    String json = ReportBlocks.toPrettyJson(m);
    assertThat(m.text()).isEqualTo("Unreplied sessions: 7 &gt; 5 (group tier1), data as of 14:05 Asia/Shanghai.");
    assertThat(json).contains("\"type\": \"header\"").contains("Unreplied sessions: 7 > 5\"")
        .contains("*Scope:* group `tier1` as a whole").contains("Largest contributors")
        .contains("Data as of 14:05 Asia/Shanghai, today (2026-11-25)")
        .contains("\"action_id\": \"deskstats_open\"").contains("\"value\": \"today group tier1\"");
    // Names cannot ping or restyle the message.
    assertThat(json).doesNotContain("<@U1>").contains("&lt;@U1&gt;").doesNotContain("Agent *0*");
    assertThat(SlackLimits.violations(ReportBlocks.toJson(m))).isEmpty();
  }

  @Test
  void aPerAgentAlertListsTheTopTenThenHowManyMore() {
    AlertCondition c = new AlertCondition(Metric.FIRST_RESPONSE, Op.GT, 60, true, Optional.empty());
    List<Transition.Named> named = agents(14, true);
    ReportBlocks.Message m = AlertBlocks.message(new Transition.Fired(rule(c), DAY, 1, 20, named, 14, DATA, true), ZONE);

    String json = ReportBlocks.toPrettyJson(m);
    assertThat(m.text()).startsWith("[Sample data] First response: 14 agents &gt; 1m 00s");
    assertThat(json).contains("*Over the line:* 14 new").contains("Agent ∗9∗").doesNotContain("Agent ∗10∗")
        .contains("…and 4 more").contains("_(new)_").contains("\"value\": \"today\"");
  }

  @Test
  void theRecoveryNoteGivesTheTimeAndTheValue() {
    AlertCondition team = new AlertCondition(Metric.SATISFACTION, Op.LT, 80, false, Optional.empty());
    ReportBlocks.Message t = AlertBlocks.message(
        new Transition.Recovered(rule(team), DAY, 1, OptionalDouble.of(85.2), List.of(), DATA), ZONE);
    assertThat(t.text()).isEqualTo("Back to normal at 14:05 Asia/Shanghai: satisfaction 85% (the alert was &lt; 80%).");

    AlertCondition each = new AlertCondition(Metric.UNREPLIED, Op.GE, 3, true, Optional.empty());
    ReportBlocks.Message e = AlertBlocks.message(
        new Transition.Recovered(rule(each), DAY, 1, OptionalDouble.of(2), agents(2, false), DATA), ZONE);
    assertThat(e.text()).startsWith("Back to normal at 14:05 Asia/Shanghai: every agent named is no longer &gt;= 3 (")
        .contains("20").doesNotContain("<@U1>");
  }

  @Test
  void deskNoticesArePlainSentences() {
    assertThat(AlertBlocks.message(new Transition.DeskDown("C1", 1, DATA, "Desk is not answering."), ZONE).text())
        .isEqualTo("desk-stats cannot read Desk: Desk is not answering. Alerts are paused since 14:05; this channel "
            + "hears when Desk can be read again.");
    assertThat(AlertBlocks.message(new Transition.DeskUp("C1", 1, DATA), ZONE).text())
        .isEqualTo("desk-stats can read Desk again (14:05): alerts are back on.");
  }
}
