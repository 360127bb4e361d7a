package com.deskstats.store;

import com.deskstats.text.Language;
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

  private static final String COLUMNS = "channel_id, cron, time_zone, created_by, created_at, cadence, group_name, csv, lang";

  private final DataSource dataSource;

  public SubscriptionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every stored subscription, by channel id. */
  public List<Subscription> list() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT " + COLUMNS + " FROM subscription ORDER BY channel_id, cadence, group_name");
         ResultSet rs = ps.executeQuery()) {
      List<Subscription> out = new ArrayList<>();
      while (rs.next()) out.add(read(rs));
      return out;
    } catch (SQLException e) {
      throw StoreException.of("Could not read the digest subscriptions.", e);
    }
  }

  /** The channel's daily subscription of the whole team. */
  public Optional<Subscription> find(String channelId) {
    return find(DeliveryKey.daily(channelId));
  }

  public Optional<Subscription> find(DeliveryKey key) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM subscription "
             + "WHERE channel_id = ? AND cadence = ? AND group_name = ?")) {
      ps.setString(1, key.channelId());
      ps.setString(2, key.cadence());
      ps.setString(3, key.group());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreException.of("Could not read the digest subscription.", e);
    }
  }

  /** Adds the subscription or replaces the schedule of its key (channel, cadence, group); returns true when it was new. */
  public boolean upsert(Subscription s) {
    try (Connection c = dataSource.getConnection()) {
      if (update(c, s)) return false;
      try (PreparedStatement in = c.prepareStatement(
          "INSERT INTO subscription (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        in.setString(1, s.channelId());
        in.setString(2, s.cron());
        in.setString(3, s.zone().getId());
        in.setString(4, s.createdBy());
        in.setObject(5, OffsetDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC));
        in.setString(6, s.cadence());
        in.setString(7, s.group());
        in.setBoolean(8, s.csv());
        in.setString(9, code(s));
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
        "UPDATE subscription SET cron = ?, time_zone = ?, created_by = ?, created_at = ?, csv = ?, lang = ? "
            + "WHERE channel_id = ? AND cadence = ? AND group_name = ?")) {
      up.setString(1, s.cron());
      up.setString(2, s.zone().getId());
      up.setString(3, s.createdBy());
      up.setObject(4, OffsetDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC));
      up.setBoolean(5, s.csv());
      up.setString(6, code(s));
      up.setString(7, s.channelId());
      up.setString(8, s.cadence());
      up.setString(9, s.group());
      return up.executeUpdate() > 0;
    }
  }

  /** Removes the channel's daily subscription of the whole team; returns false when there was none. */
  public boolean delete(String channelId) {
    return delete(DeliveryKey.daily(channelId));
  }

  /** Removes the subscription of this key; returns false when there was none. */
  public boolean delete(DeliveryKey key) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "DELETE FROM subscription WHERE channel_id = ? AND cadence = ? AND group_name = ?")) {
      ps.setString(1, key.channelId());
      ps.setString(2, key.cadence());
      ps.setString(3, key.group());
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw StoreException.of("Could not remove the digest subscription.", e);
    }
  }

  private static Subscription read(ResultSet rs) throws SQLException {
    return new Subscription(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3)), rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7), rs.getBoolean(8),
        Language.parse(rs.getString(9)));
  }

  /** The stored language code, or NULL for BOT_LANGUAGE. */
  private static String code(Subscription s) {
    return s.lang().map(Language::code).orElse(null);
  }
}
