package com.deskstats.store;

import com.deskstats.desk.AgentRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The per-day cache of Desk rows in JDBC (H2 or PostgreSQL): one closed day of one scope at a time. */
public final class DayStore {
  private static final Logger log = LoggerFactory.getLogger(DayStore.class);

  /** One stored day: the rows in Desk's order and when they were fetched (to the millisecond). */
  public record StoredDay(List<AgentRow> rows, Instant fetchedAt) {
    public StoredDay {
      rows = List.copyOf(rows);
    }
  }

  private static final String UNIQUE_VIOLATION = "23505";
  private static final int BATCH = 500;

  private static final String COLUMNS = "agent_id, agent_nickname, first_login_timestamp, last_logout_timestamp,"
      + " free_time, busy_time, rest_time, total_session_cnt, transfer_session_cnt, effective_session_cnt,"
      + " agent_end_cnt, serve_user_cnt, total_accept_time, total_msg_cnt, agent_msg_cnt, user_msg_cnt,"
      + " not_resp_session_cnt, avg_first_resp_time, first_resp_under30s_cnt, avg_resp_time,"
      + " avg_resp_under30s_cnt, avg_accept_time, satisfaction_selected_cnt, satisfied_cnt";

  private static final String SELECT_DAY =
      "SELECT fetched_at, row_count FROM day_cache WHERE scope = ? AND desk_day = ?";
  private static final String SELECT_ROWS =
      "SELECT " + COLUMNS + " FROM day_cache_row WHERE scope = ? AND desk_day = ? ORDER BY ordinal";
  private static final String INSERT_DAY =
      "INSERT INTO day_cache (scope, desk_day, fetched_at, row_count) VALUES (?, ?, ?, ?)";
  private static final String INSERT_ROW = "INSERT INTO day_cache_row (scope, desk_day, ordinal, " + COLUMNS
      + ") VALUES (?, ?, ?" + ", ?".repeat(24) + ")";

  private final DataSource ds;
  private final Executor writer;
  private final BooleanSupplier available;

  /** @param ds a migrated database (see {@link Database#migrate}); {@link #saveLater} saves at once */
  public DayStore(DataSource ds) {
    this(ds, Runnable::run, () -> true);
  }

  /**
   * @param writer runs {@link #saveLater}'s saves; a bounded one rejects work when full, and the day is dropped
   * @param available false while the database is known to be down: saves are dropped without a try
   */
  public DayStore(DataSource ds, Executor writer, BooleanSupplier available) {
    this.ds = ds;
    this.writer = writer;
    this.available = available;
  }

