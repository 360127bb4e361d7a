package com.deskstats.desk;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How a Desk call is retried: at most {@code attempts} tries, exponential backoff from {@code baseDelay} capped at
 * {@code maxDelay} with full jitter, and no new try once {@code totalBudget} would be exceeded.
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay, Duration totalBudget) {

  public RetryPolicy {
    if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
    if (baseDelay.isNegative() || maxDelay.isNegative() || totalBudget.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** 4 attempts, 200 ms base, 3 s cap, 10 s in all. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(10));
  }

  /** The capped exponential delay before retry number {@code retry} (1 for the first retry), before jitter. */
  long ceilingMillis(int retry) {
    long base = baseDelay.toMillis();
    long cap = maxDelay.toMillis();
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long exp = base << shift;
    return exp < 0 || exp > cap ? cap : exp;
  }

  /** Full jitter: uniform in [0, ceiling]. */
  long backoffMillis(int retry, RandomGenerator random) {
    long ceiling = ceilingMillis(retry);
    return ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
  }

  /**
   * After a rate-limit answer: uniform in [ceiling/2, ceiling], so the shared pause is long enough to relieve
   * Desk while still spreading callers out.
   */
  long rateLimitBackoffMillis(int retry, RandomGenerator random) {
    long ceiling = ceilingMillis(retry);
    long half = ceiling / 2;
    return ceiling <= 0 ? 0 : half + random.nextLong(ceiling - half + 1);
  }
}
