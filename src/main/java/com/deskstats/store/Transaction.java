package com.deskstats.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs JDBC work in one transaction on one connection: all of it is saved, or none. */
final class Transaction {
  private Transaction() {}

  /** The work, given the connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Commits when {@code work} returns, rolls back when it throws. */
  static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }
}
