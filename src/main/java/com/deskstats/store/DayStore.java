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
import javax.sql.DataSource;

/** The per-day cache of Desk rows in JDBC (H2 or PostgreSQL): one closed day of one scope at a time. */
public final class DayStore {

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

  /** @param ds a migrated database (see {@link Database#migrate}) */
  public DayStore(DataSource ds) {
    this.ds = ds;
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
      throw new StoreException("Reading the cached day " + day + " failed: " + reason(e), e);
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
      throw new StoreException("Saving the cached day " + day + " failed: " + reason(e), e);
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
