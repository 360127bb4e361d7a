package com.deskstats.alert;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.AgentRow;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z"); // 10:00 in Shanghai
  static final Evaluator.Params PARAMS = new Evaluator.Params(3, Duration.ofHours(1));

  /** Runs evaluations in a row, keeping states and health as the job does. */
  static final class Run {
    final List<Evaluator.Target> targets = new ArrayList<>();
    Map<Long, RuleState> states = new HashMap<>();
    DeskHealth health = DeskHealth.OK;

    Run rule(long id, String channel, AlertCondition c) {
      targets.add(new Evaluator.Target(new Rule(id, channel, c, "U1", T0), Optional.of(Scope.TEAM)));
      return this;
    }

    List<Transition> at(Instant now, LocalDate day, AgentRow... rows) {
      return apply(Evaluator.evaluate(targets, new Evaluator.Reading.Rows(new DayRows(day, List.of(rows), now), false),
          states, health, now, PARAMS));
    }

    List<Transition> at(Instant now, AgentRow... rows) {
      return at(now, DAY, rows);
    }

    List<Transition> failed(Instant now) {
      return apply(Evaluator.evaluate(targets, new Evaluator.Reading.Failed("Desk did not answer."), states, health,
          now, PARAMS));
    }

    private List<Transition> apply(Evaluator.Result r) {
      states = r.states();
      health = r.health();
      return r.transitions();
    }
  }

  static AlertCondition team(Metric m, Op op, double threshold) {
    return new AlertCondition(m, op, threshold, false, Optional.empty());
  }

  static AlertCondition perAgent(Metric m, Op op, double threshold) {
    return new AlertCondition(m, op, threshold, true, Optional.empty());
  }

  static AgentRow unreplied(String id, long n) {
    return row(id).nickname("Nick " + id).sessions(n + 10, n).build();
  }

  static Instant min(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void crossingPostsOnceAndHoldingPostsNothing() {
    Run run = new Run().rule(1, "C1", team(Metric.UNREPLIED, Op.GT, 5));

    assertThat(run.at(min(0), unreplied("a", 3), unreplied("b", 2))).isEmpty();
    List<Transition> crossed = run.at(min(10), unreplied("a", 4), unreplied("b", 3));
    assertThat(run.at(min(20), unreplied("a", 6), unreplied("b", 3))).isEmpty();
    assertThat(run.at(min(30), unreplied("a", 9), unreplied("b", 3))).isEmpty();

    assertThat(crossed).singleElement().isInstanceOfSatisfying(Transition.Fired.class, f -> {
      assertThat(f.value()).isEqualTo(7);
      assertThat(f.key()).isEqualTo("rule:1:2026-11-25:1:fired");
      assertThat(f.named()).extracting(Transition.Named::agentId).containsExactly("a", "b");
      assertThat(AlertBlocks.headline(f)).isEqualTo("Unreplied sessions: 7 > 5");
    });
    assertThat(run.states.get(1L).firing()).isTrue();
    assertThat(run.states.get(1L).value()).hasValue(12);
  }

  @Test
  void recoveryAnswersTheAlertItBelongsTo() {
    Run run = new Run().rule(1, "C1", team(Metric.FIRST_RESPONSE, Op.GT, 60));
    AgentRow slow = row("a").sessions(10, 0).firstResp(90, 2).build();
    AgentRow fast = row("a").sessions(20, 0).firstResp(40, 15).build();

    run.at(min(0), slow);
    List<Transition> back = run.at(min(10), fast);

    assertThat(back).singleElement().isInstanceOfSatisfying(Transition.Recovered.class, r -> {
      assertThat(r.firedKey()).isEqualTo("rule:1:2026-11-25:1:fired");
      assertThat(r.key()).isEqualTo("rule:1:2026-11-25:1:recovered");
      assertThat(r.value()).hasValue(40);
      assertThat(r.dataAt()).isEqualTo(min(10));
    });
    assertThat(run.states.get(1L).firing()).isFalse();
    assertThat(run.at(min(20), fast)).isEmpty();
  }

  @Test
  void aSecondCrossingWithinTheCooldownPostsNothingAndAfterItPostsAgain() {
    Run run = new Run().rule(1, "C1", team(Metric.UNREPLIED, Op.GT, 5));

    assertThat(run.at(min(0), unreplied("a", 6))).hasOnlyElementsOfType(Transition.Fired.class).hasSize(1);
    assertThat(run.at(min(10), unreplied("a", 0))).hasOnlyElementsOfType(Transition.Recovered.class).hasSize(1);
    assertThat(run.at(min(20), unreplied("a", 6))).as("crossed again 20 minutes after the alert").isEmpty();
    assertThat(run.at(min(59), unreplied("a", 7))).isEmpty();
    List<Transition> again = run.at(min(60), unreplied("a", 8));

    assertThat(again).singleElement().isInstanceOfSatisfying(Transition.Fired.class, f -> {
      assertThat(f.seq()).isEqualTo(2);
      assertThat(f.value()).isEqualTo(8);
    });
  }

  @Test
  void aNewDeskDayStartsEveryRuleFresh() {
    Run run = new Run().rule(1, "C1", team(Metric.SESSIONS, Op.GE, 10));
    run.at(min(0), row("a").sessions(12, 0).build());
    assertThat(run.states.get(1L).firing()).isTrue();

    LocalDate tomorrow = DAY.plusDays(1);
    Instant nextMorning = min(24 * 60);
    // Yesterday's alert gets no recovery note: the new day starts from nothing.
    assertThat(run.at(nextMorning, tomorrow, row("a").sessions(3, 0).build())).isEmpty();
    assertThat(run.states.get(1L).day()).isEqualTo(tomorrow);
    assertThat(run.states.get(1L).posts()).isZero();
    // And within what would have been yesterday's cooldown, a crossing today posts at once.
    List<Transition> fired = run.at(nextMorning.plusSeconds(60), tomorrow, row("a").sessions(11, 0).build());
    assertThat(fired).singleElement().isInstanceOfSatisfying(Transition.Fired.class,
        f -> assertThat(f.key()).isEqualTo("rule:1:2026-11-26:1:fired"));
  }

  @Test
  void perAgentRulesNameEachNewlyBreachingAgentInOnePostPerEvaluation() {
    Run run = new Run().rule(1, "C1", perAgent(Metric.UNREPLIED, Op.GT, 2));

    List<Transition> first = run.at(min(0), unreplied("a", 3), unreplied("b", 5), unreplied("c", 1));
    List<Transition> second = run.at(min(10), unreplied("a", 4), unreplied("b", 5), unreplied("c", 3));
    List<Transition> none = run.at(min(20), unreplied("a", 4), unreplied("b", 6), unreplied("c", 3));

    assertThat(first).singleElement().isInstanceOfSatisfying(Transition.Fired.class, f -> {
      assertThat(f.named()).extracting(Transition.Named::agentId).containsExactly("b", "a");
      assertThat(f.newly()).isEqualTo(2);
      assertThat(AlertBlocks.headline(f)).isEqualTo("Unreplied sessions: 2 agents > 2");
    });
    assertThat(second).singleElement().isInstanceOfSatisfying(Transition.Fired.class, f -> {
      assertThat(f.newly()).isEqualTo(1);
      assertThat(f.named()).extracting(Transition.Named::agentId, Transition.Named::isNew)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("c", true), org.assertj.core.groups.Tuple.tuple("b", false),
              org.assertj.core.groups.Tuple.tuple("a", false));
    });
    assertThat(none).isEmpty();
  }

  @Test
  void aPerAgentAlertRecoversOnceEveryAgentItNamedIsBackAndEachAgentHasItsOwnCooldown() {
    Run run = new Run().rule(1, "C1", perAgent(Metric.UNREPLIED, Op.GT, 2));
    run.at(min(0), unreplied("a", 3), unreplied("b", 3));

    assertThat(run.at(min(10), unreplied("a", 0), unreplied("b", 3))).as("b is still over").isEmpty();
    List<Transition> back = run.at(min(20), unreplied("a", 0), unreplied("b", 1));
    assertThat(back).singleElement().isInstanceOfSatisfying(Transition.Recovered.class, r -> {
      assertThat(r.seq()).isEqualTo(1);
      assertThat(r.named()).extracting(Transition.Named::agentId).containsExactly("a", "b");
      assertThat(r.value()).hasValue(1);
    });
    // a comes back over inside its cooldown: nothing; c, never posted, is over: a post naming c alone.
    List<Transition> next = run.at(min(30), unreplied("a", 5), unreplied("b", 1), unreplied("c", 4));
    assertThat(next).singleElement().isInstanceOfSatisfying(Transition.Fired.class,
        f -> assertThat(f.named()).extracting(Transition.Named::agentId).containsExactly("c"));
    List<Transition> later = run.at(min(61), unreplied("a", 5), unreplied("b", 1), unreplied("c", 4));
    assertThat(later).singleElement().isInstanceOfSatisfying(Transition.Fired.class, f -> {
      assertThat(f.named()).extracting(Transition.Named::agentId).containsExactly("a", "c");
      assertThat(f.newly()).isEqualTo(1);
    });
  }

  @Test
  void satisfactionNeedsMinRatingsInItsScopeBeforeItCanHold() {
    Run team = new Run().rule(1, "C1", team(Metric.SATISFACTION, Op.LT, 80));
    assertThat(team.at(min(0), row("a").sessions(5, 0).ratings(0, 1).build(), row("b").sessions(5, 0).ratings(1, 1).build()))
        .as("2 ratings, MIN_RATINGS is 3").isEmpty();
    assertThat(team.at(min(10), row("a").sessions(5, 0).ratings(0, 2).build(), row("b").sessions(5, 0).ratings(1, 1).build()))
        .singleElement().isInstanceOfSatisfying(Transition.Fired.class, f -> {
          assertThat(f.value()).isCloseTo(33.3, org.assertj.core.data.Offset.offset(0.1));
          assertThat(AlertBlocks.headline(f)).isEqualTo("Satisfaction: 33% < 80%");
        });

    Run each = new Run().rule(2, "C1", perAgent(Metric.SATISFACTION, Op.LT, 80));
    List<Transition> t = each.at(min(0), row("few").sessions(5, 0).ratings(0, 2).build(),
        row("many").sessions(9, 0).ratings(1, 3).build());
    assertThat(t).singleElement().isInstanceOfSatisfying(Transition.Fired.class,
        f -> assertThat(f.named()).extracting(Transition.Named::agentId).containsExactly("many"));
  }

  @Test
  void aFailedReadIsNeitherAlertNorRecoveryAndThreeInARowNoticeEachChannelOnceThenOnceWhenBack() {
    Run run = new Run().rule(1, "C1", team(Metric.UNREPLIED, Op.GT, 5)).rule(2, "C2", team(Metric.SESSIONS, Op.GT, 1))
        .rule(3, "C1", team(Metric.SESSIONS, Op.GT, 1000));
    run.at(min(0), unreplied("a", 6));
    Map<Long, RuleState> firing = run.states;

    assertThat(run.failed(min(10))).isEmpty();
    assertThat(run.failed(min(20))).isEmpty();
    List<Transition> third = run.failed(min(30));
    assertThat(run.failed(min(40))).isEmpty();
    assertThat(run.states).isEqualTo(firing);

    assertThat(third).hasSize(2).allSatisfy(t -> assertThat(t).isInstanceOf(Transition.DeskDown.class))
        .extracting(Transition::channelId).containsExactly("C1", "C2");
    assertThat(((Transition.DeskDown) third.get(0)).since()).isEqualTo(min(10));
    assertThat(run.health.down()).isTrue();

    List<Transition> back = run.at(min(50), unreplied("a", 7));
    assertThat(back).extracting(Transition::key)
        .containsExactly("desk:1:up:C1", "desk:1:up:C2");
    assertThat(run.health).isEqualTo(new DeskHealth(0, false, 1, Optional.empty(), Optional.empty()));
    // Two failures and back: nobody hears of it.
    run.failed(min(60));
    run.failed(min(70));
    assertThat(run.at(min(80), unreplied("a", 7))).isEmpty();
  }

  @Test
  void theSameInputGivesTheSameTransitionsUnderTheSameKeys() {
    Run a = new Run().rule(1, "C1", perAgent(Metric.UNREPLIED, Op.GT, 2));
    Run b = new Run().rule(1, "C1", perAgent(Metric.UNREPLIED, Op.GT, 2));
    assertThat(a.at(min(0), unreplied("x", 3), unreplied("y", 4)))
        .isEqualTo(b.at(min(0), unreplied("x", 3), unreplied("y", 4)));
    assertThat(a.states).isEqualTo(b.states);
  }

  @Test
  void aRuleWhoseGroupIsGoneWaitsWithoutPosting() {
    Run run = new Run();
    run.targets.add(new Evaluator.Target(new Rule(1, "C1", team(Metric.UNREPLIED, Op.GT, 0), "U1", T0), Optional.empty()));
    assertThat(run.at(min(0), unreplied("a", 6))).isEmpty();
  }

  @Test
  void aGroupRuleCountsOnlyTheGroupsAgents() {
    Run run = new Run();
    AlertCondition c = new AlertCondition(Metric.UNREPLIED, Op.GT, 5, false, Optional.of("tier1"));
    run.targets.add(new Evaluator.Target(new Rule(1, "C1", c, "U1", T0), Optional.of(Scope.group("tier1", java.util.Set.of("a")))));
    assertThat(run.at(min(0), unreplied("a", 4), unreplied("b", 9))).isEmpty();
    assertThat(run.at(min(10), unreplied("a", 6), unreplied("b", 9))).singleElement()
        .isInstanceOfSatisfying(Transition.Fired.class, f -> assertThat(f.value()).isEqualTo(6));
  }
}
