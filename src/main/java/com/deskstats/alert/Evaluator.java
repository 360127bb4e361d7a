package com.deskstats.alert;

import com.deskstats.alert.RuleState.OpenPost;
import com.deskstats.slack.AlertCondition;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Aggregation;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The alert rules' logic (SPEC §8), pure: from the rules, today's rows (or a failed read), the previous states and
 * the time, the transitions to post and the new states. It never reads Desk, the database or the clock itself, so
 * two replicas given the same input decide the same transitions under the same keys.
 */
public final class Evaluator {
  private Evaluator() {}

  /** How many contributors a team alert names at most (the message shows 10, then "…and N more"). */
  static final int CONTRIBUTORS = 50;

  /**
   * The fixed parameters.
   *
   * @param minRatings MIN_RATINGS: a satisfaction condition needs this many ratings in its scope
   * @param cooldown ALERT_COOLDOWN: a subject posts again only this long after its last post
   */
  public record Params(int minRatings, Duration cooldown) {}

  /** One rule and the scope it covers now; empty when its group no longer exists (the rule then waits). */
  public record Target(Rule rule, Optional<Scope> scope) {}

  /** What reading today from Desk gave. */
  public sealed interface Reading {
    /** Today's rows so far, read once for every rule. */
    record Rows(DayRows today, boolean sample) implements Reading {}

    /** Desk could not be read: one sentence why. */
    record Failed(String reason) implements Reading {}
  }

  /** The transitions to claim and post, and the states to keep for next time. */
  public record Result(List<Transition> transitions, Map<Long, RuleState> states, DeskHealth health) {
    public Result {
      transitions = List.copyOf(transitions);
      states = Map.copyOf(states);
    }
  }

  public static Result evaluate(List<Target> targets, Reading reading, Map<Long, RuleState> previous,
      DeskHealth health, Instant now, Params params) {
    List<Transition> out = new ArrayList<>();
    Set<String> channels = new TreeSet<>();
    for (Target t : targets) channels.add(t.rule().channelId());
    if (reading instanceof Reading.Failed f) {
      // Neither an alert nor a recovery: the states stay as they were.
      DeskHealth h = health.failed(now, f.reason());
      if (!h.down() && h.failures() >= DeskHealth.NOTICE_AFTER) {
        h = h.noticed();
        for (String ch : channels) out.add(new Transition.DeskDown(ch, h.episode(), h.since().orElse(now), f.reason()));
      }
      return new Result(out, previous, h);
    }
    Reading.Rows rows = (Reading.Rows) reading;
    if (health.down()) {
      for (String ch : channels) out.add(new Transition.DeskUp(ch, health.episode(), now));
    }
    Map<Long, RuleState> states = new HashMap<>(previous);
    // Rules over the same scope share one aggregation and one set of values per metric: 100 rules over the team
    // cost one pass over the rows and at most five over the agents.
    Map<Scope, View> views = new HashMap<>();
    for (Target t : targets) {
      RuleState before = previous.get(t.rule().id());
      if (before == null || !before.day().equals(rows.today().day())) before = RuleState.fresh(rows.today().day());
      if (t.scope().isEmpty()) {
        states.put(t.rule().id(), before);
        continue;
      }
      View view = views.computeIfAbsent(t.scope().get(), s -> new View(s, rows.today(), params.minRatings()));
      states.put(t.rule().id(), rule(t.rule(), view, before, rows, now, params, out));
    }
    return new Result(out, states, health.readable());
  }

  /** One scope's agents today, and each metric's values, computed once for every rule over that scope. */
  private static final class View {
    final List<AgentStats> agents;
    final Map<String, AgentStats> byId = new HashMap<>();
    private final int minRatings;
    private final Map<AlertCondition.Metric, Map<String, Double>> agentValues = new EnumMap<>(AlertCondition.Metric.class);
    private final Map<AlertCondition.Metric, OptionalDouble> teamValues = new EnumMap<>(AlertCondition.Metric.class);

    View(Scope scope, DayRows today, int minRatings) {
      this.agents = Aggregation.aggregate(List.of(scope.filter(today)));
      this.minRatings = minRatings;
      for (AgentStats a : agents) byId.put(a.agentId(), a);
    }

    Map<String, Double> agentValues(AlertCondition.Metric m) {
      return agentValues.computeIfAbsent(m, metric -> {
        Map<String, Double> values = new LinkedHashMap<>();
        for (AgentStats a : agents) {
          OptionalDouble v = Values.agent(metric, a, minRatings);
          if (v.isPresent()) values.put(a.agentId(), v.getAsDouble());
        }
        return values;
      });
    }

    OptionalDouble teamValue(AlertCondition.Metric m) {
      return teamValues.computeIfAbsent(m, metric -> Values.team(metric, agents, minRatings));
    }
  }

