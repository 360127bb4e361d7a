package com.deskstats.store;

import com.deskstats.store.Delivery.Kind;
import com.deskstats.store.Delivery.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The delivery record that makes each digest at-most-once per channel, cadence, group and period across restarts
 * and replicas.
 *
 * <p>{@link #claim} inserts the period's scheduled row; the unique key (channel_id, cadence, group_name,
 * scheduled_day) lets exactly one node win. A claim whose node died before Slack accepted the message (status claimed, no message_ts)
 * may be taken over once it is older than {@code staleAfter}: that trades a duplicate in the rare case of a
 * crash between Slack's answer and our write of message_ts for never silently losing a day. A row waiting to be
 * tried again is {@link DeliveryRetryStore}'s.
 */
public final class DeliveryStore {

  /** SQLState of a unique-key violation on both H2 and PostgreSQL. */
  static final String DUPLICATE_KEY = "23505";

  /** How old a claim must be before another node may take it over. */
  public static final Duration STALE_CLAIM = Duration.ofMinutes(15);

  /** Every column of a delivery row, in the order {@link #read} takes them. */
  static final String COLUMNS = "id, channel_id, delivery_day, kind, status, attempts, claimed_by, claimed_at, "
      + "finished_at, error, message_ts, next_attempt_at, retry_until, cadence, group_name";

  /** The WHERE condition of one digest: channel, cadence and group (three parameters). */
  private static final String KEY = "channel_id = ? AND cadence = ? AND group_name = ?";

  private final DataSource dataSource;
  private final Clock clock;
  private final Duration staleAfter;

  public DeliveryStore(DataSource dataSource, Clock clock) {
    this(dataSource, clock, STALE_CLAIM);
  }

  public DeliveryStore(DataSource dataSource, Clock clock, Duration staleAfter) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  /**
   * Claims the channel's scheduled delivery for {@code day}; returns the delivery id to the one claimant that
   * won, empty to every other (already claimed, sent, failed or skipped).
   */
  public OptionalLong claim(String channelId, LocalDate day, String node) {
    return claim(DeliveryKey.daily(channelId), day, node);
  }

