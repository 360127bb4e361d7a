package com.deskstats.stats;

import com.deskstats.config.Settings;
import com.deskstats.desk.AgentRow;
import com.deskstats.desk.DeskException;
import com.deskstats.desk.DeskSource;
import com.deskstats.ops.Metrics;
import com.deskstats.store.DayStore;
import com.deskstats.store.StoreException;
import com.deskstats.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desk days through the per-day store (SPEC §2): a closed day is fetched from Desk once and then read
 * from the database; an open day is always fetched; concurrent callers of one day share one fetch.
 */
public final class CachedDays implements DaySource {

  private static final Logger log = LoggerFactory.getLogger(CachedDays.class);

  private final DeskSource desk;
  private final DayStore store;
  private final String scope;
  private final ZoneId zone;
  private final Duration settle;
  private final Clock clock;
  private final Metrics metrics;
  private final ConcurrentMap<LocalDate, CompletableFuture<DayRows>> flights = new ConcurrentHashMap<>();

  /**
   * @param scope which Desk application and zone the stored days belong to; see {@link #scope(Settings)}
   * @param zone where Desk days begin (DESK_TIMEZONE)
   * @param settle how long after its end a day is closed (DESK_SETTLE)
   */
  public CachedDays(DeskSource desk, DayStore store, String scope, ZoneId zone, Duration settle, Clock clock,
      Metrics metrics) {
    this.desk = desk;
    this.store = store;
    this.scope = scope;
    this.zone = zone;
    this.settle = settle;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The store scope for these settings: {@code "<sdkappid>@<DESK_TIMEZONE>"} ("sample@…" for the demo). */
  public static String scope(Settings s) {
    String app = s.deskSdkAppId().map(String::valueOf).orElse(s.deskDemo() ? "sample" : "none");
    return app + "@" + s.deskTimezone().getId();
  }

  @Override
  public DayRows day(LocalDate day) throws DeskException {
    Instant now = clock.instant();
    if (day.isAfter(LocalDate.ofInstant(now, zone))) return new DayRows(day, List.of(), now);
    boolean closed = closed(day, now);
    if (closed) {
      Optional<DayRows> stored = stored(day);
      if (stored.isPresent()) {
        metrics.cache("hit");
        return stored.get();
      }
    }
    return shared(day, closed);
  }

  /** A partial day is never cached and never shares a flight with the whole day. */
  @Override
  public DayRows dayUntil(LocalDate day, java.time.LocalTime until) throws DeskException {
    metrics.cache("miss");
    List<AgentRow> rows = desk.fetchDayUntil(day, until, Set.of());
    return new DayRows(day, rows, clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }

  @Override
  public boolean sample() {
    return desk.sample();
  }

  /** The latest closed day: yesterday once DESK_SETTLE has passed since midnight in the Desk zone, else the day before. */
  public LocalDate lastClosedDay() {
    Instant now = clock.instant();
    LocalDate day = LocalDate.ofInstant(now, zone).minusDays(1);
    while (!closed(day, now)) day = day.minusDays(1);
    return day;
  }

  /** True when {@code day} is closed and its rows are in the store (a database failure counts as not cached). */
  public boolean cached(LocalDate day) {
    return closed(day, clock.instant()) && stored(day).isPresent();
  }

  /** A day is closed once its end (the next day's start in the zone) is more than settle in the past. */
  boolean closed(LocalDate day, Instant now) {
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    return end.plus(settle).isBefore(now);
  }

  /** Joins the day's fetch under way, or starts one and lets later callers join it. */
  private DayRows shared(LocalDate day, boolean closed) throws DeskException {
    CompletableFuture<DayRows> mine = new CompletableFuture<>();
    CompletableFuture<DayRows> running = flights.putIfAbsent(day, mine);
    if (running != null) {
      metrics.cache("shared");
      return await(running);
    }
    try {
      DayRows rows = load(day, closed);
      mine.complete(rows);
      return rows;
    } catch (DeskException | RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      flights.remove(day, mine);
    }
  }

  private DayRows load(LocalDate day, boolean closed) throws DeskException {
    if (closed) {
      // Another flight may have stored the day since this caller looked.
      Optional<DayRows> stored = stored(day);
      if (stored.isPresent()) {
        metrics.cache("hit");
        return stored.get();
      }
    }
    metrics.cache("miss");
    List<AgentRow> rows = desk.fetchDay(day, Set.of());
    Instant fetchedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // The rows are good whatever becomes of the save; a dropped one means the next request fetches the day again.
    if (closed) store.saveLater(scope, day, rows, fetchedAt);
    return new DayRows(day, rows, fetchedAt);
  }

  /** The stored day, or empty; a database failure falls back to Desk rather than failing the report. */
  private Optional<DayRows> stored(LocalDate day) {
    try {
      return store.load(scope, day).map(s -> new DayRows(day, s.rows(), s.fetchedAt()));
    } catch (StoreUnavailableException e) {
      // DatabaseGuard has said once that the database is gone.
      log.debug("Could not read cached Desk day {}: {}", day, e.getMessage());
      return Optional.empty();
    } catch (StoreException e) {
      log.warn("Could not read cached Desk day {}: {}", day, e.getMessage());
      return Optional.empty();
    }
  }

  private static DayRows await(CompletableFuture<DayRows> running) throws DeskException {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeskException(DeskException.Kind.UNAVAILABLE, 0,
          "Stopped waiting for Desk because the bot is shutting down.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DeskException d) throw d;
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
  }
}
