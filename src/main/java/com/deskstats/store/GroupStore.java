package com.deskstats.store;

import com.deskstats.stats.Groups;
import com.deskstats.stats.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The named groups of agents (SPEC §9) in the {@code agent_group} tables. Every change is one transaction, so a
 * group is never seen half-changed; AgentIds are kept as typed and match ignoring case.
 */
public final class GroupStore implements Groups {

  private final DataSource dataSource;
  private final Clock clock;

  public GroupStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public Optional<Scope> scope(String name) {
    return members(name).map(ids -> Scope.group(name, Set.copyOf(ids)));
  }

  @Override
  public List<String> names() {
    return List.copyOf(all().keySet());
  }

  /** The group's AgentIds, sorted; empty when there is no such group. */
  public Optional<List<String>> members(String name) {
    try (Connection c = dataSource.getConnection()) {
      if (!exists(c, name)) return Optional.empty();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT agent_id FROM agent_group_member WHERE group_name = ? ORDER BY agent_key")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          List<String> out = new ArrayList<>();
          while (rs.next()) out.add(rs.getString(1));
          return Optional.of(out);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("Could not read the group.", e);
    }
  }

  /** Every group by name, each with its AgentIds, both sorted. */
  public Map<String, List<String>> all() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT g.name, m.agent_id FROM agent_group g "
             + "LEFT JOIN agent_group_member m ON m.group_name = g.name ORDER BY g.name, m.agent_key");
         ResultSet rs = ps.executeQuery()) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      while (rs.next()) {
        List<String> ids = out.computeIfAbsent(rs.getString(1), n -> new ArrayList<>());
        String id = rs.getString(2);
        if (id != null) ids.add(id);
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("Could not read the groups.", e);
    }
  }

  /** Makes the group exactly these AgentIds (creating it if new); returns true when it was new. */
  public boolean set(String name, Collection<String> agentIds, String changedBy) {
    return transaction("Could not save the group.", c -> {
      boolean created = touch(c, name, changedBy, true);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_group_member WHERE group_name = ?")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
      insertMembers(c, name, agentIds);
      return created;
    });
  }

  /** Adds AgentIds to an existing group; false when there is no such group (nothing is saved then). */
  public boolean add(String name, Collection<String> agentIds, String changedBy) {
    return transaction("Could not save the group.", c -> {
      if (!touch(c, name, changedBy, false)) return false;
      insertMembers(c, name, agentIds);
      return true;
    });
  }

  /** Removes AgentIds from a group; false when there is no such group. */
  public boolean removeMembers(String name, Collection<String> agentIds, String changedBy) {
    return transaction("Could not save the group.", c -> {
      if (!touch(c, name, changedBy, false)) return false;
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM agent_group_member WHERE group_name = ? AND agent_key = ?")) {
        for (String id : keys(agentIds).keySet()) {
          ps.setString(1, name);
          ps.setString(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return true;
    });
  }

  /** Deletes the group and its members; false when there was none. */
  public boolean delete(String name) {
    return transaction("Could not remove the group.", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_group_member WHERE group_name = ?")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_group WHERE name = ?")) {
        ps.setString(1, name);
        return ps.executeUpdate() > 0;
      }
    });
  }

  private static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM agent_group WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Records who changed the group and when. With {@code create}, inserts a missing group and returns true when it
   * did; without, returns whether the group exists.
   */
  private boolean touch(Connection c, String name, String changedBy, boolean create) throws SQLException {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    try (PreparedStatement up = c.prepareStatement("UPDATE agent_group SET changed_by = ?, changed_at = ? WHERE name = ?")) {
      up.setString(1, changedBy);
      up.setObject(2, now);
      up.setString(3, name);
      if (up.executeUpdate() > 0) return !create;
    }
    if (!create) return false;
    try (PreparedStatement in = c.prepareStatement(
        "INSERT INTO agent_group (name, changed_by, changed_at) VALUES (?, ?, ?)")) {
      in.setString(1, name);
      in.setString(2, changedBy);
      in.setObject(3, now);
      in.executeUpdate();
      return true;
    }
  }

  private static void insertMembers(Connection c, String name, Collection<String> agentIds) throws SQLException {
    Set<String> present = new LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT agent_key FROM agent_group_member WHERE group_name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) present.add(rs.getString(1));
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO agent_group_member (group_name, agent_key, agent_id) VALUES (?, ?, ?)")) {
      int n = 0;
      for (Map.Entry<String, String> e : keys(agentIds).entrySet()) {
        if (present.contains(e.getKey())) continue;
        ps.setString(1, name);
        ps.setString(2, e.getKey());
        ps.setString(3, e.getValue());
        ps.addBatch();
        n++;
      }
      if (n > 0) ps.executeBatch();
    }
  }

  /** AgentIds by their matching key, first spelling wins. */
  private static Map<String, String> keys(Collection<String> agentIds) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : agentIds) out.putIfAbsent(id.strip().toLowerCase(Locale.ROOT), id.strip());
    return out;
  }

  /**
   * Runs {@code work} in one transaction. Two admins creating the same group at once: the loser's insert hits the
   * primary key, its transaction rolls back, and it runs once more, now as an update.
   */
  private <T> T transaction(String failure, Transaction.Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Transaction.run(dataSource, work);
      } catch (SQLException e) {
        if (attempt < 2 && DeliveryStore.DUPLICATE_KEY.equals(e.getSQLState())) continue;
        throw new StoreException(failure, e);
      }
    }
  }
}
