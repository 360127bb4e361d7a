package com.deskstats.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** A database operation failed; the message is one sentence and never contains a password. */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The right type for a failed statement: {@link StoreUnavailableException} when the database could not be reached
   * (no connection in time, a broken connection, the circuit breaker open), else a plain StoreException.
   */
  static StoreException of(String message, SQLException e) {
    return unreachable(e) ? new StoreUnavailableException(message, e) : new StoreException(message, e);
  }

  /** True for connection failures (SQLState class 08, or a pool that handed out no connection in time). */
  public static boolean unreachable(Throwable t) {
    for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
      if (x instanceof SQLTransientConnectionException) return true;
      if (x instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) return true;
    }
    return false;
  }
}
