package com.deskstats.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The retrying state of the delivery rows {@link DeliveryStore} claims: a scheduled delivery that failed for a passing
 * reason waits here until its next attempt is due and one node claims it again.
 */
public final class DeliveryRetryStore {

  private final DataSource dataSource;
  private final Clock clock;

  public DeliveryRetryStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * A scheduled delivery failed for a passing reason: it waits as retrying until {@code next}; {@code until} is the end
   * of its grace.
   */
  public void markRetrying(long id, String error, int attempts, Instant next, Instant until) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = 'retrying', error = ?, attempts = ?, "
             + "next_attempt_at = ?, retry_until = ?, finished_at = NULL WHERE id = ?")) {
      ps.setString(1, DeliveryStore.clip(error));
      ps.setInt(2, attempts);
      ps.setObject(3, DeliveryStore.ts(next));
      ps.setObject(4, DeliveryStore.ts(until));
      ps.setLong(5, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of("Could not record the digest retry.", e);
    }
  }

  /** Retrying deliveries whose next attempt is due, oldest first. */
  public List<Delivery> dueRetries() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + DeliveryStore.COLUMNS + " FROM delivery WHERE "
             + "status = 'retrying' AND next_attempt_at <= ? ORDER BY next_attempt_at, id")) {
      ps.setObject(1, DeliveryStore.ts(clock.instant()));
      List<Delivery> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(DeliveryStore.read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("Could not read the digest retries.", e);
    }
  }

  /** Claims a due retry for this node; true for the one node that got it. */
  public boolean claimRetry(long id, String node) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = 'claimed', claimed_by = ?, "
             + "claimed_at = ?, next_attempt_at = NULL WHERE id = ? AND status = 'retrying'")) {
      ps.setString(1, node);
      ps.setObject(2, DeliveryStore.ts(clock.instant()));
      ps.setLong(3, id);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw StoreException.of("Could not claim the digest retry.", e);
    }
  }
}
