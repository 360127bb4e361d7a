package com.deskstats.stats;

import static com.deskstats.testing.StatsFakes.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TeamMetricsTest {

  private static final AgentStats A = agent("a").sessions(10, 2).firstResp(10, 7).resp(20, 6).accept(1000, 100)
      .ratings(3, 4).servedUsers(9).messages(100, 60, 40).build();
  private static final AgentStats B = agent("b").sessions(5, 1).firstResp(40, 1).resp(50, 1).accept(800, 160)
      .ratings(2, 2).servedUsers(5).messages(50, 20, 30).build();
  private static final AgentStats C = agent("c").sessions(3, 3).accept(90, 30).servedUsers(3).messages(10, 0, 10).build();
  private static final AgentStats D = agent("d").sessions(7, 0).firstResp(20, 7).resp(25, 7).accept(700, 100)
      .ratings(1, 4).servedUsers(7).messages(70, 35, 35).build();

  @Test
  void summaryAddsUpTheTeamAndAveragesFirstResponseOverAnsweredSessions() {
    // Sessions 10 + 5 + 3 = 18; answered 8 + 4 + 0 = 12; first response (10·8 + 40·4) / 12 = 20.0.
    TeamSummary s = TeamMetrics.summary(List.of(A, B, C));
    assertThat(s.sessions()).isEqualTo(18);
    assertThat(s.activeAgents()).isEqualTo(3);
    assertThat(s.satisfied()).isEqualTo(5);
    assertThat(s.rated()).isEqualTo(6);
    assertThat(s.answered()).isEqualTo(12);
    assertThat(s.avgFirstRespTime()).isCloseTo(20.0, within(1e-9));
    assertThat(s.firstRespUnder30s()).isEqualTo(8);
    assertThat(s.unreplied()).isEqualTo(6);
    assertThat(s.satisfaction()).hasValueCloseTo(5.0 / 6, within(1e-9));
    assertThat(s.firstRespUnder30Share()).hasValueCloseTo(8.0 / 12, within(1e-9));
  }

  @Test
  void summaryOfAnEmptyTeamIsAllZerosWithNoRates() {
    TeamSummary s = TeamMetrics.summary(List.of());
    assertThat(s).isEqualTo(TeamSummary.EMPTY);
    assertThat(s.satisfaction()).isEmpty();
    assertThat(s.firstResponse()).isEmpty();
    assertThat(s.firstRespUnder30Share()).isEmpty();
  }

  @Test
  void needsAttentionListsAgentsWithUnrepliedSessionsMostFirstThenByAgentId() {
    AgentStats e = agent("e").sessions(4, 2).build();
    assertThat(TeamMetrics.needsAttention(List.of(A, B, C, D, e))).extracting(AgentStats::agentId)
        .containsExactly("c", "a", "e", "b");
    assertThat(TeamMetrics.needsAttention(List.of(D))).isEmpty();
  }

  @Test
  void mediansOfAnOddCountTakeTheMiddleValue() {
    // Sessions 10, 5, 3 → 5. Satisfaction over rated agents only: 3/4, 2/2 → (0.75 + 1) / 2.
    // First response over answering agents only (c answered none): 10, 40 → 25.
    TeamMedians m = TeamMetrics.medians(List.of(A, B, C));
    assertThat(m.sessions()).hasValue(5.0);
    assertThat(m.satisfaction()).hasValueCloseTo(0.875, within(1e-9));
    assertThat(m.avgFirstRespTime()).hasValue(25.0);
    assertThat(m.firstRespUnder30Share()).hasValueCloseTo((7.0 / 8 + 1.0 / 4) / 2, within(1e-9));
    assertThat(m.avgRespTime()).hasValue(35.0);
    assertThat(m.avgAcceptTime()).hasValue(100.0);
    assertThat(m.unreplied()).hasValue(2.0);
    assertThat(m.servedUsers()).hasValue(5.0);
    assertThat(m.agentMessages()).hasValue(20.0);
  }

  @Test
  void mediansOfAnEvenCountAverageTheMiddleTwo() {
    // Sessions 3, 5, 7, 10 → (5 + 7) / 2 = 6. Satisfaction 0.25, 0.75, 1 → 0.75.
    // First response 10, 20, 40 → 20. Unreplied 0, 1, 2, 3 → 1.5.
    TeamMedians m = TeamMetrics.medians(List.of(A, B, C, D));
    assertThat(m.sessions()).hasValue(6.0);
    assertThat(m.satisfaction()).hasValueCloseTo(0.75, within(1e-9));
    assertThat(m.avgFirstRespTime()).hasValue(20.0);
    assertThat(m.unreplied()).hasValue(1.5);
    assertThat(m.agentMessages()).hasValue(27.5);
  }

  @Test
  void aMetricNoAgentHasHasNoMedian() {
    TeamMedians none = TeamMetrics.medians(List.of());
    assertThat(List.of(none.sessions(), none.satisfaction(), none.avgFirstRespTime(), none.firstRespUnder30Share(),
        none.avgRespTime(), none.avgAcceptTime(), none.unreplied(), none.servedUsers(), none.agentMessages()))
        .allSatisfy(v -> assertThat(v).isEmpty());
    TeamMedians unratedSilent = TeamMetrics.medians(List.of(C));
    assertThat(unratedSilent.satisfaction()).isEmpty();
    assertThat(unratedSilent.avgFirstRespTime()).isEmpty();
    assertThat(unratedSilent.sessions()).hasValue(3.0);
  }

  @Test
  void medianOfRawValues() {
    assertThat(TeamMetrics.median(new double[] {})).isEmpty();
    assertThat(TeamMetrics.median(new double[] {4})).hasValue(4.0);
    assertThat(TeamMetrics.median(new double[] {9, 1, 5})).hasValue(5.0);
    assertThat(TeamMetrics.median(new double[] {9, 1, 5, 2})).hasValue(3.5);
  }

  @Property(tries = 300)
  void medianAgreesWithSortingForAnyValues(@ForAll @Size(max = 60) List<@IntRange(min = -5, max = 5) Integer> ints) {
    double[] values = ints.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      assertThat(TeamMetrics.median(values)).isEmpty();
    } else {
      double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      assertThat(TeamMetrics.median(values)).hasValue(expected);
    }
  }
}
