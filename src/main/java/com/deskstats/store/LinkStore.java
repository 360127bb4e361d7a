package com.deskstats.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Links from Slack users to Desk AgentIds, set by admins (SPEC §9), in the {@code slack_link} table. */
public final class LinkStore {

  /** One link: the Slack user, their AgentId and the admin who linked them. */
  public record Link(String userId, String agentId, String linkedBy) {}

  private final DataSource dataSource;
  private final Clock clock;

  public LinkStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** The AgentId linked to the Slack user, if any. */
  public Optional<String> agentOf(String userId) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT agent_id FROM slack_link WHERE user_id = ?")) {
      ps.setString(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("Could not read the link.", e);
    }
  }

  /** Every link, by Slack user id. */
  public List<Link> list() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT user_id, agent_id, linked_by FROM slack_link ORDER BY user_id");
         ResultSet rs = ps.executeQuery()) {
      List<Link> out = new ArrayList<>();
      while (rs.next()) out.add(new Link(rs.getString(1), rs.getString(2), rs.getString(3)));
      return out;
    } catch (SQLException e) {
      throw new StoreException("Could not read the links.", e);
    }
  }

  /** Links the user to the AgentId, replacing any earlier link; returns the AgentId it replaced. */
  public Optional<String> link(String userId, String agentId, String linkedBy) {
    try {
      return tryLink(userId, agentId, linkedBy);
    } catch (SQLException e) {
      // Two admins linking the same new user at once: the other insert won, so this one replaces it.
      if (!DeliveryStore.DUPLICATE_KEY.equals(e.getSQLState())) throw new StoreException("Could not save the link.", e);
      try {
        return tryLink(userId, agentId, linkedBy);
      } catch (SQLException again) {
        throw new StoreException("Could not save the link.", again);
      }
    }
  }

  private Optional<String> tryLink(String userId, String agentId, String linkedBy) throws SQLException {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return Transaction.run(dataSource, c -> {
      Optional<String> before = Optional.empty();
      try (PreparedStatement ps = c.prepareStatement("SELECT agent_id FROM slack_link WHERE user_id = ? FOR UPDATE")) {
        ps.setString(1, userId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) before = Optional.of(rs.getString(1));
        }
      }
      String sql = before.isPresent()
          ? "UPDATE slack_link SET agent_id = ?, linked_by = ?, linked_at = ? WHERE user_id = ?"
          : "INSERT INTO slack_link (agent_id, linked_by, linked_at, user_id) VALUES (?, ?, ?, ?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, agentId);
        ps.setString(2, linkedBy);
        ps.setObject(3, now);
        ps.setString(4, userId);
        ps.executeUpdate();
      }
      return before;
    });
  }

  /** Removes the user's link; false when there was none. */
  public boolean unlink(String userId) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("DELETE FROM slack_link WHERE user_id = ?")) {
      ps.setString(1, userId);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("Could not remove the link.", e);
    }
  }
}