  /** As {@link #claim(String, LocalDate, String)} for one digest of the channel; {@code day} starts its period. */
  public OptionalLong claim(DeliveryKey key, LocalDate day, String node) {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      try {
        return OptionalLong.of(insert(c, key, day, Kind.SCHEDULED, Status.CLAIMED, node, now, null));
      } catch (SQLException e) {
        if (!DUPLICATE_KEY.equals(e.getSQLState())) throw e;
      }
      // Take over a claim whose node died before posting; the conditional update lets only one node win.
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE delivery SET claimed_by = ?, claimed_at = ? WHERE " + KEY + " AND scheduled_day = ? "
              + "AND status = 'claimed' AND message_ts IS NULL AND claimed_at < ?")) {
        ps.setString(1, node);
        ps.setObject(2, ts(now));
        int i = setKey(ps, 3, key);
        ps.setObject(i, day);
        ps.setObject(i + 1, ts(now.minus(staleAfter)));
        if (ps.executeUpdate() == 0) return OptionalLong.empty();
      }
      return scheduled(c, key, day).map(d -> OptionalLong.of(d.id())).orElse(OptionalLong.empty());
    } catch (SQLException e) {
      throw StoreException.of("Could not record the digest delivery.", e);
    }
  }

  /**
   * Records the day as skipped (a missed run past the grace) unless something is recorded for it already; a
   * stale claim (its node died before posting) is turned into the skip, so the day does not stay "in progress".
   */
  public boolean skip(String channelId, LocalDate day, String node, String reason) {
    return skip(DeliveryKey.daily(channelId), day, node, reason);
  }

  /** As {@link #skip(String, LocalDate, String, String)} for one digest of the channel. */
  public boolean skip(DeliveryKey key, LocalDate day, String node, String reason) {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      try {
        insert(c, key, day, Kind.SCHEDULED, Status.SKIPPED, node, now, reason);
        return true;
      } catch (SQLException e) {
        if (!DUPLICATE_KEY.equals(e.getSQLState())) throw e;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE delivery SET status = 'skipped', claimed_by = ?, finished_at = ?, error = ? WHERE " + KEY
              + " AND scheduled_day = ? AND status = 'claimed' AND message_ts IS NULL AND claimed_at < ?")) {
        ps.setString(1, node);
        ps.setObject(2, ts(now));
        ps.setString(3, clip(reason));
        int i = setKey(ps, 4, key);
        ps.setObject(i, day);
        ps.setObject(i + 1, ts(now.minus(staleAfter)));
        return ps.executeUpdate() > 0;
      }
    } catch (SQLException e) {
      throw StoreException.of("Could not record the skipped digest.", e);
    }
  }

  /** Records a test send ({@code digest now}); it never takes the day's scheduled slot. */
  public long startTest(String channelId, LocalDate day, String node) {
    try (Connection c = dataSource.getConnection()) {
      return insert(c, DeliveryKey.daily(channelId), day, Kind.TEST, Status.CLAIMED, node, clock.instant(), null);
    } catch (SQLException e) {
      throw StoreException.of("Could not record the test send.", e);
    }
  }

  /** Notes that Slack accepted the message, before anything else can fail (see the class comment). */
  public void markPosted(long id, String messageTs, int attempts) {
    update(id, "UPDATE delivery SET message_ts = ?, attempts = ? WHERE id = ?", messageTs, attempts);
  }

  /** The delivery is complete; {@code note} is empty or says what went wrong on the side (the chart). */
  public void markSent(long id, Optional<String> note) {
    finish(id, Status.SENT, note.orElse(null), null);
  }

  public void markFailed(long id, String error, int attempts) {
    finish(id, Status.FAILED, error, attempts);
  }

  /** Marks a claimed delivery skipped, e.g. when it turned out there was nothing to send. */
  public void markSkipped(long id, String reason) {
    finish(id, Status.SKIPPED, reason, null);
  }

  /** The most recent delivery of one digest of a channel (its daily team digest: test sends too). */
  public Optional<Delivery> last(DeliveryKey key) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM delivery WHERE " + KEY
             + " ORDER BY claimed_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")) {
      setKey(ps, 1, key);
      return one(ps);
    } catch (SQLException e) {
      throw StoreException.of("Could not read the digest deliveries.", e);
    }
  }

  /** The channel's scheduled delivery for a day, if any is recorded. */
  public Optional<Delivery> scheduled(String channelId, LocalDate day) {
    return scheduled(DeliveryKey.daily(channelId), day);
  }

  /** The scheduled delivery of one digest of a channel for the period starting {@code day}, if any is recorded. */
  public Optional<Delivery> scheduled(DeliveryKey key, LocalDate day) {
    try (Connection c = dataSource.getConnection()) {
      return scheduled(c, key, day);
    } catch (SQLException e) {
      throw StoreException.of("Could not read the digest deliveries.", e);
    }
  }

  private Optional<Delivery> scheduled(Connection c, DeliveryKey key, LocalDate day) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM delivery WHERE " + KEY + " AND scheduled_day = ?")) {
      ps.setObject(setKey(ps, 1, key), day);
      return one(ps);
    }
  }

  /** Binds {@link #KEY}'s three parameters from {@code at}; returns the next parameter's index. */
  private static int setKey(PreparedStatement ps, int at, DeliveryKey key) throws SQLException {
    ps.setString(at, key.channelId());
    ps.setString(at + 1, key.cadence());
    ps.setString(at + 2, key.group());
    return at + 3;
  }

  private long insert(Connection c, DeliveryKey key, LocalDate day, Kind kind, Status status, String node,
      Instant now, String error) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO delivery (channel_id, delivery_day, kind, scheduled_day, status, attempts, claimed_by, "
            + "claimed_at, finished_at, error, cadence, group_name) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, key.channelId());
      ps.setObject(2, day);
      ps.setString(3, kind.sql());
      ps.setObject(4, kind == Kind.SCHEDULED ? day : null, java.sql.Types.DATE);
      ps.setString(5, status.sql());
      ps.setString(6, node);
      ps.setObject(7, ts(now));
      ps.setObject(8, status == Status.CLAIMED ? null : ts(now), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
      ps.setString(9, clip(error));
      ps.setString(10, key.cadence());
      ps.setString(11, key.group());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) throw new SQLException("no generated key for the delivery row");
        return keys.getLong(1);
      }
    }
  }

  private void finish(long id, Status status, String error, Integer attempts) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, finished_at = ?, error = ?, "
             + "attempts = COALESCE(?, attempts) WHERE id = ?")) {
      ps.setString(1, status.sql());
      ps.setObject(2, ts(clock.instant()));
      ps.setString(3, clip(error));
      ps.setObject(4, attempts, java.sql.Types.INTEGER);
      ps.setLong(5, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of("Could not record the digest outcome.", e);
    }
  }

  private void update(long id, String sql, String text, int n) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, text);
      ps.setInt(2, n);
      ps.setLong(3, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of("Could not record the digest outcome.", e);
    }
  }

  private static Optional<Delivery> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  static Delivery read(ResultSet rs) throws SQLException {
    OffsetDateTime finished = rs.getObject(9, OffsetDateTime.class);
    return new Delivery(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
        Kind.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
        Status.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)), rs.getInt(6), rs.getString(7),
        rs.getObject(8, OffsetDateTime.class).toInstant(), Optional.ofNullable(finished).map(OffsetDateTime::toInstant),
        Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)),
        Optional.ofNullable(rs.getObject(12, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
        Optional.ofNullable(rs.getObject(13, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
        rs.getString(14), rs.getString(15));
  }

  static OffsetDateTime ts(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static String clip(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "…";
  }
}
