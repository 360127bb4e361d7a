package com.deskstats.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/** When this install first started: the one row of {@code install_marker} (SPEC §5, "the first start"). */
public final class Installation {

  private Installation() {}

  /**
   * The install time, recording {@code now} as it when this is the install's first start. Replicas starting at once
   * agree: the first insert wins and the others read it.
   */
  public static Instant since(DataSource ds, Instant now) {
    try (Connection c = ds.getConnection()) {
      Optional<Instant> recorded = read(c);
      if (recorded.isPresent()) return recorded.get();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO install_marker (id, installed_at) VALUES (1, ?)")) {
        ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        ps.executeUpdate();
        return now;
      } catch (SQLException e) {
        if (!DeliveryStore.DUPLICATE_KEY.equals(e.getSQLState())) throw e;
        return read(c).orElseThrow(() -> e);
      }
    } catch (SQLException e) {
      throw StoreException.of("Could not read when the bot was installed.", e);
    }
  }

  private static Optional<Instant> read(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT installed_at FROM install_marker WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
    }
  }
}
