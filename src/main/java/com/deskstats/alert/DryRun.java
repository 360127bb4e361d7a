package com.deskstats.alert;

import com.deskstats.desk.DeskException;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Aggregation;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Scope;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One rule against today, now, as if it had never posted: the alert it would post, or why nothing would be
 * ({@code preview alert}). Reads Desk once and saves nothing.
 */
public final class DryRun {
  private DryRun() {}

  /** The message that would be posted, or empty with the reason in {@code why}. */
  public record Result(Optional<ReportBlocks.Message> message, String why) {}

  public static Result run(AlertCondition condition, Scope scope, DaySource days, ZoneId zone, Evaluator.Params params,
      Clock clock) throws DeskException {
    Instant now = clock.instant();
    DayRows today = days.day(LocalDate.ofInstant(now, zone));
    Rule rule = new Rule(0, "the rule's channel", condition, "preview", now);
    Evaluator.Result r = Evaluator.evaluate(List.of(new Evaluator.Target(rule, Optional.of(scope))),
        new Evaluator.Reading.Rows(today, days.sample()), Map.of(), DeskHealth.OK, now, params);
    for (Transition t : r.transitions()) {
      if (t instanceof Transition.Fired f) return new Result(Optional.of(AlertBlocks.message(f, zone)), "");
    }
    return new Result(Optional.empty(), why(condition, scope, today, zone, params));
  }

  /** Why the condition does not hold today, in one sentence for a terminal. */
  private static String why(AlertCondition c, Scope scope, DayRows today, ZoneId zone, Evaluator.Params params) {
    List<AgentStats> agents = Aggregation.aggregate(List.of(scope.filter(today)));
    String whose = scope.group().map(g -> "group " + g).orElse("the team");
    String when = " (data as of " + AlertBlocks.at(today.fetchedAt(), zone) + " " + zone.getId() + ")";
    String line = c.op().symbol() + " " + c.thresholdText();
    if (agents.isEmpty()) return "Nothing would be posted: " + whose + " has no active agent today yet" + when + ".";
    if (c.perAgent()) {
      Comparator<AgentStats> worst = Comparator.comparingDouble(
          a -> Values.agent(c.metric(), a, params.minRatings()).orElse(c.op().above() ? Double.NEGATIVE_INFINITY
              : Double.POSITIVE_INFINITY));
      Optional<AgentStats> top = (c.op().above() ? agents.stream().max(worst) : agents.stream().min(worst))
          .filter(a -> Values.agent(c.metric(), a, params.minRatings()).isPresent());
      if (top.isEmpty()) return "Nothing would be posted: no agent of " + whose + " has a " + c.metric().label()
          .toLowerCase(java.util.Locale.ROOT) + " value yet today" + floor(c, params) + when + ".";
      double v = Values.agent(c.metric(), top.get(), params.minRatings()).getAsDouble();
      return "Nothing would be posted: no agent of " + whose + " is " + line + " today; the nearest is "
          + top.get().displayName() + " at " + AlertCondition.format(c.metric(), v) + when + ".";
    }
    OptionalDouble v = Values.team(c.metric(), agents, params.minRatings());
    if (v.isEmpty()) {
      return "Nothing would be posted: " + whose + " has no " + c.metric().label().toLowerCase(java.util.Locale.ROOT)
          + " value yet today" + floor(c, params) + when + ".";
    }
    return "Nothing would be posted: " + c.metric().label().toLowerCase(java.util.Locale.ROOT) + " for " + whose
        + ": " + AlertCondition.format(c.metric(), v.getAsDouble()) + " today, not " + line + when + ".";
  }

  private static String floor(AlertCondition c, Evaluator.Params params) {
    return c.metric() == AlertCondition.Metric.SATISFACTION
        ? " (satisfaction needs at least " + params.minRatings() + " ratings, MIN_RATINGS)" : "";
  }
}
