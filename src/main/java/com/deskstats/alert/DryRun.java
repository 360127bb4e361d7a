package com.deskstats.alert;

import com.deskstats.desk.DeskException;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Aggregation;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Scope;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
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

  /** As {@link #run(AlertCondition, Scope, DaySource, ZoneId, Evaluator.Params, Clock, Language)}, in English. */
  public static Result run(AlertCondition condition, Scope scope, DaySource days, ZoneId zone, Evaluator.Params params,
      Clock clock) throws DeskException {
    return run(condition, scope, days, zone, params, clock, Language.EN);
  }

  /** The message and the reason are written in {@code language}: the rule's {@code lang}, else BOT_LANGUAGE. */
  public static Result run(AlertCondition condition, Scope scope, DaySource days, ZoneId zone, Evaluator.Params params,
      Clock clock, Language language) throws DeskException {
    Instant now = clock.instant();
    DayRows today = days.day(LocalDate.ofInstant(now, zone));
    Rule rule = new Rule(0, "the rule's channel", condition, "preview", now);
    Evaluator.Result r = Evaluator.evaluate(List.of(new Evaluator.Target(rule, Optional.of(scope))),
        new Evaluator.Reading.Rows(today, days.sample()), Map.of(), DeskHealth.OK, now, params);
    for (Transition t : r.transitions()) {
      if (t instanceof Transition.Fired f) return new Result(Optional.of(AlertBlocks.message(f, zone, language)), "");
    }
    return new Result(Optional.empty(), why(condition, scope, today, zone, params, Texts.of(language)));
  }

  /** Why the condition does not hold today, in one sentence for a terminal. */
  private static String why(AlertCondition c, Scope scope, DayRows today, ZoneId zone, Evaluator.Params params,
      Texts x) {
    List<AgentStats> agents = Aggregation.aggregate(List.of(scope.filter(today)));
    String whose = scope.group().map(g -> x.get("posts.dryrun.group", g)).orElseGet(() -> x.get("posts.dryrun.team"));
    String when = x.get("posts.dryrun.when", AlertBlocks.at(today.fetchedAt(), zone), zone.getId());
    String line = c.op().symbol() + " " + c.thresholdText(x.formats());
    String label = AlertBlocks.label(c.metric(), x).toLowerCase(x.locale());
    String floor = c.metric() == AlertCondition.Metric.SATISFACTION
        ? x.get("posts.dryrun.floor", String.valueOf(params.minRatings())) : "";
    if (agents.isEmpty()) return x.get("posts.dryrun.no_agent", whose, when);
    if (c.perAgent()) {
      Comparator<AgentStats> worst = Comparator.comparingDouble(
          a -> Values.agent(c.metric(), a, params.minRatings()).orElse(c.op().above() ? Double.NEGATIVE_INFINITY
              : Double.POSITIVE_INFINITY));
      Optional<AgentStats> top = (c.op().above() ? agents.stream().max(worst) : agents.stream().min(worst))
          .filter(a -> Values.agent(c.metric(), a, params.minRatings()).isPresent());
      if (top.isEmpty()) return x.get("posts.dryrun.no_agent_value", whose, label, floor, when);
      double v = Values.agent(c.metric(), top.get(), params.minRatings()).getAsDouble();
      return x.get("posts.dryrun.no_agent_over", whose, line, top.get().displayName(),
          AlertBlocks.value(c.metric(), v, x.formats()), when);
    }
    OptionalDouble v = Values.team(c.metric(), agents, params.minRatings());
    if (v.isEmpty()) return x.get("posts.dryrun.no_team_value", whose, label, floor, when);
    return x.get("posts.dryrun.team_not", label, whose, AlertBlocks.value(c.metric(), v.getAsDouble(), x.formats()),
        line, when);
  }
}
