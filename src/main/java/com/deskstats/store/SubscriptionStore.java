package com.deskstats.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Digest subscriptions added from Slack, kept in the {@code subscription} table. */
public final class SubscriptionStore {

  private final DataSource dataSource;

  public SubscriptionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every stored subscription, by channel id. */
  public List<Subscription> list() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT channel_id, cron, time_zone, created_by, created_at FROM subscription ORDER BY channel_id");
         ResultSet rs = ps.executeQuery()) {
      List<Subscription> out = new ArrayList<>();
      while (rs.next()) out.add(read(rs));
      return out;
    } catch (SQLException e) {
      throw StoreException.of("Could not read the digest subscriptions.", e);
    }
  }

  public Optional<Subscription> find(String channelId) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT channel_id, cron, time_zone, created_by, created_at FROM subscription WHERE channel_id = ?")) {
      ps.setString(1, channelId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreException.of("Could not read the digest subscription.", e);
    }
  }

  /** Adds the subscription or replaces the channel's schedule; returns true when it was new. */
  public boolean upsert(Subscription s) {
    try (Connection c = dataSource.getConnection()) {
      if (update(c, s)) return false;
      try (PreparedStatement in = c.prepareStatement(
          "INSERT INTO subscription (channel_id, cron, time_zone, created_by, created_at) VALUES (?, ?, ?, ?, ?)")) {
        in.setString(1, s.channelId());
        in.setString(2, s.cron());
        in.setString(3, s.zone().getId());
        in.setString(4, s.createdBy());
        in.setObject(5, OffsetDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC));
        in.executeUpdate();
        return true;
      } catch (SQLException e) {
        // Two admins subscribing the same channel at once: the other insert won, so update instead, on this
        // connection (asking the pool for a second one could wait on ourselves).
        if (!DeliveryStore.DUPLICATE_KEY.equals(e.getSQLState())) throw e;
        update(c, s);
        return false;
      }
    } catch (SQLException e) {
      throw StoreException.of("Could not save the digest subscription.", e);
    }
  }

  private static boolean update(Connection c, Subscription s) throws SQLException {
    try (PreparedStatement up = c.prepareStatement(
        "UPDATE subscription SET cron = ?, time_zone = ?, created_by = ?, created_at = ? WHERE channel_id = ?")) {
      up.setString(1, s.cron());
      up.setString(2, s.zone().getId());
      up.setString(3, s.createdBy());
      up.setObject(4, OffsetDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC));
      up.setString(5, s.channelId());
      return up.executeUpdate() > 0;
    }
  }

  /** Removes the channel's subscription; returns false when there was none. */
  public boolean delete(String channelId) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("DELETE FROM subscription WHERE channel_id = ?")) {
      ps.setString(1, channelId);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw StoreException.of("Could not remove the digest subscription.", e);
    }
  }

  private static Subscription read(ResultSet rs) throws SQLException {
    return new Subscription(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3)), rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant());
  }
}
