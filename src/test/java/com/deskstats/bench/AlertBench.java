package com.deskstats.bench;

import ch.qos.logback.classic.Level;
import com.deskstats.alert.AlertStore;
import com.deskstats.alert.Alerting;
import com.deskstats.alert.DeskHealth;
import com.deskstats.alert.Evaluator;
import com.deskstats.alert.Rule;
import com.deskstats.alert.RuleState;
import com.deskstats.delivery.SlackCalls;
import com.deskstats.desk.AgentRow;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Groups;
import com.deskstats.stats.Scope;
import com.deskstats.testing.Databases;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.StatsFakes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100 alert rules (every metric, team and per agent, a fifth on a 200-agent group) over 1,000 agents: how many Desk
 * fetches one evaluation costs, and how long the pure evaluation takes after warm-up; then a whole evaluation with the
 * rule store on H2 in memory. Run: {@code mvn -o -q test-compile exec:java -Dbench=AlertBench}.
 */
public final class AlertBench {
  private static final int AGENTS = 1_000;
  private static final int RULES = 100;
  private static final int WARMUP = 200;
  private static final int RUNS = 500;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  private static final Evaluator.Params PARAMS = new Evaluator.Params(3, Duration.ofHours(1));

  private static volatile Object sink;

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.deskstats")).setLevel(Level.WARN);
    SplittableRandom random = new SplittableRandom(42);
    List<AgentRow> rows = new ArrayList<>(AGENTS);
    Set<String> group = new HashSet<>();
    for (int i = 0; i < AGENTS; i++) {
      long sessions = 5 + random.nextInt(40);
      long unreplied = random.nextInt(4);
      long rated = random.nextInt(8);
      String id = "agent" + i + "@example.com";
      if (i % 5 == 0) group.add(id);
      rows.add(StatsFakes.row(id).nickname("Agent " + i).sessions(sessions, unreplied)
          .firstResp(5 + random.nextInt(80), random.nextInt((int) (sessions - unreplied) + 1))
          .ratings(random.nextInt((int) rated + 1), rated).build());
    }
    Metric[] metrics = Metric.values();
    Op[] ops = Op.values();
    List<Evaluator.Target> targets = new ArrayList<>();
    List<AlertCondition> conditions = new ArrayList<>();
    for (int i = 0; i < RULES; i++) {
      Metric m = metrics[i % metrics.length];
      Op op = ops[(i / metrics.length) % ops.length];
      double threshold = switch (m) {
        case UNREPLIED -> op.above() ? 1 + (i % 3) : 1000;
        case SESSIONS -> op.above() ? 30 + i % 10 : 20_000;
        case SATISFACTION, WITHIN_30S -> 50 + i % 40;
        case FIRST_RESPONSE -> 30 + i % 40;
      };
      boolean perAgent = i % 2 == 0;
      boolean inGroup = i % 5 == 0;
      AlertCondition c = new AlertCondition(m, op, threshold, perAgent, inGroup ? Optional.of("tier1") : Optional.empty());
      conditions.add(c);
      targets.add(new Evaluator.Target(new Rule(i + 1, "C" + (i % 7), c, "U1", NOW),
          Optional.of(inGroup ? Scope.group("tier1", group) : Scope.TEAM)));
    }
    DayRows today = new DayRows(TODAY, rows, NOW);
    System.out.printf("AlertBench: %d rules (every metric, team and per agent, 20 on a %d-agent group) over %,d agents%n",
        RULES, group.size(), AGENTS);

    // The pure evaluation, with the states of the evaluation before (most rules already firing: the steady state).
    Evaluator.Result first = Evaluator.evaluate(targets, new Evaluator.Reading.Rows(today, false), Map.of(),
        DeskHealth.OK, NOW, PARAMS);
    Map<Long, RuleState> states = first.states();
    System.out.printf("  first evaluation: %d transitions (alerts), %d rules firing%n", first.transitions().size(),
        states.values().stream().filter(RuleState::firing).count());
    for (int i = 0; i < WARMUP; i++) sink = Evaluator.evaluate(targets, new Evaluator.Reading.Rows(today, false), states,
        DeskHealth.OK, NOW.plusSeconds(600), PARAMS);
    long[] ns = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      sink = Evaluator.evaluate(targets, new Evaluator.Reading.Rows(today, false), states, DeskHealth.OK,
          NOW.plusSeconds(600), PARAMS);
      ns[i] = System.nanoTime() - t0;
    }
    report("  evaluation (pure, after warm-up)", ns);

    // A whole evaluation: rules, states and claims on H2 in memory, one Desk read counted, Slack a local fake.
    DataSource db = Databases.h2();
    AlertStore store = new AlertStore(db);
    for (AlertCondition c : conditions) store.add("C" + (store.rules().size() % 7), c, "U1", NOW);
    AtomicInteger fetches = new AtomicInteger();
    DaySource days = new DaySource() {
      @Override
      public DayRows day(LocalDate day) {
        fetches.incrementAndGet();
        return today;
      }

      @Override
      public boolean sample() {
        return false;
      }
    };
    try (FakeSlack slack = new FakeSlack()) {
      Groups groups = new Groups() {
        @Override
        public Optional<Scope> scope(String name) {
          return Optional.of(Scope.group(name, group));
        }

        @Override
        public List<String> names() {
          return List.of("tier1");
        }
      };
      Alerting alerting = new Alerting(store, days, groups, new SlackCalls(slack.methods("xoxb-bench"), d -> { }),
          Clock.fixed(NOW, ZoneOffset.UTC), ZONE, PARAMS, "bench");
      Alerting.Outcome out = alerting.evaluateNow();
      System.out.printf("  whole first evaluation: %d Desk fetch(es), %d alerts posted to the fake Slack%n",
          fetches.get(), out.posted());
      int before = fetches.get();
      int evaluations = 50;
      long[] whole = new long[evaluations];
      for (int i = 0; i < evaluations; i++) {
        long t0 = System.nanoTime();
        alerting.evaluateNow();
        whole[i] = System.nanoTime() - t0;
      }
      System.out.printf("  %d more whole evaluations: %d Desk fetches (%.1f per evaluation)%n", evaluations,
          fetches.get() - before, (fetches.get() - before) / (double) evaluations);
      report("  whole evaluation, steady (H2 in memory: read rules and states, evaluate, save 100 states)", whole);
    }
  }

  private static void report(String what, long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0) / 1e6;
    System.out.printf("%s: mean %.2f ms, p50 %.2f ms, p99 %.2f ms%n", what, mean, s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.99)] / 1e6);
  }
}
