package com.deskstats.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A rule's state on one Desk day, as the evaluator leaves it and the store keeps it.
 *
 * @param day the Desk day it belongs to: another day starts the rule fresh
 * @param subjects by key: {@link #TEAM} for a team rule, AgentIds for a per-agent rule
 * @param open the rule's posts still waiting for their recovery note
 * @param posts how many alerts the rule posted on {@code day}: the next one is {@code posts + 1}
 * @param evaluatedAt the last evaluation that read Desk
 * @param value the latest team value, or a per-agent rule's worst value; empty when it had none
 */
public record RuleState(LocalDate day, Map<String, Subject> subjects, List<OpenPost> open, int posts,
    Optional<Instant> evaluatedAt, OptionalDouble value) {

  /** The subject key of a team (or group) rule. */
  static final String TEAM = "";

  public RuleState {
    subjects = Map.copyOf(subjects);
    open = List.copyOf(open);
  }

  /** A post (its number on the day) and the subjects it named: all must be back before its recovery note. */
  record OpenPost(int seq, Set<String> named) {
    OpenPost {
      named = Set.copyOf(named);
    }
  }

  static RuleState fresh(LocalDate day) {
    return new RuleState(day, Map.of(), List.of(), 0, Optional.empty(), OptionalDouble.empty());
  }

  /** True while some subject's alert is out and not yet back to normal. */
  public boolean firing() {
    return subjects.values().stream().anyMatch(Subject::over);
  }

  /** The earliest time a subject still over was posted. */
  public Optional<Instant> firingSince() {
    return subjects.values().stream().filter(Subject::over).map(Subject::since).min(Instant::compareTo);
  }

  /** How many subjects are over (agents, for a per-agent rule). */
  public long overCount() {
    return subjects.values().stream().filter(Subject::over).count();
  }
}
