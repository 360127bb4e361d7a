package com.deskstats.stats;

import static com.deskstats.testing.StatsFakes.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LeaderboardsTest {

  // Expected bounds computed by hand with python3, z = 1.959964:
  //   p = k/n; (p + z²/2n − z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)
  @Test
  void wilsonUpperBoundMatchesHandComputedValuesAndExplainsTheRanking() {
    assertThat(Leaderboards.wilsonUpperBound(5, 6)).isCloseTo(0.969947, within(1e-5));
    assertThat(Leaderboards.wilsonUpperBound(0, 3)).isCloseTo(0.561497, within(1e-5));
    assertThat(Leaderboards.wilsonUpperBound(3, 3)).isEqualTo(1.0);
    assertThat(Leaderboards.wilsonUpperBound(0, 0)).isZero();
    // 95% (18/19) ranks below 90% (47/52): its interval is wider and reaches lower.
    assertThat(Leaderboards.wilsonLowerBound(18, 19)).isCloseTo(0.753613, within(1e-5)).isLessThan(
        Leaderboards.wilsonLowerBound(47, 52));
    assertThat(Leaderboards.wilsonUpperBound(47, 52)).isCloseTo(0.958226, within(1e-5));
  }

  @Test
  void wilsonLowerBoundMatchesHandComputedValues() {
    assertThat(Leaderboards.wilsonLowerBound(5, 6)).isCloseTo(0.436497, within(1e-4));
    assertThat(Leaderboards.wilsonLowerBound(1, 1)).isCloseTo(0.206549, within(1e-4));
    assertThat(Leaderboards.wilsonLowerBound(90, 100)).isCloseTo(0.825634, within(1e-4));
    assertThat(Leaderboards.wilsonLowerBound(3, 4)).isCloseTo(0.300642, within(1e-4));
    assertThat(Leaderboards.wilsonLowerBound(10, 10)).isCloseTo(0.722467, within(1e-4));
    assertThat(Leaderboards.wilsonLowerBound(0, 5)).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void wilsonLowerBoundOfNoRatingsIsZeroAndInconsistentCountsAreClamped() {
    assertThat(Leaderboards.wilsonLowerBound(0, 0)).isZero();
    assertThat(Leaderboards.wilsonLowerBound(7, 5)).isEqualTo(Leaderboards.wilsonLowerBound(5, 5));
    assertThat(Leaderboards.wilsonLowerBound(-2, 5)).isEqualTo(Leaderboards.wilsonLowerBound(0, 5));
  }

  @Property(tries = 300)
  void wilsonLowerBoundLiesBetweenZeroAndTheObservedShare(@ForAll @IntRange(min = 0, max = 5000) int positive,
      @ForAll @IntRange(min = 1, max = 5000) int total) {
    int k = Math.min(positive, total);
    double bound = Leaderboards.wilsonLowerBound(k, total);
    assertThat(bound).isBetween(0.0, (double) k / total + 1e-12);
  }

  @Test
  void satisfactionBoardIsOrderedByWilsonLowerBound() {
    List<AgentStats> agents = List.of(
        agent("a").ratings(3, 4).build(),     // 0.3006
        agent("b").ratings(5, 6).build(),     // 0.4365
        agent("c").ratings(90, 100).build(),  // 0.8256
        agent("d").ratings(10, 10).build());  // 0.7225
    List<Ranked> board = Leaderboards.satisfaction(agents, 3);
    assertThat(board).extracting(r -> r.agent().agentId()).containsExactly("c", "d", "b", "a");
    assertThat(board).extracting(Ranked::rank).containsExactly(1, 2, 3, 4);
  }

  @Test
  void agentsBelowMinRatingsAreNotOnTheSatisfactionBoard() {
    List<AgentStats> agents = List.of(
        agent("two").ratings(2, 2).build(),
        agent("three").ratings(2, 3).build(),
        agent("none").sessions(5, 0).build());
    assertThat(Leaderboards.satisfaction(agents, 3)).extracting(r -> r.agent().agentId()).containsExactly("three");
  }

  @Test
  void agentsWithZeroRatingsAreNeverRankedEvenWhenMinRatingsIsZero() {
    List<AgentStats> agents = List.of(agent("none").sessions(5, 0).build(), agent("one").ratings(0, 1).build());
    assertThat(Leaderboards.satisfaction(agents, 0)).extracting(r -> r.agent().agentId()).containsExactly("one");
  }

  @Test
  void equalBoundsRankMoreRatingsFirstThenAgentId() {
    // 0/3 and 0/5 both have a lower bound of 0: the larger sample goes first.
    // Two identical 5/6 records are split by AgentId.
    List<AgentStats> agents = List.of(
        agent("zed").ratings(5, 6).build(),
        agent("amy").ratings(5, 6).build(),
        agent("few").ratings(0, 3).build(),
        agent("many").ratings(0, 5).build());
    assertThat(Leaderboards.satisfaction(agents, 3)).extracting(r -> r.agent().agentId())
        .containsExactly("amy", "zed", "many", "few");
  }

  @Test
  void agentsWithNoSatisfiedRatingRankMoreRatingsFirstWhateverTheirCounts() {
    // Every 0/n has a Wilson lower bound of exactly 0; rounding must not lift 0/69 over 0/100.
    List<AgentStats> agents = List.of(
        agent("a69").ratings(0, 69).build(),
        agent("b100").ratings(0, 100).build(),
        agent("c3").ratings(0, 3).build());
    assertThat(Leaderboards.satisfaction(agents, 3)).extracting(r -> r.agent().agentId())
        .containsExactly("b100", "a69", "c3");
    for (int n = 1; n <= 1000; n++) assertThat(Leaderboards.wilsonLowerBound(0, n)).as("0/%d", n).isZero();
  }

  @Test
  void onePerfectRatingLosesToALargeStrongSample() {
    // 1/1 → 0.2065; 45/50 → 0.7864.
    List<AgentStats> agents = List.of(agent("lucky").ratings(1, 1).build(), agent("steady").ratings(45, 50).build());
    assertThat(Leaderboards.satisfaction(agents, 1)).extracting(r -> r.agent().agentId())
        .containsExactly("steady", "lucky");
    assertThat(Leaderboards.satisfaction(agents, 3)).extracting(r -> r.agent().agentId())
        .containsExactly("steady");
  }

  @Test
  void firstResponseBoardIsFastestFirstThenShareWithin30sThenAgentId() {
    List<AgentStats> agents = List.of(
        agent("slow").sessions(10, 0).firstResp(40, 2).build(),
        agent("fast").sessions(10, 0).firstResp(8, 10).build(),
        agent("tieLowShare").sessions(10, 0).firstResp(20, 5).build(),
        agent("tieHighShare").sessions(10, 0).firstResp(20, 9).build(),
        agent("tieB").sessions(4, 0).firstResp(25, 2).build(),
        agent("tieA").sessions(8, 0).firstResp(25, 4).build());
    List<Ranked> board = Leaderboards.firstResponse(agents);
    assertThat(board).extracting(r -> r.agent().agentId())
        .containsExactly("fast", "tieHighShare", "tieLowShare", "tieA", "tieB", "slow");
    assertThat(board).extracting(Ranked::rank).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void allUnansweredAgentsAreNeverRankedOnFirstResponse() {
    List<AgentStats> agents = List.of(
        agent("ghost").sessions(7, 7).firstResp(0, 0).build(),
        agent("idle").login(1_700_000_000L, 1_700_003_600L).build(),
        agent("real").sessions(3, 1).firstResp(55, 0).build());
    List<Ranked> board = Leaderboards.firstResponse(agents);
    assertThat(board).extracting(r -> r.agent().agentId()).containsExactly("real");
    assertThat(board.get(0).rank()).isEqualTo(1);
  }

  @Test
  void emptyTeamsMakeEmptyBoards() {
    assertThat(Leaderboards.satisfaction(List.of(), 3)).isEmpty();
    assertThat(Leaderboards.firstResponse(List.of())).isEmpty();
  }

  @Test
  void rankOfFindsAnAgentsPlaceOrNothing() {
    List<Ranked> board = Leaderboards.firstResponse(List.of(
        agent("a").sessions(1, 0).firstResp(30, 0).build(), agent("b").sessions(1, 0).firstResp(10, 1).build()));
    assertThat(Leaderboards.rankOf(board, "a")).hasValue(2);
    assertThat(Leaderboards.rankOf(board, "b")).hasValue(1);
    assertThat(Leaderboards.rankOf(board, "c")).isEmpty();
  }
}