  private static RuleState rule(Rule rule, View view, RuleState before, Reading.Rows rows, Instant now,
      Params params, List<Transition> out) {
    AlertCondition c = rule.condition();
    List<AgentStats> agents = view.agents;
    Map<String, AgentStats> byId = view.byId;
    Map<String, Double> values;
    OptionalDouble teamValue = OptionalDouble.empty();
    if (c.perAgent()) {
      values = view.agentValues(c.metric());
    } else {
      teamValue = view.teamValue(c.metric());
      values = teamValue.isPresent() ? Map.of(RuleState.TEAM, teamValue.getAsDouble()) : Map.of();
    }

    // Only subjects that matter later are kept: those over, and those whose cooldown may still run.
    Map<String, Subject> previous = before.subjects();
    Map<String, Subject> subjects = new HashMap<>(Math.max(16, previous.size() * 2));
    List<String> newly = new ArrayList<>();
    List<String> still = new ArrayList<>();
    for (Map.Entry<String, Double> e : values.entrySet()) {
      String key = e.getKey();
      double v = e.getValue();
      Subject s = previous.get(key);
      boolean holds = c.op().holds(v, c.threshold());
      boolean over = s != null && s.over();
      if (holds && over) {
        subjects.put(key, s.value() == v ? s : s.withValue(v));
        still.add(key);
      } else if (holds) {
        boolean cooling = s != null && s.lastPost().isPresent() && now.isBefore(s.lastPost().get().plus(params.cooldown()));
        if (cooling) subjects.put(key, s);
        else newly.add(key);
      } else if (over) {
        subjects.put(key, s.recovered(v));
      } else if (s != null && s.lastPost().isPresent()) {
        subjects.put(key, s);
      }
    }
    for (Map.Entry<String, Subject> e : previous.entrySet()) {
      if (values.containsKey(e.getKey())) continue;
      // No value now (the agent left the rows, or too few ratings): the condition does not hold.
      Subject s = e.getValue();
      if (s.over()) subjects.put(e.getKey(), s.recovered(s.value()));
      else if (s.lastPost().isPresent()) subjects.put(e.getKey(), s);
    }

    int posts = before.posts();
    List<OpenPost> open = new ArrayList<>();
    // Recovery notes first: a post whose every named subject is back gets its reply.
    for (OpenPost p : before.open()) {
      boolean allBack = p.named().stream().noneMatch(k -> subjects.containsKey(k) && subjects.get(k).over());
      if (!allBack) {
        open.add(p);
        continue;
      }
      List<Transition.Named> named = new ArrayList<>();
      OptionalDouble value = teamValue;
      if (c.perAgent()) {
        List<String> ids = new ArrayList<>(p.named());
        ids.sort(Comparator.naturalOrder());
        for (String id : ids) {
          Subject s = subjects.get(id);
          double v = values.containsKey(id) ? values.get(id) : s == null ? 0 : s.value();
          named.add(new Transition.Named(id, name(byId.get(id), id), v, false));
        }
        value = worst(c, named);
      }
      out.add(new Transition.Recovered(rule, before.day(), p.seq(), value, named, rows.today().fetchedAt()));
    }
    if (!newly.isEmpty()) {
      posts++;
      for (String key : newly) {
        subjects.put(key, new Subject(true, now, values.get(key), Optional.of(now)));
      }
      Comparator<String> worstFirst = badness(c, values);
      newly.sort(worstFirst);
      still.sort(worstFirst);
      List<Transition.Named> named = new ArrayList<>();
      Set<String> namedKeys = new HashSet<>();
      double value;
      if (c.perAgent()) {
        for (String id : newly) named.add(new Transition.Named(id, name(byId.get(id), id), values.get(id), true));
        for (String id : still) named.add(new Transition.Named(id, name(byId.get(id), id), values.get(id), false));
        namedKeys.addAll(newly);
        namedKeys.addAll(still);
        value = worst(c, named).orElse(0);
      } else {
        named = contributors(c, agents, params.minRatings());
        namedKeys.add(RuleState.TEAM);
        value = teamValue.getAsDouble();
      }
      open.add(new OpenPost(posts, namedKeys));
      out.add(new Transition.Fired(rule, before.day(), posts, value, named, c.perAgent() ? newly.size() : 0,
          rows.today().fetchedAt(), rows.sample()));
    }
    OptionalDouble latest = c.perAgent() ? worstValue(c, values) : teamValue;
    return new RuleState(before.day(), subjects, open, posts, Optional.of(now), latest);
  }

  /** The team's largest contributors: the agents whose own value is furthest on the wrong side. */
  private static List<Transition.Named> contributors(AlertCondition c, List<AgentStats> agents, int minRatings) {
    List<Transition.Named> named = new ArrayList<>();
    for (AgentStats a : agents) {
      // Every rating counts towards the team's satisfaction, so a contributor needs only one.
      OptionalDouble v = Values.agent(c.metric(), a, 1);
      if (v.isEmpty()) continue;
      if (c.metric().count() && c.op().above() && v.getAsDouble() <= 0) continue;
      named.add(new Transition.Named(a.agentId(), a.displayName(), v.getAsDouble(), false));
    }
    Comparator<Transition.Named> byValue = Comparator.comparingDouble(Transition.Named::value);
    named.sort((c.op().above() ? byValue.reversed() : byValue).thenComparing(Transition.Named::agentId));
    return named.size() > CONTRIBUTORS ? List.copyOf(named.subList(0, CONTRIBUTORS)) : named;
  }

  private static Comparator<String> badness(AlertCondition c, Map<String, Double> values) {
    Comparator<String> byValue = Comparator.comparingDouble(values::get);
    return (c.op().above() ? byValue.reversed() : byValue).thenComparing(Comparator.naturalOrder());
  }

  private static OptionalDouble worst(AlertCondition c, List<Transition.Named> named) {
    return c.op().above() ? named.stream().mapToDouble(Transition.Named::value).max()
        : named.stream().mapToDouble(Transition.Named::value).min();
  }

  private static OptionalDouble worstValue(AlertCondition c, Map<String, Double> values) {
    return c.op().above() ? values.values().stream().mapToDouble(Double::doubleValue).max()
        : values.values().stream().mapToDouble(Double::doubleValue).min();
  }

  private static String name(AgentStats a, String id) {
    return a == null ? id : a.displayName();
  }
}
