package com.deskstats.testing;

import com.deskstats.stats.Groups;
import com.deskstats.stats.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Named groups held in memory, for tests of the surfaces that take {@code group NAME}. */
public final class FakeGroups implements Groups {
  private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();

  public FakeGroups put(String name, String... agentIds) {
    groups.put(name, Set.of(agentIds));
    return this;
  }

  @Override
  public Optional<Scope> scope(String name) {
    Set<String> ids = groups.get(name);
    return ids == null ? Optional.empty() : Optional.of(Scope.group(name, ids));
  }

  @Override
  public List<String> names() {
    return groups.keySet().stream().sorted().toList();
  }
}
