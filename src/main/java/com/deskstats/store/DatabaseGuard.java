package com.deskstats.store;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker (Resilience4j) in front of the database's connections: once a connection cannot be had, every
 * later request is refused at once, without waiting on the pool, until a probe every {@link #PROBE_EVERY} finds the
 * database back. One WARN line when it goes away, one INFO line when it is back; no stack traces.
 */
public final class DatabaseGuard {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(DatabaseGuard.class);

  /** How long the breaker stays open before one request may probe the database again. */
  public static final Duration PROBE_EVERY = Duration.ofSeconds(5);

  private final CircuitBreaker breaker;
  private final Duration probeEvery;
  private final AtomicReference<String> lastFailure = new AtomicReference<>("");

  public DatabaseGuard() {
    this(Clock.systemUTC(), PROBE_EVERY);
  }

  /** @param clock the breaker's clock for its open period (tests move it on instead of waiting) */
  public DatabaseGuard(Clock clock, Duration probeEvery) {
    this.probeEvery = probeEvery;
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        // One failed connection after a good one opens it: each further try would cost a whole connection timeout.
        .slidingWindow(2, 1, SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(50)
        .waitDurationInOpenState(probeEvery)
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordException(StoreException::unreachable)
        .writableStackTraceEnabled(false)
        .clock(clock)
        .build();
    breaker = CircuitBreaker.of("database", config);
    breaker.getEventPublisher().onStateTransition(e -> {
      switch (e.getStateTransition()) {
        case CLOSED_TO_OPEN -> log.warn("Database unreachable ({}): serving reports from Desk without the cache and "
            + "refusing changes; trying again every {}s", lastFailure.get(), probeEvery.toSeconds());
        case HALF_OPEN_TO_CLOSED -> log.info("Database reachable again: the cache and changes are back");
        default -> log.debug("database breaker {}", e.getStateTransition());
      }
    });
  }

  /** False while the database is known to be down (the breaker is open or probing). */
  public boolean available() {
    return breaker.getState() == CircuitBreaker.State.CLOSED;
  }

  /** The breaker's state: CLOSED, OPEN or HALF_OPEN (for tests and health). */
  public CircuitBreaker.State state() {
    return breaker.getState();
  }

  /** How many connections were refused without a try because the database was known to be down. */
  public long refusedCalls() {
    return breaker.getMetrics().getNumberOfNotPermittedCalls();
  }

  /** A DataSource whose {@code getConnection} goes through the breaker; statements on a connection do not. */
  public DataSource guard(DataSource ds) {
    return new Guarded(ds, this);
  }

  Connection connect(DataSource ds) throws SQLException {
    if (!breaker.tryAcquirePermission()) {
      throw new SQLTransientConnectionException("The database is unavailable (known to be down; trying again every "
          + probeEvery.toSeconds() + "s).", "08001");
    }
    long start = System.nanoTime();
    try {
      Connection c = ds.getConnection();
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return c;
    } catch (SQLException | RuntimeException e) {
      if (StoreException.unreachable(e)) lastFailure.set(describe(e));
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw e;
    }
  }

  /** Class and SQLState only: a driver's message may name hosts and users. */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String state = e instanceof SQLException s && s.getSQLState() != null ? ", SQLState " + s.getSQLState() : "";
    return root.getClass().getSimpleName() + state;
  }

  /** The wrapped DataSource; everything but getConnection passes straight through. */
  private record Guarded(DataSource ds, DatabaseGuard guard) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return guard.connect(ds);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the pool's own credentials are used");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return ds.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      ds.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      ds.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return ds.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return ds.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return iface.isInstance(ds) ? iface.cast(ds) : ds.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface.isInstance(ds) || ds.isWrapperFor(iface);
    }
  }
}
