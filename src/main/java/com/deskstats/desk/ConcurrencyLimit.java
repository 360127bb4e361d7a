package com.deskstats.desk;

import java.time.Clock;
import java.time.Duration;

/**
 * How many Desk calls may be in flight, shared by every day and every report of one client, adapted to Desk's
 * answers (AIMD): each call that succeeds raises the limit, by one until the first rate-limit answer and by
 * 1/limit after it; a rate-limit answer halves it. It stays between 1 and {@code max}, and for {@link #HOLD} after a
 * rate-limit answer below the number of calls that were in flight then, so that it does not probe Desk's quota
 * again on every report.
 */
final class ConcurrencyLimit {

  /** What one call came to, for the limit. */
  enum Outcome { SUCCESS, RATE_LIMITED, OTHER }

  /** How long the limit stays below the calls in flight at Desk's last rate-limit answer. */
  static final Duration HOLD = Duration.ofMinutes(15);

  private final int max;
  private final Clock clock;
  private int ceiling;
  private long ceilingUntil = Long.MIN_VALUE;
  private double limit;
  private int inFlight;
  private long sent;
  private long cutAt;
  private boolean limitedOnce;

  /**
   * @param initial the limit before any answer (DESK_PARALLELISM)
   * @param max the limit never grows past this (DESK_MAX_IN_FLIGHT)
   */
  ConcurrencyLimit(int initial, int max, Clock clock) {
    if (initial < 1 || max < initial) throw new IllegalArgumentException("need 1 <= initial <= max");
    this.limit = initial;
    this.max = max;
    this.clock = clock;
  }

  /** A call let in: its place in the order of calls, and the calls in flight with it. */
  record Permit(long seq, int inFlight) {}

  /** Waits until a call may start, then counts it in flight. */
  synchronized Permit acquire() throws InterruptedException {
    while (inFlight >= (int) limit) wait();
    inFlight++;
    return new Permit(++sent, inFlight);
  }

  /** Counts a call out of flight and adapts the limit to how it ended. */
  synchronized void release(Permit permit, Outcome outcome) {
    inFlight--;
    switch (outcome) {
      case SUCCESS -> {
        int top = clock.millis() < ceilingUntil ? ceiling : max;
        if (limit < top) limit = Math.min(top, limit + (limitedOnce ? 1.0 / limit : 1.0));
      }
      case RATE_LIMITED -> {
        // Calls sent before the last cut were refused for the same crowd: one halving per episode.
        if (permit.seq() <= cutAt) break;
        limitedOnce = true;
        ceiling = Math.max(1, permit.inFlight() - 1);
        limit = Math.max(1, Math.min(limit / 2, ceiling));
        ceilingUntil = clock.millis() + HOLD.toMillis();
        cutAt = sent;
      }
      case OTHER -> { }
    }
    notifyAll();
  }

  /** The current limit, whole calls. */
  synchronized int limit() {
    return (int) limit;
  }

  /** Calls in flight now. */
  synchronized int inFlight() {
    return inFlight;
  }

  @Override
  public synchronized String toString() {
    return "limit " + (int) limit + " of at most " + max;
  }
}
