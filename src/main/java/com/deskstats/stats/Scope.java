package com.deskstats.stats;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whose rows a report covers: the whole team, or the agents of one named group (SPEC §9). Scoping filters a day's
 * rows before aggregation, so the cache stays whole and switching groups costs no Desk call.
 *
 * @param group the group's name; empty for the whole team
 * @param agentIds the group's AgentIds (any case); ignored for the whole team
 */
public record Scope(Optional<String> group, Set<String> agentIds) {

  /** The whole team: every row. */
  public static final Scope TEAM = new Scope(Optional.empty(), Set.of());

  public Scope {
    agentIds = agentIds.stream().map(Scope::key).collect(Collectors.toUnmodifiableSet());
  }

  /** The named group of these AgentIds. */
  public static Scope group(String name, Set<String> agentIds) {
    return new Scope(Optional.of(name), agentIds);
  }

  public boolean isTeam() {
    return group.isEmpty();
  }

  /** True when the agent is in scope; AgentIds match ignoring case and surrounding spaces. */
  public boolean includes(String agentId) {
    return isTeam() || agentIds.contains(key(agentId));
  }

  /** The day's rows of the agents in scope. */
  public DayRows filter(DayRows day) {
    if (isTeam()) return day;
    return new DayRows(day.day(), day.rows().stream().filter(r -> includes(r.agentId())).toList(), day.fetchedAt());
  }

  private static String key(String agentId) {
    return agentId == null ? "" : agentId.strip().toLowerCase(Locale.ROOT);
  }
}
