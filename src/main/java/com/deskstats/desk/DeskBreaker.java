package com.deskstats.desk;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker (Resilience4j) around a {@link DeskSource} for commands: when every Desk call of the last minute
 * failed for an outage (unreachable, 5xx, retries spent), commands are answered at once with the last failure's
 * sentence and when the bot will try again, instead of each waiting out the retry budget. {@link #always()} is the
 * digest's view: it always calls Desk, and one success closes the breaker.
 */
public final class DeskBreaker implements DeskSource {
  private static final Logger log = LoggerFactory.getLogger(DeskBreaker.class);

  /** The window over which every call must have failed. */
  static final Duration WINDOW = Duration.ofMinutes(1);
  /** How long commands are answered at once before one may try Desk again. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(30);
  /** Fewer failed calls than this in the window never open the breaker. */
  static final int MIN_CALLS = 2;

  private final DeskSource desk;
  private final Clock clock;
  private final Duration retryAfter;
  private final CircuitBreaker breaker;
  private final AtomicReference<DeskException> lastFailure = new AtomicReference<>();
  private volatile Instant openedAt = Instant.EPOCH;

  public DeskBreaker(DeskSource desk, Clock clock) {
    this(desk, clock, RETRY_AFTER);
  }

  /** @param clock also the breaker's clock for its open period (tests move it on instead of waiting) */
  public DeskBreaker(DeskSource desk, Clock clock, Duration retryAfter) {
    this.desk = desk;
    this.clock = clock;
    this.retryAfter = retryAfter;
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindow((int) WINDOW.toSeconds(), MIN_CALLS, SlidingWindowType.TIME_BASED)
        .failureRateThreshold(100)
        .waitDurationInOpenState(retryAfter)
        .permittedNumberOfCallsInHalfOpenState(1)
        // Only outages count; Desk answering "wrong key" or "bad request" is reachable, and the breaker cannot fix it.
        .recordException(DeskBreaker::outage)
        .ignoreException(e -> !outage(e))
        .writableStackTraceEnabled(false)
        .clock(clock)
        .build();
    breaker = CircuitBreaker.of("desk", config);
    breaker.getEventPublisher().onStateTransition(e -> {
      switch (e.getStateTransition()) {
        case CLOSED_TO_OPEN -> {
          openedAt = clock.instant();
          log.warn("Desk unavailable: every call of the last minute failed; commands answer at once until {}",
              openedAt.plus(retryAfter));
        }
        case HALF_OPEN_TO_OPEN -> openedAt = clock.instant();
        case OPEN_TO_CLOSED, HALF_OPEN_TO_CLOSED -> log.info("Desk answers again: commands call it again");
        default -> log.debug("desk breaker {}", e.getStateTransition());
      }
    });
  }

  static boolean outage(Throwable e) {
    return e instanceof DeskException d && d.passing();
  }

  @Override
  public List<AgentRow> fetchDay(LocalDate day, Set<String> agentIds) throws DeskException {
    if (!breaker.tryAcquirePermission()) throw refused();
    return call(() -> desk.fetchDay(day, agentIds));
  }

  @Override
  public List<AgentRow> fetchDayUntil(LocalDate day, LocalTime until, Set<String> agentIds) throws DeskException {
    if (!breaker.tryAcquirePermission()) throw refused();
    return call(() -> desk.fetchDayUntil(day, until, agentIds));
  }

  @Override
  public boolean sample() {
    return desk.sample();
  }

  /** The digest's view of Desk: never refused, and its outcomes count (one success closes the breaker). */
  public DeskSource always() {
    return new DeskSource() {
      @Override
      public List<AgentRow> fetchDay(LocalDate day, Set<String> agentIds) throws DeskException {
        return closing(call(() -> desk.fetchDay(day, agentIds)));
      }

      @Override
      public List<AgentRow> fetchDayUntil(LocalDate day, LocalTime until, Set<String> agentIds) throws DeskException {
        return closing(call(() -> desk.fetchDayUntil(day, until, agentIds)));
      }

      private List<AgentRow> closing(List<AgentRow> rows) {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) breaker.transitionToClosedState();
        return rows;
      }

      @Override
      public boolean sample() {
        return desk.sample();
      }
    };
  }

  /** CLOSED, OPEN or HALF_OPEN. */
  public CircuitBreaker.State state() {
    return breaker.getState();
  }

  /** One call to Desk. */
  private interface Fetch {
    List<AgentRow> get() throws DeskException;
  }

  private List<AgentRow> call(Fetch fetch) throws DeskException {
    long start = System.nanoTime();
    try {
      List<AgentRow> rows = fetch.get();
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return rows;
    } catch (DeskException | RuntimeException e) {
      if (outage(e)) lastFailure.set((DeskException) e);
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw e;
    }
  }

  /** The last failure's sentence and when the bot tries Desk again. */
  private DeskException refused() {
    DeskException last = lastFailure.get();
    String sentence = last != null ? last.userMessage() : "Desk is not answering right now.";
    long seconds = Duration.between(clock.instant(), openedAt.plus(retryAfter)).toSeconds();
    String when = breaker.getState() == CircuitBreaker.State.HALF_OPEN || seconds <= 0
        ? " The bot is trying Desk again right now; ask again in a moment."
        : " The bot will try Desk again in " + seconds + " s.";
    return new DeskException(DeskException.Kind.UNAVAILABLE, last != null ? last.code() : 0, sentence + when);
  }
}