  /**
   * A {@link #writer} for {@link #DayStore(DataSource, Executor, BooleanSupplier)}: one daemon thread, at most
   * {@code queue} saves waiting. The caller shuts it down.
   */
  public static ThreadPoolExecutor boundedWriter(int queue) {
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, "day-cache-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Stores the day as {@link #save} does, but off the caller's thread: a reply never waits for the cache. Returns
   * false when the save was dropped (the database is known to be down, or too many saves are waiting); the next
   * request for the day then fetches it from Desk again. A save that fails is logged, never thrown.
   */
  public boolean saveLater(String scope, LocalDate day, List<AgentRow> rows, Instant fetchedAt) {
    if (!available.getAsBoolean()) return false;
    try {
      writer.execute(() -> {
        try {
          save(scope, day, rows, fetchedAt);
        } catch (StoreUnavailableException e) {
          // DatabaseGuard has said once that the database is gone.
          log.debug("Could not cache Desk day {}: {}", day, e.getMessage());
        } catch (StoreException e) {
          log.warn("Could not cache Desk day {}: {}", day, e.getMessage());
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      log.debug("Cache write of Desk day {} dropped: too many waiting", day);
      return false;
    }
  }

  /**
   * The stored rows of one day, or empty when that day is not stored for this scope.
   *
   * @throws StoreException when the database fails
   */
  public Optional<StoredDay> load(String scope, LocalDate day) {
    // No transaction needed: a day's header and rows are committed together and never change after.
    try (Connection c = ds.getConnection()) {
      return load(c, scope, day);
    } catch (SQLException e) {
      throw StoreException.of("Reading the cached day " + day + " failed: " + reason(e), e);
    }
  }

  private static Optional<StoredDay> load(Connection c, String scope, LocalDate day) throws SQLException {
    Instant fetchedAt;
    int count;
    try (PreparedStatement ps = c.prepareStatement(SELECT_DAY)) {
      ps.setString(1, scope);
      ps.setObject(2, day);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        fetchedAt = rs.getObject(1, OffsetDateTime.class).toInstant();
        count = rs.getInt(2);
      }
    }
    List<AgentRow> rows = new ArrayList<>(count);
    try (PreparedStatement ps = c.prepareStatement(SELECT_ROWS)) {
      ps.setString(1, scope);
      ps.setObject(2, day);
      ps.setFetchSize(Math.max(count, 100));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(row(rs));
      }
    }
    return Optional.of(new StoredDay(rows, fetchedAt));
  }

  /**
   * Stores one closed day, all rows or none. The first save of a day wins: saving a day already stored
   * (another replica got there first, or a retry) changes nothing and does not fail.
   *
   * @param fetchedAt when the rows came from Desk; kept to the millisecond
   * @throws StoreException when the database fails for another reason
   */
  public void save(String scope, LocalDate day, List<AgentRow> rows, Instant fetchedAt) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        // The header goes first: a concurrent saver of the same day waits on its key, then sees 23505
        // there (only there: a duplicate among the rows is a real failure).
        try (PreparedStatement ps = c.prepareStatement(INSERT_DAY)) {
          ps.setString(1, scope);
          ps.setObject(2, day);
          ps.setObject(3, OffsetDateTime.ofInstant(fetchedAt.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
          ps.setInt(4, rows.size());
          ps.executeUpdate();
        } catch (SQLException e) {
          if (!isUniqueViolation(e)) throw e;
          c.rollback();
          return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ROW)) {
          int ordinal = 0;
          for (AgentRow r : rows) {
            bind(ps, scope, day, ordinal++, r);
            ps.addBatch();
            if (ordinal % BATCH == 0) ps.executeBatch();
          }
          if (ordinal % BATCH != 0) ps.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw StoreException.of("Saving the cached day " + day + " failed: " + reason(e), e);
    }
  }

  /**
   * The database's reason in one short line. A failed batch's own message repeats the whole statement with every
   * value (nicknames included), which belongs in no log line; the chained exception holds the reason.
   */
  static String reason(SQLException e) {
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    String m = cause.getMessage() == null ? "" : cause.getMessage().strip();
    int nl = m.indexOf('\n');
    if (nl >= 0) m = m.substring(0, nl);
    if (m.length() > 200) m = m.substring(0, 200) + "…";
    return m + " (SQLState " + cause.getSQLState() + ")";
  }

  private static boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (UNIQUE_VIOLATION.equals(x.getSQLState())) return true;
      if (x.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState())) return true;
    }
    return false;
  }

  private static void bind(PreparedStatement ps, String scope, LocalDate day, int ordinal, AgentRow r)
      throws SQLException {
    int i = 1;
    ps.setString(i++, scope);
    ps.setObject(i++, day);
    ps.setInt(i++, ordinal);
    ps.setString(i++, r.agentId());
    ps.setString(i++, r.agentNickName());
    ps.setLong(i++, r.firstLoginTimestamp());
    ps.setLong(i++, r.lastLogoutTimestamp());
    ps.setLong(i++, r.freeTime());
    ps.setLong(i++, r.busyTime());
    ps.setLong(i++, r.restTime());
    ps.setLong(i++, r.totalSessionCnt());
    ps.setLong(i++, r.transferSessionCnt());
    ps.setLong(i++, r.effectiveSessionCnt());
    ps.setLong(i++, r.agentEndCnt());
    ps.setLong(i++, r.serveUserCnt());
    ps.setLong(i++, r.totalAcceptTime());
    ps.setLong(i++, r.totalMsgCnt());
    ps.setLong(i++, r.agentMsgCnt());
    ps.setLong(i++, r.userMsgCnt());
    ps.setLong(i++, r.notRespSessionCnt());
    ps.setLong(i++, r.avgFirstRespTime());
    ps.setLong(i++, r.firstRespUnder30sCnt());
    ps.setLong(i++, r.avgRespTime());
    ps.setLong(i++, r.avgRespUnder30sCnt());
    ps.setLong(i++, r.avgAcceptTime());
    ps.setLong(i++, r.satisfactionSelectedCnt());
    ps.setLong(i, r.satisfiedCnt());
  }

  private static AgentRow row(ResultSet rs) throws SQLException {
    return new AgentRow(
        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
        rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
        rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getLong(18),
        rs.getLong(19), rs.getLong(20), rs.getLong(21), rs.getLong(22), rs.getLong(23), rs.getLong(24));
  }
}
